import { findMatches } from '../../../../../core/datetime/matcher';
import { normalize } from '../../../../../core/datetime/normalize';
import type { Facet, Rule } from '../../../../../core/datetime/types';

/** What one rule file alone finds in a text: [rule name, matched text, facets] per match. */
export function matchWith(rules: readonly Rule[], text: string): [string, string, Facet[]][] {
	return findMatches(normalize(text), rules).map((m) => [m.rule, text.slice(m.start, m.end), m.facets]);
}
