import { DEFAULT_TIME_ZONE } from '../datetime';
import { wallClockAt } from '../datetime/timezone';
import type { Locale } from './locale';

/** A moment as a person says it: the day in words and the time on a 24-hour clock. */
export interface WhenWords {
	/** "hoje", "amanhã", "sexta", "12/12", "12/12/2027" / "today", "tomorrow", "Friday", "Dec 12", "Dec 12, 2027". */
	day: string;
	/** "09:00". */
	time: string;
	/** Whether `day` is a weekday or date (needs "na"/"no"/"em" in pt-BR) rather than "hoje"/"amanhã". */
	named: boolean;
}

const WEEKDAYS: Record<Locale, string[]> = {
	'pt-BR': ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'],
	en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** Days from the calendar day of `now` to that of `instant`, both in `timeZone`. */
export function dayDistance(instantMs: number, nowMs: number, timeZone: string): number {
	const a = wallClockAt(instantMs, timeZone);
	const b = wallClockAt(nowMs, timeZone);
	return Math.round((Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day)) / 86_400_000);
}

/**
 * An instant in words in the user's zone: today/tomorrow/yesterday by name, the next six days by
 * weekday, other days by date (with the year only when it is not this year's).
 * @param iso an ISO 8601 instant, e.g. "2026-11-30T09:00:00-03:00"
 * @param now the reference instant (default: the current time)
 * @throws RangeError when `iso` is not a date or `timeZone` is not an IANA zone
 */
export function whenWords(iso: string, locale: Locale, timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): WhenWords {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new RangeError(`"${iso}" is not an ISO 8601 instant.`);
	const wall = wallClockAt(ms, timeZone);
	const today = wallClockAt(now.getTime(), timeZone);
	const distance = dayDistance(ms, now.getTime(), timeZone);
	const time = `${pad(wall.hour)}:${pad(wall.minute)}`;
	const pt = locale === 'pt-BR';
	if (distance === 0) return { day: pt ? 'hoje' : 'today', time, named: false };
	if (distance === 1) return { day: pt ? 'amanhã' : 'tomorrow', time, named: false };
	if (distance === -1) return { day: pt ? 'ontem' : 'yesterday', time, named: false };
	if (distance > 1 && distance < 7) return { day: WEEKDAYS[locale][new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay()], time, named: true };
	const sameYear = wall.year === today.year;
	if (pt) return { day: `${pad(wall.day)}/${pad(wall.month)}${sameYear ? '' : `/${wall.year}`}`, time, named: true };
	return { day: `${MONTHS_EN[wall.month - 1]} ${wall.day}${sameYear ? '' : `, ${wall.year}`}`, time, named: true };
}

/** "amanhã, 09:00" / "tomorrow, 09:00": the short form a task's due date is shown in. */
export function shortWhen(iso: string, locale: Locale, timeZone?: string, now?: Date): string {
	const w = whenWords(iso, locale, timeZone, now);
	return `${w.day}, ${w.time}`;
}

/** "amanhã às 09:00", "na sexta às 14:00", "em 12/12 às 09:00" / "tomorrow at 09:00", "on Friday at 14:00". */
export function atWhen(iso: string, locale: Locale, timeZone?: string, now?: Date): string {
	const w = whenWords(iso, locale, timeZone, now);
	if (locale === 'en') return `${w.named ? 'on ' : ''}${w.day} at ${w.time}`;
	if (!w.named) return `${w.day} às ${w.time}`;
	const article = /^\d/.test(w.day) ? 'em' : ['sábado', 'domingo'].includes(w.day) ? 'no' : 'na';
	return `${article} ${w.day} às ${w.time}`;
}
