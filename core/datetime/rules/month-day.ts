import { followedByConnector } from '../guards';
import { expandYear, monthIndex } from '../lexicon';
import type { Rule } from '../types';
import { B, DAY_PREPOSITION as P, E, dateFacet, group, rx } from './shared';

/**
 * Month before the day, as in notes and calendar apps: "maio 5", "março, 15", "fev. 14", "dezembro 25 de 2026".
 * Day before the month without "de" ("5 maio", "05 maio") is the day-month rule in rules/days.ts.
 */

/** Full pt names, and abbreviations that are no other word; "mar", "set", "out", "dez" (sea, set, out, ten) need a dot. */
const MONTH = String.raw`(?:(?<mon>janeiro|fevereiro|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|jan|fev|abr|mai|jun|jul|ago|nov)\.?|(?<dotted>mar|set|out|dez)\.)`;

export const monthDayRules: Rule[] = [
	{
		name: 'date-month-day',
		pattern: rx(
			String.raw`${B}${P}${MONTH},?\s*(?:dia\s+)?(?<d>\d{1,2}|primeiro)(?:o)?(?![\p{L}\p{N}]|\s*[:\/.,-]\s*\d)(?:\s*(?:de\s+|,\s*)?(?<y>\d{4})${E})?`,
		),
		read(m, norm) {
			const y = group(m, 'y');
			// "maio 5 pessoas" is a count in May: only a connector, more date words or the end may follow.
			if (!y && !followedByConnector(norm.text, m.index + m[0].length)) return null;
			const d = group(m, 'd') === 'primeiro' ? 1 : Number(group(m, 'd'));
			return dateFacet(d, monthIndex(group(m, 'mon') ?? group(m, 'dotted') ?? ''), y === undefined ? undefined : expandYear(y));
		},
	},
];
