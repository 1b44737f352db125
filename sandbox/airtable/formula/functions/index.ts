/** The registry of supported functions, by upper-case name, and the Airtable functions the store refuses, with why. */

import { ARRAY_FUNCTIONS } from './array';
import { DATE_PART_FUNCTIONS } from './date-parts';
import { DATETIME_FUNCTIONS } from './datetime';
import { LOGICAL_FUNCTIONS } from './logical';
import { NUMERIC_FUNCTIONS } from './numeric';
import { RECORD_FUNCTIONS } from './record';
import { REGEX_FUNCTIONS } from './regex';
import { TEXT_FUNCTIONS } from './text';
import type { FunctionSpec } from './types';
import { WORKDAY_FUNCTIONS } from './workday';

export type { Arg, EvalEnv, FunctionSpec } from './types';

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
	[
		...LOGICAL_FUNCTIONS,
		...TEXT_FUNCTIONS,
		...NUMERIC_FUNCTIONS,
		...RECORD_FUNCTIONS,
		...DATETIME_FUNCTIONS,
		...DATE_PART_FUNCTIONS,
		...WORKDAY_FUNCTIONS,
		...ARRAY_FUNCTIONS,
		...REGEX_FUNCTIONS,
	].map((spec) => [spec.name, spec]),
);

export const FUNCTION_NAMES: readonly string[] = Object.freeze([...FUNCTIONS.keys()].sort());

/**
 * Functions of Airtable's formula reference (https://support.airtable.com/docs/formula-field-reference)
 * that the store refuses with 422, and why: it would have to guess their result.
 */
export const REFUSED_FUNCTIONS: ReadonlyMap<string, string> = new Map([
	['TONOW', "its result is a duration Airtable shows in the viewer's words; use DATETIME_DIFF(NOW(), {Date}, 'days')"],
	['FROMNOW', "its result is a duration Airtable shows in the viewer's words; use DATETIME_DIFF({Date}, NOW(), 'days')"],
]);
