import { originalRange } from './normalize';
import { RULES } from './rules';
import type { Match, NormalizedText, Rule } from './types';

interface Candidate {
	from: number;
	to: number;
	order: number;
	rule: Rule;
	facets: Match['facets'];
}

function candidates(norm: NormalizedText, rules: readonly Rule[]): Candidate[] {
	const found: Candidate[] = [];
	rules.forEach((rule, order) => {
		// Rule patterns are global and shared: start each scan from 0 (extraction is synchronous, so no scan interleaves).
		const pattern = rule.pattern;
		pattern.lastIndex = 0;
		for (let m = pattern.exec(norm.text); m !== null; m = pattern.exec(norm.text)) {
			if (m[0].length === 0) {
				pattern.lastIndex++;
				continue;
			}
			const facets = rule.read(m, norm);
			if (facets && facets.length > 0) {
				found.push({ from: m.index, to: m.index + m[0].length, order, rule, facets });
			} else {
				// A rejected match may hide a valid shorter one starting inside it ("a 2 camisas" → nothing, but retry after "a").
				pattern.lastIndex = m.index + 1;
			}
		}
	});
	return found;
}

/** Runs every rule and keeps the longest non-overlapping matches, in text order. */
export function findMatches(norm: NormalizedText, rules: readonly Rule[] = RULES): Match[] {
	const chosen: Candidate[] = [];
	const sorted = candidates(norm, rules).sort(
		(a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from || a.order - b.order,
	);
	for (const c of sorted) {
		if (chosen.every((k) => c.to <= k.from || c.from >= k.to)) chosen.push(c);
	}
	return chosen
		.sort((a, b) => a.from - b.from)
		.map((c) => {
			const [start, end] = originalRange(norm, c.from, c.to);
			return { rule: c.rule.name, start, end, facets: c.facets };
		});
}
