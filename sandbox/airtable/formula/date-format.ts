/**
 * DATETIME_FORMAT's moment.js format tokens, English names, in UTC or in the zone SET_TIMEZONE gave the date.
 * Tokenising copies moment's rules so that letters moment treats as tokens never silently print as themselves.
 */

import { wallClock } from './zones';

export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** moment's English long-date presets, expanded before tokenising. */
const LOCAL_FORMATS: Record<string, string> = {
	LTS: 'h:mm:ss A',
	LT: 'h:mm A',
	L: 'MM/DD/YYYY',
	LL: 'MMMM D, YYYY',
	LLL: 'MMMM D, YYYY h:mm A',
	LLLL: 'dddd, MMMM D, YYYY h:mm A',
	l: 'M/D/YYYY',
	ll: 'MMM D, YYYY',
	lll: 'MMM D, YYYY h:mm A',
	llll: 'ddd, MMM D, YYYY h:mm A',
};
const LOCAL_FORMAT_TOKENS = /(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/g;

/** moment's formattingTokens expression, unchanged: the last branch (.) makes every other character a literal. */
export const FORMAT_TOKENS =
	/(\[[^[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;

/** moment tokens the local store does not print (eras, zone names, six-digit years). */
const UNSUPPORTED_TOKENS = new Set(['N', 'NN', 'NNN', 'NNNN', 'NNNNN', 'y', 'yo', 'yy', 'yyy', 'yyyy', 'z', 'zz', 'YYYYY', 'YYYYYY']);

interface Parts {
	date: Date;
	year: number;
	month: number;
	day: number;
	weekday: number;
	hour: number;
	minute: number;
	second: number;
	ms: number;
	/** The zone's offset from UTC in minutes; 0 unless SET_TIMEZONE gave the date a zone. */
	offsetMinutes: number;
}

type TokenFormatter = (p: Parts) => string;

function pad(value: number, width: number): string {
	const sign = value < 0 ? '-' : '';
	return sign + String(Math.abs(value)).padStart(width, '0');
}

function ordinal(n: number): string {
	const lastTwo = n % 100;
	const last = n % 10;
	const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
	return `${n}${suffix}`;
}

function dayOfYear(p: Parts): number {
	// The wall clock's day, so a zoned date counts its own calendar day.
	const time = p.date.getTime() + p.offsetMinutes * 60_000;
	const dayStart = time - (((time % 86_400_000) + 86_400_000) % 86_400_000);
	const yearStart = new Date(dayStart);
	yearStart.setUTCMonth(0, 1);
	return Math.round((dayStart - yearStart.getTime()) / 86_400_000) + 1;
}

function isLeap(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function weekdayOf(year: number, month: number, day: number): number {
	const date = new Date(Date.UTC(2000, month, day));
	date.setUTCFullYear(year, month, day);
	return date.getUTCDay();
}

/** moment's week-of-year: dow is the first day of the week, doy decides which January day is always in week 1. */
function firstWeekOffset(year: number, dow: number, doy: number): number {
	const fwd = 7 + dow - doy;
	const fwdlw = (7 + weekdayOf(year, 0, fwd) - dow) % 7;
	return -fwdlw + fwd - 1;
}

function weeksInYear(year: number, dow: number, doy: number): number {
	const days = isLeap(year) ? 366 : 365;
	return (days - firstWeekOffset(year, dow, doy) + firstWeekOffset(year + 1, dow, doy)) / 7;
}

function weekOfYear(p: Parts, dow: number, doy: number): { week: number; year: number } {
	const week = Math.floor((dayOfYear(p) - firstWeekOffset(p.year, dow, doy) - 1) / 7) + 1;
	if (week < 1) return { week: week + weeksInYear(p.year - 1, dow, doy), year: p.year - 1 };
	const inYear = weeksInYear(p.year, dow, doy);
	if (week > inYear) return { week: week - inYear, year: p.year + 1 };
	return { week, year: p.year };
}

// English locale weeks start on Sunday with Jan 1 in week 1; ISO weeks start on Monday with Jan 4 in week 1.
const localeWeek = (p: Parts) => weekOfYear(p, 0, 6);
const isoWeek = (p: Parts) => weekOfYear(p, 1, 4);

const hour12 = (p: Parts) => p.hour % 12 || 12;

const FORMATTERS: Record<string, TokenFormatter> = {
	M: (p) => String(p.month + 1),
	Mo: (p) => ordinal(p.month + 1),
	MM: (p) => pad(p.month + 1, 2),
	MMM: (p) => MONTHS[p.month].slice(0, 3),
	MMMM: (p) => MONTHS[p.month],
	Q: (p) => String(Math.floor(p.month / 3) + 1),
	Qo: (p) => ordinal(Math.floor(p.month / 3) + 1),
	D: (p) => String(p.day),
	Do: (p) => ordinal(p.day),
	DD: (p) => pad(p.day, 2),
	DDD: (p) => String(dayOfYear(p)),
	DDDo: (p) => ordinal(dayOfYear(p)),
	DDDD: (p) => pad(dayOfYear(p), 3),
	d: (p) => String(p.weekday),
	do: (p) => ordinal(p.weekday),
	dd: (p) => WEEKDAYS[p.weekday].slice(0, 2),
	ddd: (p) => WEEKDAYS[p.weekday].slice(0, 3),
	dddd: (p) => WEEKDAYS[p.weekday],
	e: (p) => String(p.weekday),
	E: (p) => String(p.weekday || 7),
	w: (p) => String(localeWeek(p).week),
	wo: (p) => ordinal(localeWeek(p).week),
	ww: (p) => pad(localeWeek(p).week, 2),
	W: (p) => String(isoWeek(p).week),
	Wo: (p) => ordinal(isoWeek(p).week),
	WW: (p) => pad(isoWeek(p).week, 2),
	gg: (p) => pad(localeWeek(p).year % 100, 2),
	gggg: (p) => pad(localeWeek(p).year, 4),
	ggggg: (p) => pad(localeWeek(p).year, 5),
	GG: (p) => pad(isoWeek(p).year % 100, 2),
	GGGG: (p) => pad(isoWeek(p).year, 4),
	GGGGG: (p) => pad(isoWeek(p).year, 5),
	Y: (p) => (p.year <= 9999 ? String(p.year) : `+${p.year}`),
	YY: (p) => pad(p.year % 100, 2),
	YYYY: (p) => (p.year <= 9999 ? pad(p.year, 4) : `+${p.year}`),
	H: (p) => String(p.hour),
	HH: (p) => pad(p.hour, 2),
	h: (p) => String(hour12(p)),
	hh: (p) => pad(hour12(p), 2),
	k: (p) => String(p.hour || 24),
	kk: (p) => pad(p.hour || 24, 2),
	Hmm: (p) => `${p.hour}${pad(p.minute, 2)}`,
	Hmmss: (p) => `${p.hour}${pad(p.minute, 2)}${pad(p.second, 2)}`,
	hmm: (p) => `${hour12(p)}${pad(p.minute, 2)}`,
	hmmss: (p) => `${hour12(p)}${pad(p.minute, 2)}${pad(p.second, 2)}`,
	m: (p) => String(p.minute),
	mm: (p) => pad(p.minute, 2),
	s: (p) => String(p.second),
	ss: (p) => pad(p.second, 2),
	a: (p) => (p.hour > 11 ? 'pm' : 'am'),
	A: (p) => (p.hour > 11 ? 'PM' : 'AM'),
	X: (p) => String(Math.floor(p.date.getTime() / 1000)),
	x: (p) => String(p.date.getTime()),
	// +00:00 (UTC) unless SET_TIMEZONE gave the date a zone.
	Z: (p) => offsetText(p.offsetMinutes, ':'),
	ZZ: (p) => offsetText(p.offsetMinutes, ''),
};
// S, SS, SSS... are tenths, hundredths, milliseconds, then milliseconds padded with zeros.
for (let n = 1; n <= 9; n++) {
	FORMATTERS['S'.repeat(n)] = (p) => (n <= 3 ? pad(Math.floor(p.ms / 10 ** (3 - n)), n) : pad(p.ms, 3) + '0'.repeat(n - 3));
}

export function expandLocalFormats(format: string): string {
	let current = format;
	// moment expands up to five times, since a preset could in principle contain another.
	for (let i = 0; i < 5; i++) {
		const next = current.replace(LOCAL_FORMAT_TOKENS, (match: string, bracket?: string, escape?: string, token?: string) =>
			bracket || escape || !token ? match : LOCAL_FORMATS[token] ?? match,
		);
		if (next === current) break;
		current = next;
	}
	return current;
}

type Piece = { literal: string } | { token: string; format: TokenFormatter };

function tokenizeFormat(format: string): { pieces: Piece[]; unsupported: string[] } {
	const pieces: Piece[] = [];
	const unsupported: string[] = [];
	for (const match of expandLocalFormats(format).matchAll(FORMAT_TOKENS)) {
		const text = match[0];
		if (match[1]) {
			pieces.push({ literal: text.slice(1, -1) });
		} else if (FORMATTERS[text]) {
			pieces.push({ token: text, format: FORMATTERS[text] });
		} else if (UNSUPPORTED_TOKENS.has(text)) {
			unsupported.push(text);
		} else {
			// Not a token (or an escaped one): printed as is, without the escaping backslash.
			pieces.push({ literal: text.replace(/\\/g, '') });
		}
	}
	return { pieces, unsupported };
}

/** Tokens in the format that the local store cannot print; empty when the whole format is supported. */
export function unsupportedFormatTokens(format: string): string[] {
	return tokenizeFormat(format).unsupported;
}

function offsetText(minutes: number, separator: string): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

/** The date printed with a moment.js format; call unsupportedFormatTokens first, since unknown tokens are not printed. */
export function formatDate(date: Date, format: string): string {
	const { pieces } = tokenizeFormat(format);
	const { local, offsetMinutes } = wallClock(date);
	const parts: Parts = {
		date,
		year: local.getUTCFullYear(),
		month: local.getUTCMonth(),
		day: local.getUTCDate(),
		weekday: local.getUTCDay(),
		hour: local.getUTCHours(),
		minute: local.getUTCMinutes(),
		second: local.getUTCSeconds(),
		ms: local.getUTCMilliseconds(),
		offsetMinutes,
	};
	return pieces.map((piece) => ('literal' in piece ? piece.literal : piece.format(parts))).join('');
}
