/** FIND SEARCH LOWER UPPER LEN TRIM. */

import { toNumber, toText, type Value } from '../values';
import { eager, type FunctionSpec } from './types';

/** 1-based position of needle in haystack, 0 when absent; the optional start is a 0-based offset (Airtable: "0 by default"). */
function position(needle: Value, haystack: Value, start: Value | undefined): number {
	const from = start === undefined ? 0 : Math.max(0, Math.trunc(toNumber(start)));
	return toText(haystack).indexOf(toText(needle), from) + 1;
}

export const TEXT_FUNCTIONS: FunctionSpec[] = [
	// Both are case-sensitive in Airtable; they differ only in what "not found" is.
	eager('FIND', 2, 3, ([needle, haystack, start]) => position(needle, haystack, start)),
	eager('SEARCH', 2, 3, ([needle, haystack, start]) => position(needle, haystack, start) || null),
	eager('LOWER', 1, 1, ([value]) => toText(value).toLowerCase()),
	eager('UPPER', 1, 1, ([value]) => toText(value).toUpperCase()),
	// Counts UTF-16 code units, like JavaScript (an emoji counts 2).
	eager('LEN', 1, 1, ([value]) => toText(value).length),
	eager('TRIM', 1, 1, ([value]) => toText(value).trim()),
];
