/** The contract every supported function implements. */

import type { CallExpression } from '../ast';
import type { FormulaRecord } from '../types';
import type { Value } from '../values';

export interface EvalEnv {
	record: FormulaRecord;
	now: Date;
}

/** Arguments arrive unevaluated so IF only evaluates the branch it takes. */
export type Arg = () => Value;

export interface FunctionSpec {
	name: string;
	minArgs: number;
	/** Infinity for AND(...) and OR(...). */
	maxArgs: number;
	/** Compile-time checks of literal arguments (a unit name, a date format); throws FormulaError. */
	check?: (call: CallExpression) => void;
	call: (args: Arg[], env: EvalEnv, node: CallExpression) => Value;
}

/** Shortcut for a spec whose arguments are all evaluated up front. */
export function eager(
	name: string,
	minArgs: number,
	maxArgs: number,
	body: (values: Value[], env: EvalEnv, node: CallExpression) => Value,
	check?: (call: CallExpression) => void,
): FunctionSpec {
	return { name, minArgs, maxArgs, check, call: (args, env, node) => body(args.map((arg) => arg()), env, node) };
}
