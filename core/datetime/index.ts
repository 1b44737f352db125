/**
 * Date/time entity extraction for pt-BR (and some English) chat messages: a small regex grammar
 * (rules/), resolved against a reference instant in the user's IANA zone. No dependencies beyond Intl.
 *
 * Readings chosen where Portuguese is ambiguous:
 * - Numeric dates are DD/MM; a year-less date already gone this year means next year ("10/01" in December).
 *   "o preço é 10/12" is read as 10 December (prices are written "R$ 10,12"); "R$ 10/12", "1/2 kg", "3/4 do bolo" are not dates.
 * - "dia 10": the next 10th, today included. A day with no time gets DEFAULT_DAY_HOUR; a period word gets its
 *   hour (MORNING_HOUR …). If that default is already past today ("hoje", "hoje à noite" late), the next whole hour.
 * - A bare time or period ("às 18h", "de manhã") already past today means tomorrow.
 * - A bare weekday is its next occurrence, today only if the time is still ahead. "que vem" / "próxima" / "next"
 *   pick that weekday in the next Monday-to-Sunday week, so on a Friday "segunda que vem" is in 3 days.
 * - "às 3" (no "h", period or am/pm) is 15:00 for hours 1 to AMBIGUOUS_PM_MAX_HOUR; "3h" and "03:00" are 03:00.
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
