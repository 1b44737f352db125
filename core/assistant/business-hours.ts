/**
 * When a person will answer a hand-off: the team's business hours (configurable, Brazilian national
 * holidays off by default) and, for an instant, either "soon" (inside hours) or the next opening,
 * described by its day relative to the user's own calendar ("today", "tomorrow", a weekday, a date).
 * Pure: the catalogue (core/assistant/catalogue/handoff.ts) turns the result into words.
 */
import { addDays, compareDates, weekdayOf } from '../datetime/calendar';
import { assertTimeZone, civilToInstant, wallClockAt } from '../datetime/timezone';
import type { CivilDate } from '../datetime/types';

/** The default: Monday to Friday, 09:00 to 18:00 in São Paulo, national holidays off, an answer within 60 minutes. */
export const DEFAULT_BUSINESS_HOURS_SPEC = 'mon-fri 09:00-18:00';
export const DEFAULT_BUSINESS_TIME_ZONE = 'America/Sao_Paulo';
export const DEFAULT_RESPONSE_MINUTES = 60;

/** A bad BESTSTAG_BUSINESS_* setting; the message says what was read and what to write. */
export class BusinessHoursError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BusinessHoursError';
	}
}

/** Opening hours of one weekday, in minutes after local midnight; `close` is exclusive. */
export interface DayHours {
	open: number;
	close: number;
}

export interface BusinessHours {
	/** Index 0 = Sunday … 6 = Saturday: that day's ranges in order (several for a lunch break); [] = closed. */
	week: ReadonlyArray<readonly DayHours[]>;
	/** IANA zone the hours are kept in. */
	timeZone: string;
	/** Which holidays close the team: Brazil's national ones, or none. */
	holidays: 'br' | 'none';
	/** What "soon" promises inside hours, in minutes. */
	responseMinutes: number;
}

const DAY_NAMES: Record<string, number> = {
	sun: 0, dom: 0,
	mon: 1, seg: 1,
	tue: 2, ter: 2,
	wed: 3, qua: 3,
	thu: 4, qui: 4,
	fri: 5, sex: 5,
	sat: 6, sab: 6, 'sáb': 6,
};

function dayIndex(name: string, spec: string): number {
	const index = DAY_NAMES[name.toLowerCase()];
	if (index === undefined) throw new BusinessHoursError(`Business hours "${spec}": "${name}" is not a weekday; use mon, tue, wed, thu, fri, sat, sun (or seg, ter, qua, qui, sex, sab, dom).`);
	return index;
}

function minutesOf(text: string, spec: string): number {
	const match = /^(\d{1,2}):(\d{2})$/.exec(text);
	const hours = match ? Number(match[1]) : NaN;
	const minutes = match ? Number(match[2]) : NaN;
	if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) throw new BusinessHoursError(`Business hours "${spec}": "${text}" is not a time; write HH:MM, e.g. 09:00.`);
	return hours * 60 + minutes;
}

/**
 * Reads business hours written as "days HH:MM-HH:MM" groups separated by ";", e.g.
 * "mon-fri 09:00-18:00", "seg-sex 08:30-17:30; sab 09:00-12:00", or with a lunch break
 * "mon-fri 09:00-12:00; mon-fri 13:00-18:00". A range of days may wrap ("fri-mon"); ranges of one
 * day may not overlap.
 * @returns the week, index 0 = Sunday, each day's ranges in order ([] = closed)
 * @throws BusinessHoursError naming the part that could not be read and what to write instead
 */
