/**
 * DATETIME_PARSE's input formats: moment.js tokens for numbers, English month names, 12-hour
 * clocks and epoch times. Anything else in a format is refused (422) rather than parsed loosely.
 * Times are read as UTC, Airtable's default zone.
 */

import { utcTime, daysInMonth } from './dates';
import { expandLocalFormats, FORMAT_TOKENS, MONTHS } from './date-format';

type Setter = (fields: ParsedFields, text: string) => void;

interface ParsedFields {
	year?: number;
	month?: number;
	day?: number;
	hour?: number;
	minute?: number;
	second?: number;
	ms?: number;
	pm?: boolean;
	epochMs?: number;
}

const MONTH_NAMES = MONTHS.map((m) => m.toLowerCase());

const PARSERS: Record<string, { pattern: string; set: Setter }> = {
	YYYY: { pattern: '\\d{4}', set: (f, t) => (f.year = Number(t)) },
	// Two-digit years: 68 and below are 20xx, as in moment.
	YY: { pattern: '\\d{2}', set: (f, t) => (f.year = Number(t) + (Number(t) > 68 ? 1900 : 2000)) },
	M: { pattern: '\\d{1,2}', set: (f, t) => (f.month = Number(t)) },
	MM: { pattern: '\\d{2}', set: (f, t) => (f.month = Number(t)) },
	MMM: { pattern: '[A-Za-z]{3}', set: (f, t) => (f.month = MONTH_NAMES.findIndex((m) => m.startsWith(t.toLowerCase())) + 1 || NaN) },
	MMMM: { pattern: '[A-Za-z]+', set: (f, t) => (f.month = MONTH_NAMES.indexOf(t.toLowerCase()) + 1 || NaN) },
	D: { pattern: '\\d{1,2}', set: (f, t) => (f.day = Number(t)) },
	DD: { pattern: '\\d{2}', set: (f, t) => (f.day = Number(t)) },
	Do: { pattern: '\\d{1,2}(?:st|nd|rd|th)', set: (f, t) => (f.day = parseInt(t, 10)) },
	H: { pattern: '\\d{1,2}', set: (f, t) => (f.hour = Number(t)) },
	HH: { pattern: '\\d{2}', set: (f, t) => (f.hour = Number(t)) },
	h: { pattern: '\\d{1,2}', set: (f, t) => (f.hour = Number(t)) },
	hh: { pattern: '\\d{2}', set: (f, t) => (f.hour = Number(t)) },
	m: { pattern: '\\d{1,2}', set: (f, t) => (f.minute = Number(t)) },
	mm: { pattern: '\\d{2}', set: (f, t) => (f.minute = Number(t)) },
	s: { pattern: '\\d{1,2}', set: (f, t) => (f.second = Number(t)) },
	ss: { pattern: '\\d{2}', set: (f, t) => (f.second = Number(t)) },
	SSS: { pattern: '\\d{3}', set: (f, t) => (f.ms = Number(t)) },
	A: { pattern: '[AaPp][Mm]', set: (f, t) => (f.pm = t.toLowerCase() === 'pm') },
	a: { pattern: '[AaPp][Mm]', set: (f, t) => (f.pm = t.toLowerCase() === 'pm') },
	X: { pattern: '-?\\d+(?:\\.\\d+)?', set: (f, t) => (f.epochMs = Number(t) * 1000) },
	x: { pattern: '-?\\d+', set: (f, t) => (f.epochMs = Number(t)) },
};

/** The moment tokens DATETIME_PARSE accepts, for error messages. */
export const PARSE_TOKENS = Object.keys(PARSERS).join(' ');

interface CompiledFormat {
	regex: RegExp;
	setters: Setter[];
	hasTwelveHour: boolean;
}

/** The format as a matcher, or the tokens the store cannot parse. */
export function compileParseFormat(format: string): CompiledFormat | { unsupported: string[] } {
	let source = '^\\s*';
	const setters: Setter[] = [];
	const unsupported: string[] = [];
	let hasTwelveHour = false;
	for (const match of expandLocalFormats(format).matchAll(FORMAT_TOKENS)) {
		const text = match[0];
		const literal = match[1] ? text.slice(1, -1) : match[2] ? text.slice(1) : undefined;
		const parser = literal === undefined ? PARSERS[text] : undefined;
		if (parser) {
			source += `(${parser.pattern})`;
			setters.push(parser.set);
			if (text === 'h' || text === 'hh') hasTwelveHour = true;
		} else if (literal !== undefined || !/^[A-Za-z]+$/.test(text)) {
			source += (literal ?? text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
		} else {
			unsupported.push(text);
		}
	}
	if (unsupported.length > 0) return { unsupported };
	return { regex: new RegExp(`${source}\\s*$`), setters, hasTwelveHour };
}

/** The instant the text names in that format (UTC), or undefined when it does not match or is not a real date. */
export function parseWithFormat(text: string, format: CompiledFormat, now: Date): Date | undefined {
	const match = format.regex.exec(text);
	if (!match) return undefined;
	const fields: ParsedFields = {};
	format.setters.forEach((set, i) => set(fields, match[i + 1]));
	if (fields.epochMs !== undefined) return Number.isFinite(fields.epochMs) ? new Date(fields.epochMs) : undefined;
	let hour = fields.hour ?? 0;
	if (fields.pm !== undefined || format.hasTwelveHour) {
		if (hour < 1 || hour > 12) return undefined;
		hour = (hour % 12) + (fields.pm ? 12 : 0);
	}
	// Without a year, the current one (the store's clock), as moment does.
	const year = fields.year ?? now.getUTCFullYear();
	const month = fields.month ?? 1;
	const day = fields.day ?? 1;
	const [minute, second, ms] = [fields.minute ?? 0, fields.second ?? 0, fields.ms ?? 0];
	if (!Number.isInteger(month) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return undefined;
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	return new Date(utcTime(year, month - 1, day, hour, minute, second, ms));
}
