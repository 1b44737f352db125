/**
 * Reading date and dateTime cells. Strict ISO 8601 is what Airtable accepts without typecast; with
 * typecast the store also reads US dates (M/D/YYYY, Airtable's default locale) and epoch milliseconds.
 * A time without an offset is UTC, like a dateTime field whose timeZone is "utc" (BestStag's fields).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date | undefined {
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
	// Date.UTC rolls 2024-02-31 over to March; a real calendar date must come back unchanged.
	const valid =
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute &&
		date.getUTCSeconds() === second;
	return valid ? date : undefined;
}

function parseIso(text: string): Date | undefined {
	const m = ISO.exec(text.trim());
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, frac, zone] = m;
	const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
	const local = utc(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Math.min(ms, 999));
	if (!local || !zone || zone.toUpperCase() === 'Z') return local;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
	return new Date(local.getTime() - offsetMinutes * 60_000);
}

function parseUs(text: string): Date | undefined {
	const m = US.exec(text.trim());
	if (!m) return undefined;
	const [, mo, d, y, h, mi, s, meridiem] = m;
	let hour = Number(h ?? 0);
	if (meridiem) {
		if (hour < 1 || hour > 12) return undefined;
		hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
	}
	return utc(Number(y), Number(mo), Number(d), hour, Number(mi ?? 0), Number(s ?? 0));
}

/** The instant a cell value stands for, or undefined when it cannot be read. */
export function readInstant(value: unknown, typecast: boolean): Date | undefined {
	if (typeof value === 'string') return parseIso(value) ?? (typecast ? parseUs(value) : undefined);
	if (typecast && typeof value === 'number' && Number.isFinite(value)) {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? undefined : date;
	}
	return undefined;
}

/** The calendar date a date cell holds: a date-only text is taken as is, an instant by its UTC date. */
export function readDate(value: unknown, typecast: boolean): string | undefined {
	return readInstant(value, typecast)?.toISOString().slice(0, 10);
}
