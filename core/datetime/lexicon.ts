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

const NUMBER_WORDS: Record<string, number> = {
	um: 1,
	uma: 1,
	one: 1,
	a: 1,
	an: 1,
	dois: 2,
	duas: 2,
	two: 2,
	tres: 3,
	three: 3,
	quatro: 4,
	four: 4,
	cinco: 5,
	five: 5,
	seis: 6,
	six: 6,
	sete: 7,
	seven: 7,
	oito: 8,
	eight: 8,
	nove: 9,
	nine: 9,
	dez: 10,
	ten: 10,
	onze: 11,
	eleven: 11,
	doze: 12,
	twelve: 12,
	quinze: 15,
	fifteen: 15,
	vinte: 20,
	twenty: 20,
	trinta: 30,
	thirty: 30,
	quarenta: 40,
	forty: 40,
	cinquenta: 50,
	fifty: 50,
	meia: 0.5,
	meio: 0.5,
	half: 0.5,
};

/** Clock hours spelled out ("às duas da tarde", "at three"). */
export const HOUR_WORDS =
	'uma|duas|dois|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|' +
	'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
/** Minutes after "e" ("três e quinze"). */
export const MINUTE_WORDS = 'cinco|dez|quinze|vinte|trinta|quarenta|cinquenta';
/** Quantities in durations ("daqui a duas horas", "in an hour"). */
export const QUANTITY_WORDS =
	'uma|um|duas|dois|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|quinze|vinte|trinta|quarenta|cinquenta|' +
	'meia|meio|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty';

/** Digits ("2", "1,5") or a number word; NaN when neither. */
export function parseQuantity(token: string): number {
	const word = token.trim().replace(/\s+/g, ' ');
	if (/^\d+([.,]\d+)?$/.test(word)) return Number(word.replace(',', '.'));
	if (word === 'half an' || word === 'half a') return 0.5;
	return NUMBER_WORDS[word] ?? Number.NaN;
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
		'me mim eu vc voce lembrar lembra lembre avisar hoje hj amanha manha tarde noite madrugada dia vem ' +
		'to at on in for with and or by before after from morning afternoon evening night next this'
	).split(' '),
);

/** Words after which a bare "as 9" is a time even when followed by a noun ("amanhã as 9 ligar"). */
export const DAY_WORDS =
	'hoje|hj|amanha|amanah|amanhan|amana|amnh|amnha|today|tomorrow|tmrw|tmr|tonight|' +
	WEEKDAY_FULL +
	'|feira|vem';
