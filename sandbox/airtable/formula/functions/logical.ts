/** AND OR NOT IF BLANK TRUE FALSE. */

import { truthy } from '../values';
import { eager, type FunctionSpec } from './types';

export const LOGICAL_FUNCTIONS: FunctionSpec[] = [
	// Every argument is evaluated (no short-circuit), so an #ERROR! anywhere makes the whole result #ERROR!.
	eager('AND', 1, Infinity, (values) => values.map(truthy).every(Boolean)),
	eager('OR', 1, Infinity, (values) => values.map(truthy).some(Boolean)),
	eager('NOT', 1, 1, ([value]) => !truthy(value)),
	{
		name: 'IF',
		minArgs: 2,
		maxArgs: 3,
		// Only the chosen branch runs; a missing else is BLANK().
		call: ([condition, then, otherwise]) => (truthy(condition()) ? then() : otherwise ? otherwise() : null),
	},
	eager('BLANK', 0, 0, () => null),
	eager('TRUE', 0, 0, () => true),
	eager('FALSE', 0, 0, () => false),
];
