import { QUANTITY_WORDS, parseQuantity } from '../lexicon';
import type { Facet, Rule } from '../types';
import { B, E, group, rx } from './shared';

/** "daqui a 2 horas", "em 30 min", "em 1 hora e meia", "em 2 dias", "em vinte e quatro horas", "in an hour". */

/** An amount in digits or words ("2", "1,5", "vinte e quatro", "meia", "an"), as named group `n`. */
export const QUANTITY = String.raw`(?<n>\d+(?:[.,]\d+)?|half\s+an?|${QUANTITY_WORDS})`;
/** A unit of time, as named group `unit`. */
export const UNIT = String.raw`(?<unit>minutinhos?|minutos?|mins?|minutes?|horinhas?|horas?|hrs?|hs|h|hours?|dias?|days?|semanas?|weeks?|meses|mes|months?|anos?|years?)`;
const MINUTE_UNIT = String.raw`(?:minutinhos?|minutos?|mins?|minutes?|m)`;

export type UnitKind = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** The kind of a unit word as matched by UNIT ("minutinhos" → minute, "meses" → month). */
export function unitKind(unit: string): UnitKind {
	if (/^(min|minut)/.test(unit)) return 'minute';
	if (/^(h|hora|hour)/.test(unit)) return 'hour';
	if (/^(dia|day)/.test(unit)) return 'day';
	if (/^(semana|week)/.test(unit)) return 'week';
	if (/^(ano|year)/.test(unit)) return 'year';
	return 'month';
}

/** `n` units from now (negative: ago): an exact shift for minutes and hours, a calendar move for longer units; null for fractions of days or longer. */
export function offsetFacet(n: number, kind: UnitKind): Facet | null {
	if (kind === 'minute') return { kind: 'shift', minutes: Math.round(n) };
	if (kind === 'hour') return { kind: 'shift', minutes: Math.round(n * 60) };
	if (!Number.isInteger(n)) return null;
	if (kind === 'month' || kind === 'year') return { kind: 'day', spec: { type: 'months', months: kind === 'year' ? n * 12 : n } };
	return { kind: 'day', spec: { type: 'offset', days: kind === 'week' ? n * 7 : n } };
}

export const durationRules: Rule[] = [
	{
		name: 'duration',
		pattern: rx(
			String.raw`${B}(?:daqui\s+(?:a\s+)?|em\s+|dentro\s+de\s+|in\s+|within\s+)(?:(?:uns|umas|about|around)\s+)?${QUANTITY}\s*${UNIT}` +
				String.raw`(?:(?<=h)(?<mm>\d{2})(?:\s*min)?|\s*(?:e|and)\s+(?:(?<half>meia|a\s+half)|(?<n2>\d{1,2})\s*${MINUTE_UNIT}))?${E}`,
		),
		read(m) {
			const n = parseQuantity(group(m, 'n') ?? '');
			const kind = unitKind(group(m, 'unit') ?? '');
			if (!Number.isFinite(n) || n <= 0) return null;
			const extraMinutes = Number(group(m, 'mm') ?? group(m, 'n2') ?? 0);
			const half = Boolean(group(m, 'half'));
			if (kind === 'minute' || kind === 'hour') {
				if ((half || extraMinutes) && kind !== 'hour') return null;
				const minutes = kind === 'hour' ? n * 60 + extraMinutes + (half ? 30 : 0) : n;
				return [{ kind: 'shift', minutes: Math.round(minutes) }];
			}
			// Whole days, weeks, months and years move the calendar day; the time comes from the text or the default hour.
			if (half || extraMinutes) return null;
			const facet = offsetFacet(n, kind);
			return facet ? [facet] : null;
		},
	},
];
