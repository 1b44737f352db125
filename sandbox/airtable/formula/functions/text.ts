/**
 * FIND SEARCH LOWER UPPER LEN TRIM CONCATENATE LEFT RIGHT MID REPLACE REPT SUBSTITUTE T
 * ENCODE_URL_COMPONENT (https://support.airtable.com/docs/formula-field-reference).
 * Positions are 1-based and lengths count UTF-16 code units, like JavaScript.
 */

import { FormulaEvaluationError } from '../errors';
import { toNumber, toText, type Value } from '../values';
import { eager, type FunctionSpec } from './types';

/** 1-based position of needle in haystack, 0 when absent; the optional start is a 0-based offset (Airtable: "0 by default"). */
function position(needle: Value, haystack: Value, start: Value | undefined): number {
	const from = start === undefined ? 0 : Math.max(0, Math.trunc(toNumber(start)));
	return toText(haystack).indexOf(toText(needle), from) + 1;
}

/** A count or position argument: a whole number at least `min`, else #ERROR!. */
function whole(value: Value, what: string, min: number): number {
	const n = Math.trunc(toNumber(value));
	if (n < min) throw new FormulaEvaluationError(`${what} must be at least ${min}, got ${n}`);
	return n;
}

/** Longest text REPT may build, so a formula cannot exhaust the store's memory. */
const MAX_REPT_LENGTH = 100_000;

export const TEXT_FUNCTIONS: FunctionSpec[] = [
	// Both are case-sensitive in Airtable; they differ only in what "not found" is.
	eager('FIND', 2, 3, ([needle, haystack, start]) => position(needle, haystack, start)),
	eager('SEARCH', 2, 3, ([needle, haystack, start]) => position(needle, haystack, start) || null),
	eager('LOWER', 1, 1, ([value]) => toText(value).toLowerCase()),
	eager('UPPER', 1, 1, ([value]) => toText(value).toUpperCase()),
	// Counts UTF-16 code units, like JavaScript (an emoji counts 2).
	eager('LEN', 1, 1, ([value]) => toText(value).length),
	eager('TRIM', 1, 1, ([value]) => toText(value).trim()),
	eager('CONCATENATE', 1, Infinity, (values) => values.map(toText).join('')),
	eager('LEFT', 2, 2, ([text, count]) => toText(text).slice(0, whole(count, 'LEFT\'s count', 0))),
	eager('RIGHT', 2, 2, ([text, count]) => {
		const n = whole(count, 'RIGHT\'s count', 0);
		const value = toText(text);
		return n === 0 ? '' : value.slice(-n);
	}),
	// MID("abcdef", 2, 3) = "bcd": the start is 1-based.
	eager('MID', 3, 3, ([text, start, count]) => {
		const from = whole(start, 'MID\'s start', 1) - 1;
		return toText(text).slice(from, from + whole(count, 'MID\'s count', 0));
	}),
	// REPLACE("abcdef", 2, 3, "X") = "aXef".
	eager('REPLACE', 4, 4, ([text, start, count, replacement]) => {
		const value = toText(text);
		const from = whole(start, 'REPLACE\'s start', 1) - 1;
		return value.slice(0, from) + toText(replacement) + value.slice(from + whole(count, 'REPLACE\'s count', 0));
	}),
	eager('REPT', 2, 2, ([text, times]) => {
		const value = toText(text);
		const n = whole(times, 'REPT\'s count', 0);
		if (value.length * n > MAX_REPT_LENGTH) throw new FormulaEvaluationError(`REPT would build more than ${MAX_REPT_LENGTH} characters`);
		return value.repeat(n);
	}),
	// Every occurrence, or only the index-th (1-based) when an index is given.
	eager('SUBSTITUTE', 3, 4, ([text, oldText, newText, index]) => {
		const value = toText(text);
		const search = toText(oldText);
		const replacement = toText(newText);
		if (search === '') return value;
		if (index === undefined) return value.split(search).join(replacement);
		const nth = whole(index, 'SUBSTITUTE\'s index', 1);
		let at = -1;
		for (let i = 0; i < nth; i++) {
			at = value.indexOf(search, at + 1);
			if (at < 0) return value;
		}
		return value.slice(0, at) + replacement + value.slice(at + search.length);
	}),
	// The value when it is text, blank otherwise.
	eager('T', 1, 1, ([value]) => (typeof value === 'string' ? value : Array.isArray(value) && value.every((v) => typeof v === 'string') ? toText(value) : null)),
	eager('ENCODE_URL_COMPONENT', 1, 1, ([value]) => {
		try {
			return encodeURIComponent(toText(value));
		} catch {
			throw new FormulaEvaluationError('The text holds a lone UTF-16 surrogate, which cannot be URL-encoded');
		}
	}),
];
