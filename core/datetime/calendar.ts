import type { CivilDate } from './types';

/** Proleptic Gregorian calendar arithmetic on plain dates; UTC is used only as a timeless calendar. */

function toUtc(date: CivilDate): Date {
	const d = new Date(0);
	d.setUTCFullYear(date.year, date.month - 1, date.day);
	return d;
}

function fromUtc(d: Date): CivilDate {
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
	const d = new Date(0);
	d.setUTCFullYear(year, month, 0);
	return d.getUTCDate();
}

/** Most days a month can have in any year (29 for February), for year-less dates. */
export function maxDaysInMonth(month: number): number {
	return month === 2 ? 29 : daysInMonth(2001, month);
}

export function isValidDate(year: number, month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function addDays(date: CivilDate, days: number): CivilDate {
	const d = toUtc(date);
	d.setUTCDate(d.getUTCDate() + days);
	return fromUtc(d);
}

/** Same day n months later, clamped to the last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CivilDate, months: number): CivilDate {
	const index = date.year * 12 + (date.month - 1) + months;
	const year = Math.floor(index / 12);
	const month = index - year * 12 + 1;
	return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CivilDate): number {
	return toUtc(date).getUTCDay();
}

/** 1 = Monday … 7 = Sunday (ISO 8601), for Monday-to-Sunday weeks. */
export function isoWeekday(weekday: number): number {
	return weekday === 0 ? 7 : weekday;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function sameDate(a: CivilDate, b: CivilDate): boolean {
	return compareDates(a, b) === 0;
}
