/**
 * = != < > <= >= between values of any type.
 * Text compares case-sensitively; a number on either side makes it numeric; a date on either side makes it a date comparison.
 */

import type { ComparisonOperator } from './ast';
import { tryDate } from './dates';
import { isBlank, toText, tryNumber, type Value } from './values';

type Scalar = null | string | number | boolean | Date;

/** Lists and objects (lookups, collaborators) compare by their text, as Airtable shows them. */
function scalar(value: Value): Scalar {
	if (value === null || typeof value !== 'object' || value instanceof Date) return value;
	return isBlank(value) ? null : toText(value);
}

function isNumeric(value: Scalar): value is number | boolean {
	return typeof value === 'number' || typeof value === 'boolean';
}

/** Strict number reading for comparisons: text must look like a number. */
function comparableNumber(value: Scalar): number | undefined {
	if (value instanceof Date) return undefined;
	return tryNumber(value);
}

export function valuesEqual(left: Value, right: Value): boolean {
	const a = scalar(left);
	const b = scalar(right);
	const aBlank = isBlank(a);
	const bBlank = isBlank(b);
	if (aBlank && bBlank) return true;
	if (aBlank || bBlank) {
		// Blank is 0 and false in numeric context (Airtable's {Count} = 0 is true on an empty cell), "" otherwise.
		const other = aBlank ? b : a;
		return other === 0 || other === false;
	}
	if (a instanceof Date || b instanceof Date) {
		const da = tryDate(a);
		const db = tryDate(b);
		return da !== undefined && da === db;
	}
	if (isNumeric(a) || isNumeric(b)) {
		const na = comparableNumber(a);
		return na !== undefined && na === comparableNumber(b);
	}
	return a === b;
}

/** Negative, zero or positive; undefined when the two cannot be ordered (every ordering test is then false). */
export function orderValues(left: Value, right: Value): number | undefined {
	const a = scalar(left);
	const b = scalar(right);
	if (a instanceof Date || b instanceof Date) {
		const da = tryDate(a);
		const db = tryDate(b);
		return da === undefined || db === undefined ? undefined : da - db;
	}
	if (isNumeric(a) || isNumeric(b)) {
		const na = comparableNumber(a);
		const nb = comparableNumber(b);
		return na === undefined || nb === undefined ? undefined : na - nb;
	}
	// Text (or blank as ""), by UTF-16 code units: "B" < "a", "10" < "9".
	const ta = a ?? '';
	const tb = b ?? '';
	return ta < tb ? -1 : ta > tb ? 1 : 0;
}

export function compare(op: ComparisonOperator, left: Value, right: Value): boolean {
	if (op === '=') return valuesEqual(left, right);
	if (op === '!=') return !valuesEqual(left, right);
	const order = orderValues(left, right);
	if (order === undefined) return false;
	switch (op) {
		case '<':
			return order < 0;
		case '>':
			return order > 0;
		case '<=':
			return order <= 0;
		case '>=':
			return order >= 0;
	}
}