export function parseBusinessHours(spec: string): DayHours[][] {
	const week: DayHours[][] = Array.from({ length: 7 }, () => []);
	const groups = spec.split(';').map((g) => g.trim()).filter(Boolean);
	if (groups.length === 0) throw new BusinessHoursError(`Business hours "${spec}" are empty; write e.g. "${DEFAULT_BUSINESS_HOURS_SPEC}".`);
	for (const group of groups) {
		const match = /^(\S+)\s+(\S+)\s*-\s*(\S+)$/.exec(group);
		if (!match) throw new BusinessHoursError(`Business hours "${spec}": cannot read "${group}"; write days then hours, e.g. "${DEFAULT_BUSINESS_HOURS_SPEC}".`);
		const [, days, from, to] = match;
		const open = minutesOf(from, spec);
		const close = minutesOf(to, spec);
		if (close <= open) throw new BusinessHoursError(`Business hours "${spec}": "${group}" closes before it opens.`);
		const picked = new Set<number>();
		for (const part of days.split(',')) {
			const [first, last] = part.split('-');
			const start = dayIndex(first, spec);
			const end = last === undefined ? start : dayIndex(last, spec);
			for (let d = start; ; d = (d + 1) % 7) {
				picked.add(d);
				if (d === end) break;
			}
		}
		for (const d of picked) {
			if (week[d].some((r) => open < r.close && r.open < close)) throw new BusinessHoursError(`Business hours "${spec}": two ranges of the same weekday overlap ("${group}").`);
			week[d].push({ open, close });
		}
	}
	for (const day of week) day.sort((a, b) => a.open - b.open);
	return week;
}

/**
 * Business hours from the environment (an object, so the core stays free of process access):
 * BESTSTAG_BUSINESS_HOURS (default "mon-fri 09:00-18:00"), BESTSTAG_BUSINESS_TIMEZONE (default
 * America/Sao_Paulo), BESTSTAG_BUSINESS_HOLIDAYS ("br" default, or "none"),
 * BESTSTAG_HANDOFF_RESPONSE_MINUTES (default 60, 1 to 1440). Blank values take the default.
 * @throws BusinessHoursError (or RangeError for the zone) naming the variable and the value read
 */
export function businessHoursFromEnv(env: Readonly<Record<string, string | undefined>>): BusinessHours {
	const read = (name: string) => env[name]?.trim() || undefined;
	const holidays = (read('BESTSTAG_BUSINESS_HOLIDAYS') ?? 'br').toLowerCase();
	if (holidays !== 'br' && holidays !== 'none') throw new BusinessHoursError(`BESTSTAG_BUSINESS_HOLIDAYS is "${holidays}"; use "br" (Brazilian national holidays) or "none".`);
	const minutesText = read('BESTSTAG_HANDOFF_RESPONSE_MINUTES');
	const responseMinutes = minutesText === undefined ? DEFAULT_RESPONSE_MINUTES : Number(minutesText);
	if (!Number.isInteger(responseMinutes) || responseMinutes < 1 || responseMinutes > 1440) {
		throw new BusinessHoursError(`BESTSTAG_HANDOFF_RESPONSE_MINUTES is "${minutesText}"; use whole minutes from 1 to 1440.`);
	}
	return {
		week: parseBusinessHours(read('BESTSTAG_BUSINESS_HOURS') ?? DEFAULT_BUSINESS_HOURS_SPEC),
		timeZone: assertTimeZone(read('BESTSTAG_BUSINESS_TIMEZONE') ?? DEFAULT_BUSINESS_TIME_ZONE),
		holidays,
		responseMinutes,
	};
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): CivilDate {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return { year, month, day };
}

/**
 * Brazil's national holidays of a year: 1 Jan, Good Friday (Sexta-feira da Paixão), 21 Apr,
 * 1 May, 7 Sep, 12 Oct, 2 Nov, 15 Nov, 20 Nov (since 2024) and 25 Dec. Carnival and Corpus Christi
 * are optional days (pontos facultativos), not holidays, so teams choose; they are left open.
 * Sources: Lei 662/1949 with Lei 10.607/2002 (https://www.planalto.gov.br/ccivil_03/leis/l0662.htm),
 * Lei 6.802/1980 (https://www.planalto.gov.br/ccivil_03/leis/l6802.htm), Lei 14.759/2023
 * (https://www.planalto.gov.br/ccivil_03/_ato2023-2026/2023/lei/l14759.htm), Lei 9.093/1995 for
 * Good Friday (https://www.planalto.gov.br/ccivil_03/leis/l9093.htm).
 * @returns the dates, in calendar order
 */
export function brazilianNationalHolidays(year: number): CivilDate[] {
	const fixed: Array<[number, number]> = [[1, 1], [4, 21], [5, 1], [9, 7], [10, 12], [11, 2], [11, 15], [12, 25]];
	if (year >= 2024) fixed.push([11, 20]);
	const dates: CivilDate[] = fixed.map(([month, day]) => ({ year, month, day }));
	dates.push(addDays(easterSunday(year), -2));
	return dates.sort(compareDates);
}

