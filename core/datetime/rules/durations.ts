import { QUANTITY_WORDS, parseQuantity } from '../lexicon';
import type { Facet, Rule } from '../types';
import { B, E, group, rx } from './shared';

/** "daqui a 2 horas", "em 30 min", "em 1 hora e meia", "em 2 dias", "in an hour". */

const QUANTITY = String.raw`(?<n>\d+(?:[.,]\d+)?|half\s+an?|${QUANTITY_WORDS})`;
const UNIT = String.raw`(?<unit>minutinhos?|minutos?|mins?|minutes?|horinhas?|horas?|hrs?|hs|h|hours?|dias?|days?|semanas?|weeks?|meses|mes|months?)`;
const MINUTE_UNIT = String.raw`(?:minutinhos?|minutos?|mins?|minutes?|m)`;

function unitKind(unit: string): 'minute' | 'hour' | 'day' | 'week' | 'month' {
	if (/^(min|minut)/.test(unit)) return 'minute';
	if (/^(h|hora|hour)/.test(unit)) return 'hour';
	if (/^(dia|day)/.test(unit)) return 'day';
	if (/^(semana|week)/.test(unit)) return 'week';
	return 'month';
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
			// Whole days, weeks and months move the calendar day; the time comes from the text or the default hour.
			if (half || extraMinutes || !Number.isInteger(n)) return null;
			const facet: Facet =
				kind === 'month'
					? { kind: 'day', spec: { type: 'months', months: n } }
					: { kind: 'day', spec: { type: 'offset', days: kind === 'week' ? n * 7 : n } };
			return [facet];
		},
	},
];
