/** Runtime values and Airtable's coercions between them: text, number, blank, truthiness. */

import { FormulaEvaluationError } from './errors';

export type ObjectValue = { readonly [key: string]: unknown };

/** Dates only come from functions (NOW, DATEADD...); a date field holds its ISO text, as the API returns it. */
export type Value = null | string | number | boolean | Date | ObjectValue | Value[];

/** Record field values as the evaluator sees them: missing means blank. */
export function fromField(raw: unknown): Value {
	if (raw === undefined || raw === null) return null;
	if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	if (Array.isArray(raw)) return raw.map(fromField);
	if (raw instanceof Date) return raw;
	if (typeof raw === 'object') return raw as ObjectValue;
	return String(raw);
}

/** Blank is "", null and an array with nothing but blanks in it: what BLANK() compares equal to. */
export function isBlank(value: Value): boolean {
	if (value === null || value === '') return true;
	if (Array.isArray(value)) return value.every(isBlank);
	return false;
}

/** Airtable's filterByFormula drops records whose result is 0, false, "", NaN, [] or #ERROR!. */
export function truthy(value: Value): boolean {
	if (value === null) return false;
	if (typeof value === 'string') return value !== '';
	if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
	if (typeof value === 'boolean') return value;
	if (Array.isArray(value)) return !isBlank(value);
	return true;
}

export function numberToText(value: number): string {
	// -0 prints as "0"; everything else as JavaScript does, which is what Airtable shows.
	return Object.is(value, -0) ? '0' : String(value);
}

export function toText(value: Value): string {
	if (value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return numberToText(value);
	// Airtable booleans are 1 and 0 (a checkbox formula shows 1).
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return arrayToText(value, ', ');
	return objectToText(value);
}

/** Flattens nested arrays (lookups of lookups) and skips missing items. */
export function arrayToText(items: Value[], separator: string): string {
	const parts: string[] = [];
	const walk = (list: Value[]): void => {
		for (const item of list) {
			if (Array.isArray(item)) walk(item);
			else if (item !== null) parts.push(toText(item));
		}
	};
	walk(items);
	return parts.join(separator);
}

/** Collaborators read as their name, attachments as "file (url)", as in Airtable formulas. */
function objectToText(value: ObjectValue): string {
	const { name, filename, url, label, text } = value;
	if (typeof name === 'string') return name;
	if (typeof filename === 'string') return typeof url === 'string' ? `${filename} (${url})` : filename;
	if (typeof label === 'string') return label;
	if (typeof text === 'string') return text;
	return JSON.stringify(value);
}

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Numeric value for arithmetic; blank counts as 0. Returns undefined where Airtable gives #ERROR!. */
export function tryNumber(value: Value): number | undefined {
	if (value === null) return 0;
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '') return 0;
		return NUMERIC_TEXT.test(trimmed) ? Number(trimmed) : undefined;
	}
	if (Array.isArray(value)) {
		// A lookup of one number (a common rollup shape) is that number.
		const items = value.filter((item) => !isBlank(item));
		if (items.length === 0) return 0;
		if (items.length === 1) return tryNumber(items[0]);
	}
	return undefined;
}

export function toNumber(value: Value): number {
	const number = tryNumber(value);
	if (number === undefined) throw new FormulaEvaluationError(`${describeValue(value)} is not a number`);
	return number;
}

/** Short, readable form of a value for error messages. */
export function describeValue(value: Value): string {
	if (value instanceof Date) return `the date ${value.toISOString()}`;
	const text = toText(value);
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** What evaluate() hands back: plain JSON-like data, dates as ISO text as in Airtable's API. */
export function toOutput(value: Value): unknown {
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map(toOutput);
	return value;
}
