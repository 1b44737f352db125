/**
 * Time zones for SET_TIMEZONE: a date that carries an IANA zone, so DATETIME_FORMAT and the date
 * part functions read its wall clock there. Comparisons and arithmetic still use the instant.
 * Airtable: "SET_TIMEZONE(date, tz_identifier) sets a specific timezone for a datetime; must be
 * used in conjunction with DATETIME_FORMAT" (https://support.airtable.com/docs/formula-field-reference).
 */

import { FormulaEvaluationError } from './errors';

/** A date with the zone SET_TIMEZONE gave it. Still a Date, so every date function accepts it. */
export class ZonedDate extends Date {
	constructor(
		time: number,
		readonly timeZone: string,
	) {
		super(time);
	}
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
	let formatter = formatters.get(zone);
	if (!formatter) {
		try {
			formatter = new Intl.DateTimeFormat('en-US', {
				timeZone: zone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric',
			});
		} catch {
			return undefined;
		}
		formatters.set(zone, formatter);
	}
	return formatter;
}

/** The zone's canonical IANA name ("America/Sao_Paulo" for "america/sao_paulo"), or undefined when it is not one. */
export function canonicalTimeZone(name: string): string | undefined {
	if (name.trim() === '') return undefined;
	const formatter = formatterFor(name.trim());
	return formatter?.resolvedOptions().timeZone;
}

/** The zone's offset from UTC at that instant, in minutes (-180 for São Paulo). Throws #ERROR! for an unknown zone. */
export function zoneOffsetMinutesAt(time: number, zone: string): number {
	const formatter = formatterFor(zone);
	if (!formatter) throw new FormulaEvaluationError(`${JSON.stringify(zone)} is not an IANA time zone`);
	const parts: Record<string, number> = {};
	for (const part of formatter.formatToParts(new Date(time))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
	const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return Math.round((wall - (time - (((time % 1000) + 1000) % 1000))) / 60_000);
}

/**
 * The wall-clock time as a UTC date, for reading its parts with getUTC*: the date itself when it
 * has no zone (Airtable's default is UTC), shifted by the zone's offset when SET_TIMEZONE gave one.
 */
export function wallClock(date: Date): { local: Date; offsetMinutes: number } {
	if (!(date instanceof ZonedDate)) return { local: date, offsetMinutes: 0 };
	const offsetMinutes = zoneOffsetMinutesAt(date.getTime(), date.timeZone);
	return { local: new Date(date.getTime() + offsetMinutes * 60_000), offsetMinutes };
}
