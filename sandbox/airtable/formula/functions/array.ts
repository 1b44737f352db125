/** ARRAYJOIN ARRAYCOMPACT ARRAYFLATTEN ARRAYUNIQUE ARRAYSLICE (https://support.airtable.com/docs/formula-field-reference). */

import { FormulaEvaluationError } from '../errors';
import { arrayToText, isBlank, toNumber, toText, type Value } from '../values';
import { eager, type FunctionSpec } from './types';

/** A single value is a one-item list; blank is an empty one. */
function asList(value: Value): Value[] {
	if (Array.isArray(value)) return value;
	return isBlank(value) ? [] : [value];
}

function flatten(list: Value[]): Value[] {
	return list.flatMap((item) => (Array.isArray(item) ? flatten(item) : [item]));
}

/** A 1-based index, negative from the end (-1 is the last item), as a 0-based offset. */
function offset(index: Value, length: number): number {
	const n = Math.trunc(toNumber(index));
	if (n === 0) throw new FormulaEvaluationError('ARRAYSLICE positions start at 1 (or -1 from the end)');
	return n > 0 ? n - 1 : length + n;
}

export const ARRAY_FUNCTIONS: FunctionSpec[] = [
	eager('ARRAYJOIN', 1, 2, ([values, separator]) => {
		const sep = separator === undefined ? ', ' : toText(separator);
		if (Array.isArray(values)) return arrayToText(values, sep);
		return isBlank(values) ? '' : toText(values);
	}),
	// Empty text and blanks are removed; false and 0 stay.
	eager('ARRAYCOMPACT', 1, 1, ([values]) => flatten(asList(values)).filter((item) => item !== null && item !== '')),
	eager('ARRAYFLATTEN', 1, 1, ([values]) => flatten(asList(values))),
	// Items are the same when they print the same and have the same type, first one kept.
	eager('ARRAYUNIQUE', 1, 1, ([values]) => {
		const seen = new Set<string>();
		return flatten(asList(values)).filter((item) => {
			const key = `${item instanceof Date ? 'date' : typeof item}:${toText(item)}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	}),
	// ARRAYSLICE(values, start, [end]): 1-based and inclusive, negative positions count from the end.
	eager('ARRAYSLICE', 2, 3, ([values, start, end]) => {
		const list = flatten(asList(values));
		const from = Math.max(0, offset(start, list.length));
		const to = end === undefined ? list.length : offset(end, list.length) + 1;
		return list.slice(from, Math.max(from, to));
	}),
];
