/** AND OR NOT XOR IF SWITCH BLANK TRUE FALSE ERROR ISERROR (https://support.airtable.com/docs/formula-field-reference). */

import { compare } from '../compare';
import { FormulaEvaluationError } from '../errors';
import { truthy } from '../values';
import { eager, type FunctionSpec } from './types';

export const LOGICAL_FUNCTIONS: FunctionSpec[] = [
	// Every argument is evaluated (no short-circuit), so an #ERROR! anywhere makes the whole result #ERROR!.
	eager('AND', 1, Infinity, (values) => values.map(truthy).every(Boolean)),
	eager('OR', 1, Infinity, (values) => values.map(truthy).some(Boolean)),
	// True when an odd number of arguments are true.
	eager('XOR', 1, Infinity, (values) => values.filter(truthy).length % 2 === 1),
	eager('NOT', 1, 1, ([value]) => !truthy(value)),
	{
		name: 'IF',
		minArgs: 2,
		maxArgs: 3,
		// Only the chosen branch runs; a missing else is BLANK().
		call: ([condition, then, otherwise]) => (truthy(condition()) ? then() : otherwise ? otherwise() : null),
	},
	{
		// SWITCH(expression, pattern1, result1, ..., [default]): the first pattern equal to the expression (as `=` compares) wins.
		name: 'SWITCH',
		minArgs: 3,
		maxArgs: Infinity,
		call: ([expression, ...rest]) => {
			const value = expression();
			for (let i = 0; i + 1 < rest.length; i += 2) {
				if (compare('=', value, rest[i]())) return rest[i + 1]();
			}
			return rest.length % 2 === 1 ? rest[rest.length - 1]() : null;
		},
	},
	eager('BLANK', 0, 0, () => null),
	eager('TRUE', 0, 0, () => true),
	eager('FALSE', 0, 0, () => false),
	eager('ERROR', 0, 0, () => {
		throw new FormulaEvaluationError('ERROR()');
	}),
	{
		// Whether the expression is #ERROR! (an unreadable date, a non-number in arithmetic, ERROR()...).
		name: 'ISERROR',
		minArgs: 1,
		maxArgs: 1,
		call: ([expression]) => {
			try {
				expression();
				return false;
			} catch (error) {
				if (error instanceof FormulaEvaluationError) return true;
				throw error;
			}
		},
	},
];
