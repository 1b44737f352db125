import { isValidDate, maxDaysInMonth } from '../calendar';
import { WORD_END, WORD_START } from '../lexicon';
import type { Facet } from '../types';

/** Compiles a rule pattern: global, unicode, with group indices for context checks. */
export function rx(source: string): RegExp {
	return new RegExp(source, 'dgu');
}

/** A named group's text, or undefined when it did not take part in the match. */
export function group(match: RegExpExecArray, name: string): string | undefined {
	return match.groups?.[name];
}

/** Start index of a named group in the normalized text. */
export function groupStart(match: RegExpExecArray, name: string): number | undefined {
	return match.indices?.groups?.[name]?.[0];
}

export const B = WORD_START;
export const E = WORD_END;

/** Prepositions that belong to a day phrase and should leave the title with it ("reunião na sexta"). */
export const DAY_PREPOSITION = String.raw`(?:(?<dprep>para|pra|pro|ate|de|do|da|no|na|em|on|for|by|until|till)\s+)?`;

/** A calendar date after day/month/year sanity checks; a year-less 29/02 is allowed (it resolves to the next leap year). */
export function dateFacet(d: number, m: number, y: number | undefined): Facet[] | null {
	if (!Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > maxDaysInMonth(m)) return null;
	if (y !== undefined && !isValidDate(y, m, d)) return null;
	return [{ kind: 'day', spec: { type: 'date', day: d, month: m, year: y } }];
}
