import { maxDaysInMonth, isValidDate } from '../calendar';
import { followedByConnector, followedByTimeCue } from '../guards';
import { MONTH_WORDS, MONTH_WORDS_EN, ORDINAL_WEEKDAYS, WEEKDAY_ABBREVIATIONS, WEEKDAY_FULL, monthIndex, weekdayIndex } from '../lexicon';
import type { DayFacet, Facet, Rule } from '../types';
import { B, DAY_PREPOSITION as P, E, group, rx } from './shared';

/** Rules that name a calendar day. */

function day(facet: DayFacet): Facet[] {
	return [facet];
}

function fullYear(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const n = Number(text);
	return text.length <= 2 ? 2000 + n : n;
}

/** Day/month/year sanity; a year-less 29/02 is allowed (it resolves to the next leap year). */
function dateFacet(d: number, m: number, y: number | undefined): Facet[] | null {
	if (m < 1 || m > 12 || d < 1 || d > maxDaysInMonth(m)) return null;
	if (y !== undefined && !isValidDate(y, m, d)) return null;
	return day({ kind: 'day', spec: { type: 'date', day: d, month: m, year: y } });
}

/** After these, an abbreviation ("na ter") is a weekday even with no time after it. */
const STRONG_WEEKDAY_PREPOSITIONS = new Set(['na', 'no', 'on']);
/** After these, "segunda" … "sexta" are days, not ordinals ("até sexta", "pra segunda"). */
const DAY_ONLY_PREPOSITIONS = new Set(['ate', 'para', 'pra', 'until', 'till', 'by']);
/** "1/2 de", "3/4 do bolo" are fractions. */
const FRACTION_FOLLOWERS = /^\s*(?:de|do|da|dos|das|of)(?![\p{L}\p{N}])/u;

