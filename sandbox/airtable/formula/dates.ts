/**
 * Date reading and arithmetic, all in UTC (Airtable formulas work in GMT unless SET_TIMEZONE is used).
 * Unit names, rounding and month arithmetic follow moment.js, which Airtable's date functions are modelled on.
 */

import { ZonedDate } from './zones';
import { FormulaEvaluationError } from './errors';
import { describeValue, isBlank, type Value } from './values';

export type DateUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const MS_PER: Record<'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week', number> = {
	millisecond: 1,
	second: 1000,
	minute: 60_000,
	hour: 3_600_000,
	day: 86_400_000,
	week: 604_800_000,
};

/** Case-sensitive short forms first: 'M' is months and 'm' minutes, as in Airtable's unit table. */
const UNIT_ABBREVIATIONS: Record<string, DateUnit> = {
	ms: 'millisecond',
	s: 'second',
	m: 'minute',
	h: 'hour',
	d: 'day',
	w: 'week',
	M: 'month',
	Q: 'quarter',
	y: 'year',
};

const UNIT_NAMES: DateUnit[] = ['millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];

export const UNIT_HELP =
	"milliseconds (ms), seconds (s), minutes (m), hours (h), days (d), weeks (w), months (M), quarters (Q), years (y)";

/** Like moment's normalizeUnits, limited to the units Airtable documents; undefined for anything else. */
export function normalizeUnit(text: string): DateUnit | undefined {
	const exact = UNIT_ABBREVIATIONS[text];
	if (exact) return exact;
	// moment reads 'D' as day-of-month and 'W' as ISO week, which DATEADD silently ignores: refuse them.
	if (text === 'D' || text === 'W') return undefined;
	const lower = text.toLowerCase();
	const short = UNIT_ABBREVIATIONS[lower];
	if (short) return short;
	const singular = lower.endsWith('s') ? lower.slice(0, -1) : lower;
	return UNIT_NAMES.find((unit) => unit === singular);
}

export function unitFromValue(value: Value): DateUnit {
	const unit = typeof value === 'string' ? normalizeUnit(value) : undefined;
	if (!unit) throw new FormulaEvaluationError(`${describeValue(value)} is not a date unit (use ${UNIT_HELP})`);
	return unit;
}

/** Builds a UTC time; Date.UTC alone would turn years 0-99 into 1900-1999. */
export function utcTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
	if (year >= 0 && year < 100) {
		// Years 2000 apart share a calendar, so build 2000 years later and shift back.
		const date = new Date(Date.UTC(year + 2000, month, day, hour, minute, second, ms));
		date.setUTCFullYear(date.getUTCFullYear() - 2000);
		return date.getTime();
	}
	return Date.UTC(year, month, day, hour, minute, second, ms);
}

export function daysInMonth(year: number, month: number): number {
	return new Date(utcTime(year, month + 1, 0)).getUTCDate();
}

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** ISO 8601 (what the API stores) and M/D/YYYY; times without an offset are read as UTC. */
export function parseDateText(text: string): Date | undefined {
	const trimmed = text.trim();
	const iso = ISO_DATE.exec(trimmed);
	if (iso) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = iso;
		const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
		const time = buildValid(+y, +mo, +d, +h, +mi, +s, ms);
		if (time === undefined) return undefined;
		return new Date(time - zoneOffsetMinutes(zone) * 60_000);
	}
	const us = US_DATE.exec(trimmed);
	if (us) {
		const time = buildValid(+us[3], +us[1], +us[2], 0, 0, 0, 0);
		return time === undefined ? undefined : new Date(time);
	}
	return undefined;
}

function buildValid(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo - 1)) return undefined;
	if (h > 23 || mi > 59 || s > 59) return undefined;
	return utcTime(y, mo - 1, d, h, mi, s, ms);
}

function zoneOffsetMinutes(zone: string | undefined): number {
	if (!zone || zone === 'Z' || zone === 'z') return 0;
	const digits = zone.slice(1).replace(':', '');
	const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
	return zone[0] === '-' ? -minutes : minutes;
}

