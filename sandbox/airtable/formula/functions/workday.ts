/**
 * WORKDAY and WORKDAY_DIFF: working days are Monday to Friday, minus the holidays given as
 * comma-separated ISO dates (https://support.airtable.com/docs/formula-field-reference). Dates are
 * counted by their UTC calendar day.
 */

import { toDate, parseDateText } from '../dates';
import { FormulaEvaluationError } from '../errors';
import { isBlank, toNumber, toText, type Value } from '../values';
import { eager, type FunctionSpec } from './types';

const DAY_MS = 86_400_000;

function dayNumber(date: Date): number {
	return Math.floor(date.getTime() / DAY_MS);
}

/** Holidays as day numbers: "2024-12-25, 2025-01-01". */
function holidays(value: Value | undefined): Set<number> {
	const days = new Set<number>();
	if (value === undefined || isBlank(value)) return days;
	for (const piece of toText(value).split(',')) {
		if (piece.trim() === '') continue;
		const date = parseDateText(piece);
		if (!date) throw new FormulaEvaluationError(`Holiday ${JSON.stringify(piece.trim())} is not a date; list holidays as "2024-12-25, 2025-01-01"`);
		days.add(dayNumber(date));
	}
	return days;
}

function isWorkday(day: number, off: Set<number>): boolean {
	const weekday = new Date(day * DAY_MS).getUTCDay();
	return weekday !== 0 && weekday !== 6 && !off.has(day);
}

/** At most this many days are walked, so a huge count cannot stall the store. */
const MAX_DAYS = 100_000;

export const WORKDAY_FUNCTIONS: FunctionSpec[] = [
	// The date `count` working days after (or before, when negative) the start date.
	eager('WORKDAY', 2, 3, ([start, count, holidayList]) => {
		const off = holidays(holidayList);
		let remaining = Math.trunc(toNumber(count));
		if (Math.abs(remaining) > MAX_DAYS) throw new FormulaEvaluationError(`WORKDAY counts at most ${MAX_DAYS} days`);
		const step = remaining < 0 ? -1 : 1;
		let day = dayNumber(toDate(start));
		while (remaining !== 0) {
			day += step;
			if (isWorkday(day, off)) remaining -= step;
		}
		return new Date(day * DAY_MS);
	}),
	// Working days from start to end, both included; negative when the end comes first.
	eager('WORKDAY_DIFF', 2, 3, ([start, end, holidayList]) => {
		const off = holidays(holidayList);
		const a = dayNumber(toDate(start));
		const b = dayNumber(toDate(end));
		if (Math.abs(b - a) > MAX_DAYS) throw new FormulaEvaluationError(`WORKDAY_DIFF counts at most ${MAX_DAYS} days`);
		const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
		let count = 0;
		for (let day = from; day <= to; day++) if (isWorkday(day, off)) count++;
		return sign * count;
	}),
];