export const dayRules: Rule[] = [
	{
		name: 'relative-day',
		pattern: rx(
			String.raw`${B}${P}(?<word>depois\s+d[e']?\s*amanha|dps\s+d[e']?\s*amanha|day\s+after\s+tomorrow|hoje|hj|today|amanha|amanah|amanhan|amana|amnh|amnha|tomorrow|tomorow|tmrw|tmr|ontem|yesterday)${E}`,
		),
		read(m) {
			const word = group(m, 'word') ?? '';
			let days = 1;
			if (/^(depois|dps|day)/.test(word)) days = 2;
			else if (/^(hoje|hj|today)$/.test(word)) days = 0;
			else if (/^(ontem|yesterday)$/.test(word)) days = -1;
			return day({ kind: 'day', spec: { type: 'offset', days } });
		},
	},
	{
		name: 'weekday',
		pattern: rx(
			// "toda terça", "todas as segundas": a recurrence the caller handles; here, the next occurrence.
			String.raw`${B}${P}(?<every>(?:toda|todo|todas\s+as|todos\s+os|every)\s+)?` +
				String.raw`(?:(?<mod>proxima|proximo|prox\.?|next|this|coming|essa|esta|nessa|nesta|neste|nesse|este|esse)\s+)?` +
				String.raw`(?:(?<full>${WEEKDAY_FULL})s?(?<feira>\s*-?\s*feiras?)?|(?<num>[2-6]a)\s*-?\s*feira|(?<abbr>${WEEKDAY_ABBREVIATIONS})(?<dot>\.)?)` +
				String.raw`(?<suffix>\s+(?:que|q)\s+vem)?${E}`,
		),
		read(m, norm) {
			const full = group(m, 'full');
			const abbr = group(m, 'abbr');
			const mod = group(m, 'mod');
			const suffix = group(m, 'suffix');
			const end = m.index + m[0].length;
			if (abbr && !group(m, 'dot') && !mod && !suffix) {
				// "ter" is also "to have", "dom" a gift: only with a day preposition or a time right after.
				const prep = group(m, 'dprep');
				if (!(prep && STRONG_WEEKDAY_PREPOSITIONS.has(prep)) && !followedByTimeCue(norm.text, end)) return null;
			}
			if (full && ORDINAL_WEEKDAYS.has(full) && !group(m, 'feira') && !mod && !suffix && !group(m, 'every')) {
				const prep = group(m, 'dprep');
				if (!(prep && DAY_ONLY_PREPOSITIONS.has(prep)) && !followedByConnector(norm.text, end)) return null;
			}
			const word = full ?? abbr ?? group(m, 'num') ?? '';
			const nextWeek = Boolean(suffix) || (mod !== undefined && /^(proxim|prox|next)/.test(mod));
			return day({ kind: 'day', spec: { type: 'weekday', weekday: weekdayIndex(word), nextWeek } });
		},
	},
	{
		name: 'date-numeric',
		pattern: rx(
			String.raw`${B}${P}(?:(?<dia>dia)\s+)?(?<![$\/.,\d]\s*)(?<d>\d{1,2})\s*\/\s*(?<m>\d{1,2})(?:\s*\/\s*(?<y>\d{4}|\d{2}))?(?![\p{L}\p{N}]|\s*\/\s*\d|\s*%|[.,]\d)`,
		),
		read(m, norm) {
			const y = group(m, 'y');
			// "1/2 kg" is a fraction: a bare d/m needs "dia", a year, a preposition or a connector after it.
			const end = m.index + m[0].length;
			if (
				!group(m, 'dia') &&
				!y &&
				!group(m, 'dprep') &&
				(!followedByConnector(norm.text, end) || FRACTION_FOLLOWERS.test(norm.text.slice(end)))
			) {
				return null;
			}
			return dateFacet(Number(group(m, 'd')), Number(group(m, 'm')), fullYear(y));
		},
	},
	{
		name: 'date-iso',
		pattern: rx(String.raw`${B}${P}(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})${E}`),
		read: (m) => dateFacet(Number(group(m, 'd')), Number(group(m, 'm')), Number(group(m, 'y'))),
	},
	{
		name: 'date-day-month-name',
		pattern: rx(
			String.raw`${B}${P}(?:(?<dia>dia)\s+)?(?<d>\d{1,2})(?:o|st|nd|rd|th)?\s*(?<sep>de\s+|of\s+|\/\s*|-\s*)?(?<mon>${MONTH_WORDS})${E}\.?` +
				String.raw`(?:\s*(?:de\s+|\/\s*|,\s*)?(?<y>\d{4})${E})?`,
		),
		read(m) {
			const mon = group(m, 'mon') ?? '';
			// "2 set", "3 mar" are too often not dates: short month names need "de", "dia" or a year.
			if (mon.length <= 4 && !group(m, 'sep') && !group(m, 'dia') && !group(m, 'y')) return null;
			return dateFacet(Number(group(m, 'd')), monthIndex(mon), fullYear(group(m, 'y')));
		},
	},
	{
		name: 'date-month-name-day',
		pattern: rx(
			String.raw`${B}${P}(?<mon>${MONTH_WORDS_EN})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}]|\s*[:\/]\d)(?:,?\s+(?<y>\d{4})${E})?`,
		),
		read: (m) => dateFacet(Number(group(m, 'd')), monthIndex(group(m, 'mon') ?? ''), fullYear(group(m, 'y'))),
	},
	{
		name: 'date-day-only',
		pattern: rx(
			String.raw`${B}${P}(?:(?:todo|toda|every)\s+)?(?:dia\s+(?<d>\d{1,2})o?|the\s+(?<en>\d{1,2})(?:st|nd|rd|th))(?![\p{L}\p{N}]|\s*[\/:]\s*\d)`,
		),
		read(m) {
			const d = Number(group(m, 'd') ?? group(m, 'en'));
			if (d < 1 || d > 31) return null;
			return day({ kind: 'day', spec: { type: 'date', day: d } });
		},
	},
	{
		name: 'relative-week-month-year',
		pattern: rx(
			String.raw`${B}${P}(?:(?<week>semana\s+(?:que|q)\s+vem|proxima\s+semana|prox\.?\s+semana|next\s+week)|` +
				String.raw`(?<month>mes\s+(?:que|q)\s+vem|proximo\s+mes|prox\.?\s+mes|next\s+month)|` +
				String.raw`(?<year>ano\s+(?:que|q)\s+vem|proximo\s+ano|prox\.?\s+ano|next\s+year))${E}`,
		),
		read(m) {
			if (group(m, 'week')) return day({ kind: 'day', spec: { type: 'nextWeek' } });
			return day({ kind: 'day', spec: { type: 'months', months: group(m, 'month') ? 1 : 12 } });
		},
	},
	{
		name: 'weekend',
		pattern: rx(
			String.raw`${B}${P}(?:(?<mod>neste|nesse|este|esse|no|proximo|prox\.?|next|this)\s+)?(?:fim\s+de\s+semana|final\s+de\s+semana|fds|weekend)(?<suffix>\s+(?:que|q)\s+vem)?${E}`,
		),
		read(m) {
			const mod = group(m, 'mod');
			const nextWeek = Boolean(group(m, 'suffix')) || (mod !== undefined && /^(proxim|prox|next)/.test(mod));
			return day({ kind: 'day', spec: { type: 'weekend', nextWeek } });
		},
	},
];
