/**
 * Date/time entity extraction for pt-BR (and some English) chat messages: a grammar of regex rules kept as data
 * (rules/, one file per topic), resolved against a reference instant in the user's IANA zone. No dependencies
 * beyond Intl. The labelled examples are test data: test/data/datetime (one file per kind, with a labelling guide).
 *
 * Readings chosen where Portuguese is ambiguous:
 * - Numeric dates are DD/MM (also DD-MM-YYYY and DD.MM.YYYY); a year-less date already gone this year means next
 *   year ("10/01" in December). "o preço é 10/12" is read as 10 December (prices are written "R$ 10,12");
 *   "R$ 10/12", "1/2 kg", "3/4 do bolo", "2-1", "13-15", "versão 1.2.3" are not dates.
 * - Two-digit years follow TWO_DIGIT_YEAR_PIVOT (POSIX %y): "31/10/74" is 1974, "15/12/26" is 2026.
 * - "dia 10": the next 10th, today included. A day with no time gets DEFAULT_DAY_HOUR; a period word gets its
 *   hour (MORNING_HOUR …). If that default is already past today ("hoje", "hoje à noite" late), the next whole hour.
 * - A bare time or period ("às 18h", "de manhã") already past today means tomorrow.
 * - A bare weekday is its next occurrence. A weekday equal to today ("terça" on a Tuesday) is next week's: people
 *   name today as "hoje", so naming the weekday points ahead, as Duckling's pt corpus reads it
 *   (https://github.com/facebook/duckling/blob/main/Duckling/Time/PT/Corpus.hs). It stays today when
 *   a time or period still ahead today is given ("terça às 15h", "terça à noite"), and with "essa"/"esta"/"toda"
 *   while the default hour is ahead, or beside "hoje". "que vem" / "próxima" / "next" pick that weekday in the next Monday-to-Sunday
 *   week, so on a Friday "segunda que vem" is in 3 days; "desta semana" / "da semana passada" pick it in this or the
 *   previous such week, even if already past.
 * - The past: "terça passada" / "last tuesday" is the most recent Tuesday before today; "anteontem" two days ago;
 *   "faz 2 horas" exactly 2 hours ago; "faz 3 dias", "há 2 semanas", "mês passado" move the calendar day and take
 *   the default hour, as "em 3 dias" does forward.
 * - "às 3" (no "h", period or am/pm) is 15:00 for hours 1 to AMBIGUOUS_PM_MAX_HOUR; "3h" and "03:00" are 03:00.
 *   In the small hours, when the morning reading is still ahead today and no day is named, it wins: at 04:30,
 *   "5 e quinze" is 05:15 (the next time the clock shows it) while "às 3" is still 15:00. Counting down
 *   ("quinze pras 3") follows the hour said.
 * - Three-letter weekdays: "seg", "qua", "qui", "sáb" anywhere; "dom", "sex", "sat", "sun" (other words too) alone,
 *   after "na"/"no"/"até", or before a time; "sex" also at the end or before a Portuguese connector; "ter" (to have)
 *   never alone.
 * - "meia-noite" is the midnight that ends the named day; "sexta à meia-noite" is Saturday 00:00.
 * - DST: a wall time in a skipped hour moves past the gap; a repeated hour takes the earlier instant.
 */
import { DEFAULT_TIME_ZONE } from './lexicon';
import { findMatches } from './matcher';
import { normalize } from './normalize';
import { resolve } from './resolve';
import { assertTimeZone, formatInstant } from './timezone';
import { buildTitle } from './title';

export {
	AFTERNOON_HOUR,
	AMBIGUOUS_PM_MAX_HOUR,
	DEFAULT_DAY_HOUR,
	DEFAULT_TIME_ZONE,
	EARLY_MORNING_HOUR,
	EVENING_HOUR,
	MORNING_HOUR,
	PERIOD_HOURS,
	TWO_DIGIT_YEAR_PIVOT,
} from './lexicon';

export interface DateTimeExtraction {
	/** ISO 8601 instant with the user's offset, e.g. 2026-11-23T09:00:00-03:00; null when the text names no date or time. */
	datetime: string | null;
	/** The text with the date/time words and leading filler ("me lembra de", "lembrar de", "de", "pra", "remind me to") removed; null when nothing is left. */
	title: string | null;
	/** The exact substring(s) recognised as date/time, for debugging. */
	matched: string[];
	/** true when a default hour was applied because the text named a day but no time. */
	defaultedTime: boolean;
}

export interface ExtractDateTimeOptions {
	/** Reference instant; defaults to the current time. */
	now?: Date;
	/** IANA zone of the user; defaults to America/Sao_Paulo. */
	timeZone?: string;
}

/**
 * Finds the date/time a message names and the task title around it.
 *
 * @param text The message as the user wrote it (any case, accents or not, emoji allowed). Empty or blank text
 *   gives `{ datetime: null, title: null, matched: [], defaultedTime: false }`.
 * @param options `now` (a Date; default: the current time) is the reference instant, kept to the second;
 *   `timeZone` (an IANA name; default DEFAULT_TIME_ZONE, America/Sao_Paulo) is the user's zone, in which
 *   "amanhã", "às 9h" and the returned offset are read (https://www.iana.org/time-zones).
 * @returns `datetime` as an ISO 8601 instant to the second with the zone's offset at that instant
 *   (e.g. "2026-11-23T09:00:00-03:00"), or null; `title` the rest of the text, or null; `matched` the substrings
 *   recognised, in text order; `defaultedTime` true when a default hour was applied.
 * @throws RangeError when `timeZone` is not a zone Intl knows (the message names it and suggests an IANA name),
 *   or when `now` is not a valid Date. Nothing else throws: text that names no date gives a null datetime.
 */
export function extractDateTime(text: string, options: ExtractDateTimeOptions = {}): DateTimeExtraction {
	const timeZone = assertTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
	const now = options.now ?? new Date();
	if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
		throw new RangeError('The reference instant "now" must be a valid Date.');
	}
	if (typeof text !== 'string' || text.trim() === '') {
		return { datetime: null, title: null, matched: [], defaultedTime: false };
	}

	// Composed form, so "às" typed as a + combining accent still counts as the crase.
	text = text.normalize('NFC');
	const matches = findMatches(normalize(text));
	const resolution = resolve(
		matches.flatMap((m) => m.facets),
		now.getTime(),
		timeZone,
	);
	return {
		datetime: resolution ? formatInstant(resolution.instantMs, timeZone) : null,
		title: buildTitle(
			text,
			matches.map((m) => [m.start, m.end] as const),
		),
		matched: matches.map((m) => text.slice(m.start, m.end)),
		defaultedTime: resolution?.defaultedTime ?? false,
	};
}
