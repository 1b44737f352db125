import { followedByConnector, hasCrase, precededByDayWord } from '../guards';
import { AMBIGUOUS_PM_MAX_HOUR, HOUR_WORDS, MINUTE_WORDS, meridiemOf, parseQuantity } from '../lexicon';
import type { Facet, Meridiem, NormalizedText, Rule, TimeFacet } from '../types';
import { B, E, group, groupStart, rx } from './shared';

/** Rules that name a clock time: "9h", "14:30", "às 9", "3 da tarde", "4pm", "meio-dia". */

/** "às", "até às", "por volta das", "at" … kept inside the match so the title loses them too. */
const PREP_WORDS = String.raw`as|a|ao|das|at|pelas|umas|por\s+volta\s+das?|perto\s+das?|antes\s+das?|depois\s+das?|a\s+partir\s+das?|la\s+pelas|around|about|before|after|by|until|till`;
export const PREP = String.raw`(?:(?<prep>(?:ate\s+)?(?:${PREP_WORDS})|ate)\s+)?`;
const REQUIRED_PREP = String.raw`(?<prep>(?:ate\s+)?(?:${PREP_WORDS}))\s+`;
const PERIOD_WORDS = 'manha|tarde|noite|madrugada|morning|afternoon|evening|night';
export const PERIOD_SUFFIX = String.raw`(?:\s+(?:da|de|of\s+the|in\s+the|at)\s+(?<per>${PERIOD_WORDS}))?`;
const AMPM = String.raw`(?<ampm>am|pm|a\.m\.|p\.m\.)`;
export const MINUTES_AFTER_E = String.raw`(?:\s+e\s+(?:(?<half>meia)|(?<m2>\d{1,2}|${MINUTE_WORDS})(?:\s*(?:min|minutos))?))`;

/** Amounts, versions and scores written with a dot are not times. */
const NOT_A_TIME_BEFORE = /(?:versao|version|release|v|nota|placar|r\$|us\$|\$|€)\s*$/u;
const NOT_A_TIME_AFTER = /^\s*(?:reais|real|dolares|euros|kg|g|km|m|cm|mm|l|ml|mil|milhoes|pontos|pts|%|x)(?![\p{L}\p{N}])/u;

/** Prepositions that may also be articles or quantities ("as 3 camisas", "umas 3 pessoas"). */
const AMBIGUOUS_PREPS = new Set(['as', 'a', 'das', 'pelas', 'umas', 'around', 'about', 'before', 'after', 'by', 'until', 'till']);

/** A number token in digits or words; NaN when absent or not a number. */
export function number(token: string | undefined): number {
	return token === undefined ? Number.NaN : parseQuantity(token);
}

/** Minutes after the hour from the named groups `half`, `m` or `m2`; 0 when none matched. */
export function minutesOf(m: RegExpExecArray): number {
	if (group(m, 'half')) return 30;
	const text = group(m, 'm') ?? group(m, 'm2');
	return text === undefined ? 0 : number(text);
}

/** A time facet, or null (a rejected match) when hour or minute is out of range or not whole. */
export function time(hour: number, minute: number, extra: Partial<TimeFacet> = {}): Facet[] | null {
	if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
		return null;
	}
	return [{ kind: 'time', hour, minute, ...extra }];
}

/** An hour said with no "h", ":", am/pm or period; 1 to AMBIGUOUS_PM_MAX_HOUR are probably afternoon ("às 3"). */
export function clockReading(hour: number, minute: number): Facet[] | null {
	return time(hour, minute, hour >= 1 && hour <= AMBIGUOUS_PM_MAX_HOUR ? { afternoonLikely: true } : {});
}

/** The am/pm or period word matched (groups `ampm`, `per`), as a Meridiem. */
export function meridiem(m: RegExpExecArray): Meridiem | undefined {
	const word = group(m, 'ampm') ?? group(m, 'per');
	return word === undefined ? undefined : meridiemOf(word);
}

/** "as 3" is an article plus a number unless the crase, a day word before, or a connector after says otherwise. */
export function prepIsTrustworthy(m: RegExpExecArray, norm: NormalizedText): boolean {
	const prep = group(m, 'prep');
	if (prep === undefined) return true;
	const last = prep.split(/\s+/).pop() ?? '';
	if (!AMBIGUOUS_PREPS.has(last)) return true;
	const at = (groupStart(m, 'prep') ?? m.index) + prep.length - last.length;
	if ((last === 'as' || last === 'a') && hasCrase(norm, at)) return true;
	if (last === 'a') return false;
	return precededByDayWord(norm.text, m.index) || followedByConnector(norm.text, m.index + m[0].length);
}