function isHoliday(date: CivilDate, hours: BusinessHours): boolean {
	return hours.holidays === 'br' && brazilianNationalHolidays(date.year).some((h) => compareDates(h, date) === 0);
}

/** The ranges of a calendar day in the team's zone; [] when the team is off that day. */
function hoursOn(date: CivilDate, hours: BusinessHours): readonly DayHours[] {
	if (isHoliday(date, hours)) return [];
	return hours.week[weekdayOf(date)] ?? [];
}

/** When a person will answer: soon (within `minutes`), or from an opening instant (epoch ms). */
export type AnswerEstimate = { kind: 'soon'; minutes: number } | { kind: 'opens'; at: number };

/**
 * Whether the team is in now, and if not, when it next opens.
 * @param nowMs epoch milliseconds
 * @returns `soon` inside hours; else `opens` with the next opening instant (at most a year ahead)
 * @throws BusinessHoursError when the week has no open day at all
 */
export function estimateAnswer(nowMs: number, hours: BusinessHours): AnswerEstimate {
	const wall = wallClockAt(nowMs, hours.timeZone);
	const today: CivilDate = { year: wall.year, month: wall.month, day: wall.day };
	const minute = wall.hour * 60 + wall.minute;
	if (hoursOn(today, hours).some((r) => minute >= r.open && minute < r.close)) return { kind: 'soon', minutes: hours.responseMinutes };
	for (let offset = 0; offset <= 366; offset++) {
		const date = addDays(today, offset);
		const next = hoursOn(date, hours).find((r) => offset > 0 || r.open > minute);
		if (!next) continue;
		return { kind: 'opens', at: civilToInstant(date, Math.floor(next.open / 60), next.open % 60, hours.timeZone) };
	}
	throw new BusinessHoursError('Business hours have no open day; give at least one weekday hours.');
}

/** An instant as the user reads it: which day relative to their today, and the local time. */
export interface DayAndTime {
	/** today, tomorrow, a weekday within the next 6 days, or a date further on. */
	day: 'today' | 'tomorrow' | 'weekday' | 'date';
	/** 0 = Sunday … 6 = Saturday. */
	weekday: number;
	date: CivilDate;
	/** HH:MM, 24 h, in the user's zone. */
	time: string;
}

/**
 * Describes `atMs` in the user's zone relative to `nowMs` ("tomorrow 09:00"), so a user outside
 * the team's zone reads their own clock.
 * @throws RangeError for an unknown time zone
 */
export function dayAndTime(atMs: number, nowMs: number, userTimeZone: string): DayAndTime {
	const zone = assertTimeZone(userTimeZone);
	const at = wallClockAt(atMs, zone);
	const now = wallClockAt(nowMs, zone);
	const date: CivilDate = { year: at.year, month: at.month, day: at.day };
	const days = Math.round((Date.UTC(at.year, at.month - 1, at.day) - Date.UTC(now.year, now.month - 1, now.day)) / 86_400_000);
	const day = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : days <= 6 ? 'weekday' : 'date';
	const pad = (n: number) => String(n).padStart(2, '0');
	return { day, weekday: weekdayOf(date), date, time: `${pad(at.hour)}:${pad(at.minute)}` };
}

/** When a person answers, as the catalogue's `handoff.*` messages take it. */
export type AnswerTime = { kind: 'soon'; minutes: number } | ({ kind: 'opens' } & DayAndTime);

/**
 * The answer time to tell a user who asks for a person now.
 * @param nowMs epoch milliseconds
 * @param userTimeZone the user's IANA zone (Users.Timezone), used to word the day and time
 * @throws BusinessHoursError / RangeError as estimateAnswer and dayAndTime do
 */
export function answerTime(nowMs: number, hours: BusinessHours, userTimeZone: string): AnswerTime {
	const estimate = estimateAnswer(nowMs, hours);
	if (estimate.kind === 'soon') return estimate;
	return { kind: 'opens', ...dayAndTime(estimate.at, nowMs, userTimeZone) };
}
