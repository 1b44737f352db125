import { precededByPlaceWord } from '../guards';
import { FULL_MONTHS, MONTH_WORDS, expandYear, monthIndex } from '../lexicon';
import { DAY_NUMBER_WORDS, parseNumberWords } from '../numbers';
import type { Rule } from '../types';
import { B, DAY_PREPOSITION as P, E, dateFacet, group, rx } from './shared';

/** Days of the month in words: "cinco de maio", "primeiro de março", "três de março de 2014", "dia vinte e cinco", "dia primeiro". */

export const dayWordRules: Rule[] = [
	{
		name: 'date-day-words-month',
		pattern: rx(
			String.raw`${B}${P}(?:(?<dia>dia)\s+)?(?<d>${DAY_NUMBER_WORDS})\s+(?<sep>de\s+)?(?<mon>${MONTH_WORDS})${E}\.?` +
				String.raw`(?:\s*(?:de\s+|\/\s*|,\s*)?(?<y>\d{4})${E})?`,
		),
		read(m, norm) {
			if (precededByPlaceWord(norm.text, m.index)) return null;
			const mon = group(m, 'mon') ?? '';
			// Without "de", only a full month name ("cinco maio"): "dez set" is not a date.
			if (!group(m, 'sep') && !FULL_MONTHS.has(mon)) return null;
			const y = group(m, 'y');
			return dateFacet(parseNumberWords(group(m, 'd') ?? '') ?? Number.NaN, monthIndex(mon), y === undefined ? undefined : expandYear(y));
		},
	},
	{
		name: 'date-day-words',
		pattern: rx(String.raw`${B}${P}(?:(?:todo|toda)\s+)?dia\s+(?<d>${DAY_NUMBER_WORDS})${E}`),
		read(m) {
			const d = parseNumberWords(group(m, 'd') ?? '');
			if (d === undefined || d < 1 || d > 31) return null;
			return [{ kind: 'day', spec: { type: 'date', day: d } }];
		},
	},
];