export const timeRules: Rule[] = [
	{
		name: 'time-h',
		pattern: rx(
			String.raw`${B}${PREP}(?<h>\d{1,2})\s*(?<unit>hs|hrs?|horas?|h)(?:(?<m>\d{2})(?:\s*(?:min|m))?|${MINUTES_AFTER_E})?${PERIOD_SUFFIX}${E}`,
		),
		read(m, norm) {
			// "2 horas" alone is a duration; the word needs "às" or a period to be a time ("a 2 horas de casa" is not).
			if (/^hora/.test(group(m, 'unit') ?? '') && !group(m, 'per')) {
				if (!group(m, 'prep') || !prepIsTrustworthy(m, norm)) return null;
			}
			return time(Number(group(m, 'h')), minutesOf(m), { meridiem: meridiem(m) });
		},
	},
	{
		name: 'time-colon',
		pattern: rx(
			String.raw`${B}${PREP}(?<h>\d{1,2}):(?<m>\d{2})(?::\d{2})?(?:\s*(?:h|hs|hrs)${E})?(?:\s*${AMPM})?${PERIOD_SUFFIX}(?![\p{L}\p{N}]|:\d)`,
		),
		read: (m) => time(Number(group(m, 'h')), Number(group(m, 'm')), { meridiem: meridiem(m) }),
	},
	{
		name: 'time-ampm',
		pattern: rx(String.raw`${B}${PREP}(?<h>\d{1,2}|${HOUR_WORDS})\s*${AMPM}(?![\p{L}\p{N}])`),
		read(m) {
			const hour = number(group(m, 'h'));
			if (hour < 1 || hour > 12) return null;
			return time(hour, 0, { meridiem: meridiem(m) });
		},
	},
	{
		name: 'time-period',
		pattern: rx(
			String.raw`${B}${PREP}(?<h>\d{1,2}|${HOUR_WORDS})${MINUTES_AFTER_E}?\s+(?<link>da|de|in\s+the|at)\s+(?<per>${PERIOD_WORDS})${E}`,
		),
		read(m) {
			// "dia 10 de manhã" is a day plus a period; "10 de manhã" is a time only after "às".
			if (group(m, 'link') === 'de' && !group(m, 'prep')) return null;
			const hour = number(group(m, 'h'));
			if (hour < 0 || hour > 12) return null;
			return time(hour, minutesOf(m), { meridiem: meridiem(m) });
		},
	},
	{
		name: 'time-bare',
		pattern: rx(
			String.raw`${B}${REQUIRED_PREP}(?<h>\d{1,2}|${HOUR_WORDS})${MINUTES_AFTER_E}?(?<unit>\s+(?:o'?clock|horas?))?${E}`,
		),
		read(m, norm) {
			if (!prepIsTrustworthy(m, norm)) return null;
			return clockReading(number(group(m, 'h')), minutesOf(m));
		},
	},
	{
		name: 'time-dot',
		// "15.30", "às 9.45", "15.00h": a dot between hour and minutes, as in many European and Brazilian notes.
		pattern: rx(
			String.raw`${B}${PREP}(?<![$\d.,]\s*)(?<h>\d{1,2})\.(?<m>[0-5]\d)(?<unit>\s*(?:h|hs|hrs)${E})?(?:\s*${AMPM})?${PERIOD_SUFFIX}(?![\p{L}\p{N}]|[.,:\/-]\d)`,
		),
		read(m, norm) {
			const h = group(m, 'h') ?? '';
			// "nota 9.50", "versão 2.10": one-digit hours need "às", "h", am/pm or a period; amounts and versions never are.
			const cue = group(m, 'prep') || group(m, 'unit') || group(m, 'ampm') || group(m, 'per');
			if (h.length === 1 && !cue) return null;
			if (group(m, 'prep') && !prepIsTrustworthy(m, norm)) return null;
			if (NOT_A_TIME_BEFORE.test(norm.text.slice(Math.max(0, m.index - 12), m.index))) return null;
			if (NOT_A_TIME_AFTER.test(norm.text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return null;
			return time(Number(h), Number(group(m, 'm')), { meridiem: meridiem(m) });
		},
	},
	{
		name: 'time-hour-and-minutes',
		// "5 e quinze", "onze e quarenta e cinco", "duas e meia": an hour and spelled minutes, with no "às".
		pattern: rx(String.raw`${B}(?<h>\d{1,2}|${HOUR_WORDS})\s+e\s+(?:(?<half>meia)|(?<m2>${MINUTE_WORDS}))${E}`),
		read(m, norm) {
			// "2 e meia xícaras" is a quantity: a noun right after means it is not a time.
			if (!followedByConnector(norm.text, m.index + m[0].length)) return null;
			return clockReading(number(group(m, 'h')), minutesOf(m));
		},
	},
	{
		name: 'time-oclock',
		pattern: rx(String.raw`${B}(?<h>\d{1,2}|${HOUR_WORDS})\s+o'?clock${E}`),
		read: (m) => clockReading(number(group(m, 'h')), 0),
	},
	{
		name: 'time-noon-midnight',
		pattern: rx(
			String.raw`${B}${PREP}(?:o\s+)?(?:(?<noon>meio\s*-?\s*dia|noon|midday)|(?<midnight>meia\s*-?\s*noite|midnight))${MINUTES_AFTER_E}?${E}`,
		),
		read(m) {
			const minute = minutesOf(m);
			if (group(m, 'midnight')) return time(0, minute, { midnight: true, fixed: true });
			return time(12, minute, { fixed: true });
		},
	},
];
