import { followedByConnector, precededByPlaceWord } from '../guards';
import { FULL_MONTHS, MONTH_WORDS, MONTH_WORDS_EN, expandYear, monthIndex } from '../lexicon';
import type { DayFacet, Facet, Rule } from '../types';
import { B, DAY_PREPOSITION as P, E, dateFacet, group, rx } from './shared';

/** Rules that name a calendar day. */

function day(facet: DayFacet): Facet[] {
	return [facet];
}

const expandYearOf = (y: string | undefined): number | undefined => (y === undefined ? undefined : expandYear(y));

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
			return dateFacet(Number(group(m, 'd')), Number(group(m, 'm')), expandYearOf(y));
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
		read(m, norm) {
			if (precededByPlaceWord(norm.text, m.index)) return null;
			const mon = group(m, 'mon') ?? '';
			// "2 set", "3 mar" are too often not dates: abbreviated month names need "de", "dia" or a year; full names ("5 maio") do not.
			if (!FULL_MONTHS.has(mon) && !group(m, 'sep') && !group(m, 'dia') && !group(m, 'y')) return null;
			return dateFacet(Number(group(m, 'd')), monthIndex(mon), expandYearOf(group(m, 'y')));
		},
	},
	{
		name: 'date-month-name-day',
		pattern: rx(
			String.raw`${B}${P}(?<mon>${MONTH_WORDS_EN})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}]|\s*[:\/]\d)(?:,?\s+(?<y>\d{4})${E})?`,
		),
		read: (m) => dateFacet(Number(group(m, 'd')), monthIndex(group(m, 'mon') ?? ''), expandYearOf(group(m, 'y'))),
	},
	{
		name: 'date-day-only',
		pattern: rx(
			String.raw`${B}${P}(?:(?:todo|toda|every|este|esse|esta|essa|neste|nesse)\s+)?(?:dia\s+(?<d>\d{1,2})o?|the\s+(?<en>\d{1,2})(?:st|nd|rd|th))(?![\p{L}\p{N}]|\s*[\/:]\s*\d)`,
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
			if (group(m, 'week')) return day({ kind: 'day', spec: { type: 'week', weeks: 1 } });
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
