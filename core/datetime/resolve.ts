import { addDays, addMonths, compareDates, daysInMonth, isValidDate, isoWeekday, sameDate, weekdayOf } from './calendar';
import { DEFAULT_DAY_HOUR, PERIOD_HOURS } from './lexicon';
import { civilToInstant, wallClockAt } from './timezone';
import type { CivilDate, DayFacet, DaySpec, Facet, Meridiem, PeriodFacet, TimeFacet } from './types';

/** Turns the facets found in a message into one instant, relative to `now` in the user's zone. */

export interface Resolution {
	instantMs: number;
	defaultedTime: boolean;
}

interface Clock {
	hour: number;
	minute: number;
	/** 1 for midnight: "sexta à meia-noite" is the midnight that ends Friday. */
	carryDays: number;
	defaulted: boolean;
}

function to24h(hour: number, meridiem: Meridiem | undefined): { hour: number; carry: number } {
	switch (meridiem) {
		case 'am':
		case 'dawn':
			return { hour: hour === 12 ? 0 : hour, carry: 0 };
		case 'pm':
		case 'afternoon':
			return { hour: hour < 12 ? hour + 12 : hour, carry: 0 };
		case 'evening':
			// "8 da noite" is 20:00, "12 da noite" midnight, "2 da noite" still 02:00.
			if (hour === 12) return { hour: 0, carry: 1 };
			return { hour: hour >= 5 && hour < 12 ? hour + 12 : hour, carry: 0 };
		default:
			return { hour, carry: 0 };
	}
}

function clockOf(time: TimeFacet | undefined, period: PeriodFacet | undefined): Clock {
	if (time) {
		if (time.midnight) return { hour: 0, minute: time.minute, carryDays: 1, defaulted: false };
		if (time.fixed) return { hour: time.hour, minute: time.minute, carryDays: 0, defaulted: false };
		const meridiem = time.meridiem ?? (period?.period === 'early' ? 'morning' : period?.period);
		if (meridiem && time.hour <= 12) {
			const { hour, carry } = to24h(time.hour, meridiem);
			return { hour, minute: time.minute, carryDays: carry, defaulted: false };
		}
		const pm = time.afternoonLikely && time.hour < 12;
		return { hour: pm ? time.hour + 12 : time.hour, minute: time.minute, carryDays: 0, defaulted: false };
	}
	if (period) return { hour: PERIOD_HOURS[period.period], minute: 0, carryDays: 0, defaulted: true };
	return { hour: DEFAULT_DAY_HOUR, minute: 0, carryDays: 0, defaulted: true };
}

const SPECIFICITY: Record<DaySpec['type'], number> = {
	date: 6,
	weekday: 5,
	weekend: 4,
	offset: 3,
	months: 2,
	week: 1,
};

const WEEKDAY_PICK_BY_WEEK = { '-1': 'last-week', '0': 'this-week', '1': 'next-week' } as const;

/** Combines day phrases ("quarta da semana que vem", "terça desta semana", "dia 10 do mês que vem") and keeps the most specific. */
function pickDay(facets: Facet[]): DaySpec | undefined {
	const specs = facets.filter((f): f is DayFacet => f.kind === 'day').map((f) => f.spec);
	if (specs.length === 0) return undefined;
	const week = specs.find((s) => s.type === 'week');
	const today = specs.some((s) => s.type === 'offset' && s.days === 0);
	const months = specs.find((s) => s.type === 'months');
	const combined = specs.map((s): DaySpec => {
		if (s.type === 'weekday' && week?.type === 'week') return { ...s, pick: WEEKDAY_PICK_BY_WEEK[week.weeks] };
		// "hoje, terça": the weekday names today, not next week's.
		if (s.type === 'weekday' && s.pick === 'coming' && today) return { ...s, pick: 'this' };
		if (s.type === 'weekend' && week?.type === 'week' && week.weeks === 1) return { ...s, nextWeek: true };
		if (s.type === 'date' && s.month === undefined && months?.type === 'months') return { ...s, monthOffset: months.months };
		return s;
	});
	return combined.reduce((best, s) => (SPECIFICITY[s.type] > SPECIFICITY[best.type] ? s : best));
}

function nextMonday(today: CivilDate): CivilDate {
	return addDays(today, 8 - isoWeekday(weekdayOf(today)));
}

function mondayOf(date: CivilDate): CivilDate {
	return addDays(date, 1 - isoWeekday(weekdayOf(date)));
}

/**
 * The calendar day a phrase names. `ahead(d)` says whether the chosen time on day d is still in the future;
 * `timed` whether the text gave a time or a period (not a default hour).
 */
