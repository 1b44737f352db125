/** The registry of supported functions, by upper-case name. */

import { ARRAY_FUNCTIONS } from './array';
import { DATETIME_FUNCTIONS } from './datetime';
import { LOGICAL_FUNCTIONS } from './logical';
import { RECORD_FUNCTIONS } from './record';
import { TEXT_FUNCTIONS } from './text';
import type { FunctionSpec } from './types';

export type { Arg, EvalEnv, FunctionSpec } from './types';

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
	[...LOGICAL_FUNCTIONS, ...TEXT_FUNCTIONS, ...RECORD_FUNCTIONS, ...DATETIME_FUNCTIONS, ...ARRAY_FUNCTIONS].map((spec) => [spec.name, spec]),
);

export const FUNCTION_NAMES: readonly string[] = Object.freeze([...FUNCTIONS.keys()].sort());

/** Airtable functions the local store knows by name but does not run, for a clearer message than "unknown". */
export const OTHER_AIRTABLE_FUNCTIONS: ReadonlySet<string> = new Set([
	'ABS', 'AVERAGE', 'CEILING', 'COUNT', 'COUNTA', 'COUNTALL', 'EVEN', 'EXP', 'FLOOR', 'INT', 'LOG', 'MAX', 'MIN', 'MOD', 'ODD',
	'POWER', 'ROUND', 'ROUNDDOWN', 'ROUNDUP', 'SQRT', 'SUM', 'VALUE', 'CONCATENATE', 'ENCODE_URL_COMPONENT', 'LEFT', 'MID',
	'REPLACE', 'REPT', 'RIGHT', 'SUBSTITUTE', 'T', 'REGEX_MATCH', 'REGEX_EXTRACT', 'REGEX_REPLACE', 'ERROR', 'ISERROR', 'SWITCH',
	'XOR', 'DATESTR', 'DATETIME_PARSE', 'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'SET_LOCALE',
	'SET_TIMEZONE', 'TIMESTR', 'TONOW', 'FROMNOW', 'WEEKDAY', 'WEEKNUM', 'WORKDAY', 'WORKDAY_DIFF', 'YEAR', 'ARRAYCOMPACT',
	'ARRAYFLATTEN', 'ARRAYUNIQUE', 'ARRAYSLICE', 'CREATED_BY', 'LAST_MODIFIED_BY', 'AUTONUMBER',
]);
