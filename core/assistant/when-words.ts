/**
 * A due date or reminder time in the words a person would say it, in the user's zone and language:
 * "hoje, 18:00", "amanhã, 09:00", "sexta, 14:00", "12/12, 10:00" (pt-BR) and "today, 18:00",
 * "tomorrow, 09:00", "Friday, 14:00", "Dec 12, 10:00" (English). Used by the task, reminder and
 * hub replies, so every confirmation names a time the same way.
 */
import { weekdayOf } from '../datetime/calendar';
import { assertTimeZone, wallClockAt } from '../datetime/timezone';
import type { CivilDate } from '../datetime/types';
import type { Locale } from './locale';

/** An instant as the callers hold it: an ISO 8601 string (Airtable, the classifier), epoch ms or a Date. */
export type InstantInput = string | number | Date;

/** Days ahead that still read as a weekday ("sexta"); a week or more ahead reads as a date. */
const WEEKDAY_HORIZON_DAYS = 6;

const WORDS: Record<Locale, { today: string; tomorrow: string; yesterday: string; weekdays: readonly string[]; months: readonly string[] }> = {
	'pt-BR': {
		today: 'hoje',
		tomorrow: 'amanhã',
		yesterday: 'ontem',
		weekdays: ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'],
		months: [],
	},
	en: {
		today: 'today',
		tomorrow: 'tomorrow',
		yesterday: 'yesterday',
		weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
		months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
	},
};

/**
 * Reads an instant; throws RangeError naming the value when it is not one.
 * @throws RangeError for an unparsable string, NaN, or an invalid Date
 */
export function instantMs(value: InstantInput, name = 'instant'): number {
	const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
	if (!Number.isFinite(ms)) throw new RangeError(`The ${name} must be an ISO 8601 date-time, epoch milliseconds or a Date; got ${JSON.stringify(value)}.`);
	return ms;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysBetween(from: CivilDate, to: CivilDate): number {
	// Calendar days, not 24-hour spans: DST days are 23 or 25 hours long.
	return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000);
}

/**
 * The day part alone ("amanhã", "sexta", "12/12", "Dec 12, 2027"), as dueInWords words it.
 * @throws RangeError for an invalid instant, `now` or time zone
 */
export function dayInWords(instant: InstantInput, timeZone: string, locale: Locale, now: InstantInput): string {
	const zone = assertTimeZone(timeZone);
	const wall = wallClockAt(instantMs(instant), zone);
	const today = wallClockAt(instantMs(now, 'now'), zone);
	const words = WORDS[locale] ?? WORDS['pt-BR'];
	const day: CivilDate = { year: wall.year, month: wall.month, day: wall.day };
	const offset = daysBetween(today, day);
	if (offset === 0) return words.today;
	if (offset === 1) return words.tomorrow;
	if (offset === -1) return words.yesterday;
	if (offset > 1 && offset <= WEEKDAY_HORIZON_DAYS) return words.weekdays[weekdayOf(day)];
	const sameYear = wall.year === today.year;
	if (locale === 'en') return `${words.months[wall.month - 1]} ${wall.day}${sameYear ? '' : `, ${wall.year}`}`;
	return `${pad(wall.day)}/${pad(wall.month)}${sameYear ? '' : `/${wall.year}`}`;
}

/**
 * When something is due, in words, relative to `now`, in the user's zone and language.
 *
 * - Same calendar day: "hoje, 18:00" / "today, 18:00"; the next: "amanhã, 09:00" / "tomorrow, 09:00";
 *   the previous: "ontem, 17:00" / "yesterday, 17:00".
 * - 2 to 6 days ahead: the weekday, "sexta, 14:00" / "Friday, 14:00" (never ambiguous: the same weekday
 *   a week ahead already reads as a date).
 * - Otherwise the date, "12/12, 10:00" (DD/MM, as Brazilians write it) / "Dec 12, 10:00", with the year
 *   when it is not the current one ("05/01/2028, 08:30" / "Jan 5, 2028, 08:30").
 * - Times are 24-hour HH:MM in the user's zone (America/Sao_Paulo has had no DST since 2019; zones that
 *   do are read at the instant itself through Intl).
 *
 * @param instant the due instant: ISO 8601 (any offset), epoch ms or a Date
 * @param timeZone the user's IANA zone, e.g. "America/Sao_Paulo" (https://www.iana.org/time-zones)
 * @param locale 'pt-BR' or 'en'
 * @param now the reference instant (the turn's time), same forms as `instant`
 * @throws RangeError for an invalid instant, `now` or time zone (the message names the bad value)
 */
export function dueInWords(instant: InstantInput, timeZone: string, locale: Locale, now: InstantInput): string {
	const wall = wallClockAt(instantMs(instant), assertTimeZone(timeZone));
	return `${dayInWords(instant, timeZone, locale, now)}, ${pad(wall.hour)}:${pad(wall.minute)}`;
}
