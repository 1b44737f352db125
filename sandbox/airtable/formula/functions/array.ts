/** ARRAYJOIN. */

import { arrayToText, isBlank, toText } from '../values';
import { eager, type FunctionSpec } from './types';

export const ARRAY_FUNCTIONS: FunctionSpec[] = [
	eager('ARRAYJOIN', 1, 2, ([values, separator]) => {
		const sep = separator === undefined ? ', ' : toText(separator);
		// A single value is a one-item list; blank is an empty one.
		if (Array.isArray(values)) return arrayToText(values, sep);
		return isBlank(values) ? '' : toText(values);
	}),
];