/** Milliseconds since the epoch, or undefined when the value is not a readable date. */
export function tryDate(value: Value): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (typeof value === 'string') return parseDateText(value)?.getTime();
	// A lookup of a single date behaves as that date.
	if (Array.isArray(value)) {
		const items = value.filter((item) => !isBlank(item));
		return items.length === 1 ? tryDate(items[0]) : undefined;
	}
	return undefined;
}

/** Blank and unreadable dates are #ERROR! in Airtable (hence the usual IF({Date}, ...) guard). */
export function toDate(value: Value): Date {
	const time = tryDate(value);
	if (time === undefined) {
		const what = isBlank(value) ? 'a blank value' : describeValue(value);
		throw new FormulaEvaluationError(`${what} is not a date (the local store reads ISO 8601 such as 2024-05-31 or 2024-05-31T13:45:00.000Z, and M/D/YYYY)`);
	}
	// A zoned date (SET_TIMEZONE) keeps its zone for DATETIME_FORMAT; dates are never mutated, so sharing it is safe.
	return value instanceof ZonedDate ? value : new Date(time);
}

/** moment's absRound: days and months are added in whole units, rounded half away from zero. */
function absRound(value: number): number {
	return value < 0 ? -Math.round(-value) : Math.round(value);
}

function addMonths(time: number, months: number): number {
	const date = new Date(time);
	const total = date.getUTCMonth() + months;
	const year = date.getUTCFullYear() + Math.floor(total / 12);
	const month = ((total % 12) + 12) % 12;
	// Jan 31 + 1 month is the last day of February, as in moment.
	const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
	date.setUTCFullYear(year, month, day);
	return date.getTime();
}

export function addToDate(date: Date, amount: number, unit: DateUnit): Date {
	const time = date.getTime();
	switch (unit) {
		case 'month':
			return new Date(addMonths(time, absRound(amount)));
		case 'quarter':
			return new Date(addMonths(time, absRound(amount * 3)));
		case 'year':
			return new Date(addMonths(time, absRound(amount * 12)));
		case 'day':
		case 'week':
			return new Date(time + absRound(amount * (unit === 'week' ? 7 : 1)) * MS_PER.day);
		default:
			return new Date(Math.trunc(time + amount * MS_PER[unit]));
	}
}

/** moment's monthDiff: whole months plus a linear fraction of the month in progress. */
function monthDiff(a: number, b: number): number {
	if (new Date(a).getUTCDate() < new Date(b).getUTCDate()) return -monthDiff(b, a);
	const da = new Date(a);
	const db = new Date(b);
	const whole = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
	const anchor = addMonths(a, whole);
	let adjust: number;
	if (b - anchor < 0) {
		const anchor2 = addMonths(a, whole - 1);
		adjust = (b - anchor) / (anchor - anchor2);
	} else {
		const anchor2 = addMonths(a, whole + 1);
		adjust = (b - anchor) / (anchor2 - anchor);
	}
	return -(whole + adjust) || 0;
}

/** date1 - date2 in whole units, truncated toward zero (DATETIME_DIFF). */
export function diffDates(date1: Date, date2: Date, unit: DateUnit): number {
	const a = date1.getTime();
	const b = date2.getTime();
	let output: number;
	switch (unit) {
		case 'month':
			output = monthDiff(a, b);
			break;
		case 'quarter':
			output = monthDiff(a, b) / 3;
			break;
		case 'year':
			output = monthDiff(a, b) / 12;
			break;
		default:
			output = (a - b) / MS_PER[unit];
	}
	return Math.trunc(output) || 0;
}

/** Start of the unit containing the date; weeks start on Sunday (moment's default English locale). */
export function startOf(date: Date, unit: DateUnit): number {
	const d = new Date(date.getTime());
	switch (unit) {
		case 'year':
			return utcTime(d.getUTCFullYear(), 0, 1);
		case 'quarter':
			return utcTime(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
		case 'month':
			return utcTime(d.getUTCFullYear(), d.getUTCMonth(), 1);
		case 'week':
			return utcTime(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay());
		case 'day':
			return utcTime(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
		default:
			return d.getTime() - (d.getTime() % MS_PER[unit] + MS_PER[unit]) % MS_PER[unit];
	}
}

export function startOfUtcDay(date: Date): Date {
	return new Date(startOf(date, 'day'));
}