function resolveDay(spec: DaySpec, today: CivilDate, ahead: (d: CivilDate) => boolean, timed: boolean): CivilDate {
	switch (spec.type) {
		case 'offset':
			return addDays(today, spec.days);
		case 'week':
			return addDays(today, 7 * spec.weeks);
		case 'months':
			return addMonths(today, spec.months);
		case 'weekday': {
			const fromMonday = isoWeekday(spec.weekday) - 1;
			switch (spec.pick) {
				case 'next-week':
					return addDays(nextMonday(today), fromMonday);
				case 'this-week':
					return addDays(mondayOf(today), fromMonday);
				case 'last-week':
					return addDays(mondayOf(today), fromMonday - 7);
				case 'previous':
					return addDays(today, -((weekdayOf(today) - spec.weekday + 7) % 7 || 7));
				default: {
					const delta = (spec.weekday - weekdayOf(today) + 7) % 7;
					if (delta > 0) return addDays(today, delta);
					// Today's weekday ("terça" on a Tuesday) is next week's unless a time or period still ahead today is
					// given ("terça às 15h"); "essa terça" keeps today while its default hour is ahead.
					const todayAllowed = spec.pick === 'this' || timed;
					return todayAllowed && ahead(today) ? today : addDays(today, 7);
				}
			}
		}
		case 'weekend': {
			if (spec.nextWeek) return addDays(nextMonday(today), 5);
			const weekday = weekdayOf(today);
			if (weekday === 6) return ahead(today) ? today : addDays(today, 1);
			if (weekday === 0 && ahead(today)) return today;
			return addDays(today, (6 - weekday + 7) % 7 || 7);
		}
		case 'date': {
			if (spec.month !== undefined) {
				if (spec.year !== undefined) return { year: spec.year, month: spec.month, day: spec.day };
				// Year-less dates are this year's unless already gone; 29/02 waits for a leap year.
				for (let year = today.year; year < today.year + 9; year++) {
					const date = { year, month: spec.month, day: spec.day };
					if (isValidDate(year, spec.month, spec.day) && compareDates(date, today) >= 0) return date;
				}
				return { year: today.year, month: spec.month, day: spec.day };
			}
			if (spec.monthOffset !== undefined) {
				const month = addMonths({ ...today, day: 1 }, spec.monthOffset);
				return { ...month, day: Math.min(spec.day, daysInMonth(month.year, month.month)) };
			}
			// "dia 10": this month's 10th unless gone, else the next month that has that day.
			for (let k = 0; k < 13; k++) {
				const month = addMonths({ ...today, day: 1 }, k);
				const date = { ...month, day: spec.day };
				if (isValidDate(date.year, date.month, date.day) && compareDates(date, today) >= 0) return date;
			}
			return today;
		}
	}
}

export function resolve(facets: Facet[], nowMs: number, timeZone: string): Resolution | null {
	const now = Math.floor(nowMs / 1000) * 1000;
	const shift = facets.find((f) => f.kind === 'shift');
	if (shift) return { instantMs: now + shift.minutes * 60000, defaultedTime: false };

	const time = facets.find((f): f is TimeFacet => f.kind === 'time');
	const period = facets.find((f): f is PeriodFacet => f.kind === 'period');
	const daySpec = pickDay(facets);
	if (!time && !period && !daySpec) return null;

	let clock = clockOf(time, period);
	const wall = wallClockAt(now, timeZone);
	const today: CivilDate = { year: wall.year, month: wall.month, day: wall.day };
	if (time?.afternoonLikely && !time.meridiem && !period && !daySpec && civilToInstant(today, time.hour, time.minute, timeZone) > now) {
		// In the small hours, "5 e quinze" or "às 6" is the morning reading still ahead today, the next time the clock shows it.
		clock = { ...clock, hour: time.hour };
	}
	const at = (date: CivilDate): number => civilToInstant(addDays(date, clock.carryDays), clock.hour, clock.minute, timeZone);

	if (!daySpec) {
		// A bare time or period already past today means tomorrow.
		const instant = at(today);
		return { instantMs: instant > now ? instant : at(addDays(today, 1)), defaultedTime: clock.defaulted };
	}

	const date = resolveDay(daySpec, today, (d) => at(d) > now, Boolean(time || period));
	let instant = at(date);
	if (clock.defaulted && instant <= now && sameDate(date, today)) {
		// "hoje" (or today's date) with no time after the default hour: the next whole hour, not the past.
		instant = civilToInstant(today, wall.hour, 0, timeZone) + 3600000;
	}
	return { instantMs: instant, defaultedTime: clock.defaulted };
}
