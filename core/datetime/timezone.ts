import type { CivilDate, WallClock } from './types';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			calendar: 'gregory',
			numberingSystem: 'latn',
			hourCycle: 'h23',
			era: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** Throws a RangeError that tells the user what to write instead of an unknown zone. */
export function assertTimeZone(timeZone: unknown): string {
	if (typeof timeZone === 'string' && timeZone.trim() !== '') {
		try {
			formatter(timeZone);
			return timeZone;
		} catch {
			// fall through to the friendly message
		}
	}
	throw new RangeError(
		`Unknown time zone "${String(timeZone)}". Use an IANA time zone name like America/Sao_Paulo.`,
	);
}

/** UTC milliseconds of a wall-clock reading taken as if it were UTC; works for years 0–99 too. */
export function wallToUtcMs(wall: WallClock): number {
	const d = new Date(0);
	d.setUTCFullYear(wall.year, wall.month - 1, wall.day);
	d.setUTCHours(wall.hour, wall.minute, wall.second, 0);
	return d.getTime();
}

/** The wall clock in timeZone at an instant (second precision). */
export function wallClockAt(instantMs: number, timeZone: string): WallClock {
	const parts: Record<string, string> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) parts[p.type] = p.value;
	let year = Number(parts.year);
	if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
	return {
		year,
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second),
	};
}

/** Offset of timeZone from UTC at an instant, in minutes (east positive). */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
	const floored = Math.floor(instantMs / 1000) * 1000;
	return Math.round((wallToUtcMs(wallClockAt(floored, timeZone)) - floored) / 60000);
}

const HOUR_MS = 3600000;

/**
 * The instant a wall-clock reading names in timeZone.
 * Repeated hour (DST ends): the earlier instant. Skipped hour (DST starts): moved forward by the gap,
 * like Temporal's "compatible" disambiguation, so 02:30 in a 02:00→03:00 gap becomes 03:30.
 */
export function zonedToInstant(wall: WallClock, timeZone: string): number {
	const asUtc = wallToUtcMs(wall);
	// Offsets a day apart bracket any transition near this wall time.
	const before = offsetMinutesAt(asUtc - 24 * HOUR_MS, timeZone);
	const after = offsetMinutesAt(asUtc + 24 * HOUR_MS, timeZone);
	const candidates = [...new Set([before, after])]
		.map((offset) => asUtc - offset * 60000)
		.filter((instant) => wallToUtcMs(wallClockAt(instant, timeZone)) === asUtc)
		.sort((a, b) => a - b);
	if (candidates.length > 0) return candidates[0];
	// In a gap: reading the wall time with the pre-transition offset lands just past the gap.
	return asUtc - before * 60000;
}

/** Convenience: a calendar day plus hour and minute in timeZone. */
export function civilToInstant(date: CivilDate, hour: number, minute: number, timeZone: string): number {
	return zonedToInstant({ ...date, hour, minute, second: 0 }, timeZone);
}

function pad(n: number, width = 2): string {
	return String(Math.abs(n)).padStart(width, '0');
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-11-23T09:00:00-03:00. */
export function formatInstant(instantMs: number, timeZone: string): string {
	const floored = Math.floor(instantMs / 1000) * 1000;
	const wall = wallClockAt(floored, timeZone);
	const offset = Math.round((wallToUtcMs(wall) - floored) / 60000);
	const sign = offset < 0 ? '-' : '+';
	const year = wall.year >= 0 && wall.year <= 9999 ? pad(wall.year, 4) : (wall.year < 0 ? '-' : '+') + pad(wall.year, 6);
	return (
		`${year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
		`${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
	);
}
