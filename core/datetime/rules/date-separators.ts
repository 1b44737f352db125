import { expandYear } from '../lexicon';
import type { Rule } from '../types';
import { B, DAY_PREPOSITION as P, dateFacet, group, rx } from './shared';

/**
 * Day-month-year with "-" or "." ("1-3-2013", "1.3.2013", "31.10.74", "15-03-26"): the year is required, or "dia"
 * before it ("dia 15-03"), since "2-1" is a score, "13-15" a range and "1.3" a decimal. Two-digit years follow
 * TWO_DIGIT_YEAR_PIVOT. Slashes are the date-numeric rule in rules/days.ts.
 */

export const dateSeparatorRules: Rule[] = [
	{
		name: 'date-dash-dot',
		pattern: rx(
			String.raw`${B}${P}(?:(?<dia>dia)\s+)?(?<![$\/.,\d-]\s*)(?<d>\d{1,2})(?<sep>[-.])(?<m>\d{1,2})(?:\k<sep>(?<y>\d{4}|\d{2}))?(?![\p{L}\p{N}]|[-.\/,:]\d)`,
		),
		read(m) {
			const y = group(m, 'y');
			if (!y && !group(m, 'dia')) return null;
			return dateFacet(Number(group(m, 'd')), Number(group(m, 'm')), y === undefined ? undefined : expandYear(y));
		},
	},
];
