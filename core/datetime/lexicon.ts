import { HOUR_NUMBER_WORDS, NUMBER_WORDS_1_59, parseNumberWords } from './numbers';
import type { DayPeriod, Meridiem } from './types';

/** Words the grammar knows, in folded form (lower case, no accents), and the documented default hours. */

export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** A day named without a time ("amanhã", "dia 10", "sexta") is set to 09:00. */
export const DEFAULT_DAY_HOUR = 9;
/** "amanhã cedo". */
export const EARLY_MORNING_HOUR = 8;
/** "de manhã", "pela manhã", "in the morning". */
export const MORNING_HOUR = 9;
/** "de tarde", "à tarde", "in the afternoon". */
export const AFTERNOON_HOUR = 14;
/** "à noite", "hoje à noite", "tonight". */
export const EVENING_HOUR = 19;
/** "às 3" with no "h", period or am/pm: hours 1 to this value are read as afternoon (15:00), as people say them. */
export const AMBIGUOUS_PM_MAX_HOUR = 6;

/**
 * Two-digit years ("31/10/74"): 69–99 are 1969–1999 and 00–68 are 2000–2068, the POSIX strptime %y rule
 * (https://pubs.opengroup.org/onlinepubs/9699919799/functions/strptime.html), also followed by glibc and Python.
 * A fixed pivot, not one sliding with the reference instant, so the same text always means the same year.
 */
export const TWO_DIGIT_YEAR_PIVOT = 69;

/** A year as written: two digits per TWO_DIGIT_YEAR_PIVOT, four digits as is. */
export function expandYear(written: string): number {
	const n = Number(written);
	if (written.length > 2) return n;
	return n >= TWO_DIGIT_YEAR_PIVOT ? 1900 + n : 2000 + n;
}

export const PERIOD_HOURS: Readonly<Record<DayPeriod, number>> = {
	early: EARLY_MORNING_HOUR,
	morning: MORNING_HOUR,
	afternoon: AFTERNOON_HOUR,
	evening: EVENING_HOUR,
};

/** Word start / word end that also treat digits as word characters; \b is ASCII-only. */
export const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
export const WORD_END = String.raw`(?![\p{L}\p{N}])`;

export const WEEKDAY_FULL =
	'segunda|terca|quarta|quinta|sexta|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
export const WEEKDAY_ABBREVIATIONS = 'seg|ter|qua|qui|sex|sab|dom|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun';
/** Portuguese weekday names that are also ordinals ("segunda vez", "quinta série"). */
export const ORDINAL_WEEKDAYS = new Set(['segunda', 'terca', 'quarta', 'quinta', 'sexta']);

/** The first three letters identify every weekday name and abbreviation, pt and en. */
const WEEKDAY_BY_PREFIX: Record<string, number> = {
	dom: 0,
	sun: 0,
	seg: 1,
	mon: 1,
	ter: 2,
	tue: 2,
	qua: 3,
	wed: 3,
	qui: 4,
	thu: 4,
	sex: 5,
	fri: 5,
	sab: 6,
	sat: 6,
};

/** 0 = Sunday; accepts "2a" … "6a" (as in "2ª feira"). */
export function weekdayIndex(word: string): number {
	const ordinal = /^([2-6])a$/.exec(word);
	if (ordinal) return Number(ordinal[1]) - 1;
	const index = WEEKDAY_BY_PREFIX[word.slice(0, 3)];
	if (index === undefined) throw new Error(`Not a weekday: ${word}`);
	return index;
}

export const MONTH_WORDS =
	'janeiro|fevereiro|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|' +
	'january|february|march|april|june|july|august|september|october|november|december|' +
	'jan|fev|feb|mar|abr|apr|mai|may|jun|jul|ago|aug|sept|set|sep|out|oct|nov|dez|dec';
/** Month names written in full, pt and en ("maio" and "may" are short but not abbreviations). */
export const FULL_MONTHS = new Set(
	(
		'janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro ' +
		'january february march april may june july august september october november december'
	).split(' '),
);
export const MONTH_WORDS_EN =
	'january|february|march|april|may|june|july|august|september|october|november|december|' +
	'jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

const MONTH_BY_PREFIX: Record<string, number> = {
	jan: 1,
	fev: 2,
	feb: 2,
	mar: 3,
	abr: 4,
	apr: 4,
	mai: 5,
	may: 5,
	jun: 6,
	jul: 7,
	ago: 8,
	aug: 8,
	set: 9,
	sep: 9,
	out: 10,
	oct: 10,
	nov: 11,
	dez: 12,
	dec: 12,
};

export function monthIndex(word: string): number {
	const index = MONTH_BY_PREFIX[word.slice(0, 3)];
	if (index === undefined) throw new Error(`Not a month: ${word}`);
	return index;
}

/** Quantities that are not cardinals: "meia hora", "half an hour", "an hour", "a week". */
const FRACTION_WORDS: Record<string, number> = { a: 1, an: 1, meia: 0.5, meio: 0.5, half: 0.5 };

/** Clock hours spelled out ("às duas da tarde", "às dezoito", "at three"). */
export const HOUR_WORDS = HOUR_NUMBER_WORDS;
/** Minutes after "e" ("três e quinze", "onze e quarenta e cinco"). */
export const MINUTE_WORDS = NUMBER_WORDS_1_59;
/** Quantities in durations ("daqui a duas horas", "em vinte e quatro horas", "in an hour"). */
export const QUANTITY_WORDS = `${NUMBER_WORDS_1_59}|meia|meio|an|a`;

/** Digits ("2", "1,5") or a number word ("vinte e quatro", "meia"); NaN when neither. */
export function parseQuantity(token: string): number {
	const word = token.trim().replace(/\s+/g, ' ');
	if (/^\d+([.,]\d+)?$/.test(word)) return Number(word.replace(',', '.'));
	if (word === 'half an' || word === 'half a') return 0.5;
	return FRACTION_WORDS[word] ?? parseNumberWords(word) ?? Number.NaN;
}

export function periodOf(word: string): DayPeriod {
	if (word.endsWith('cedo')) return 'early';
	if (word === 'manha' || word === 'morning') return 'morning';
	if (word === 'tarde' || word === 'afternoon') return 'afternoon';
	return 'evening';
}

export function meridiemOf(word: string): Meridiem {
	const w = word.replace(/\./g, '');
	if (w === 'am') return 'am';
	if (w === 'pm') return 'pm';
	if (w === 'madrugada') return 'dawn';
	return periodOf(w) as Meridiem;
}

/**
 * Words that may follow an ambiguous token ("segunda", "as 3", "10/12") when it really is a date or time:
 * prepositions, conjunctions, other date words. A noun after it ("segunda vez", "as 3 camisas") means it is not.
 */
export const CONNECTORS = new Set(
	(
		'de do da dos das di pra pro pras pros para com e que q as a ao aos o no na nos nas em ate depois antes cedo ' +
		'feira proxima proximo pela pelo por meio meia umas uns tipo se mas ou pf pfv pls please ok entao tb tbm ' +
		'desta dessa nesta nessa me mim eu vc voce lembrar lembra lembre avisar hoje hj amanha manha tarde noite madrugada dia vem ' +
		'to at on in for with and or by before after from morning afternoon evening night next this'
	).split(' '),
);

/** Words after which a bare "as 9" is a time even when followed by a noun ("amanhã as 9 ligar"). */
export const DAY_WORDS =
	'hoje|hj|amanha|amanah|amanhan|amana|amnh|amnha|today|tomorrow|tmrw|tmr|tonight|' +
	WEEKDAY_FULL +
	'|feira|vem';
