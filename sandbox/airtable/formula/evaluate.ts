/** Evaluates a checked tree against one record. */

import type { ArithmeticOperator, Expr } from './ast';
import { compare } from './compare';
import { FormulaError, FormulaEvaluationError, formulaError } from './errors';
import { FUNCTIONS, type EvalEnv } from './functions';
import { fromField, toNumber, toText, type Value } from './values';

export type { EvalEnv } from './functions';

export function evaluateExpr(node: Expr, env: EvalEnv): Value {
	switch (node.kind) {
		case 'number':
		case 'string':
		case 'boolean':
			return node.value;
		case 'field':
			// Airtable's API leaves empty fields out of a record: missing is blank.
			return Object.prototype.hasOwnProperty.call(env.record.fields, node.name) ? fromField(env.record.fields[node.name]) : null;
		case 'unary':
			return finite(-arithmeticOperand(evaluateExpr(node.operand, env), node.pos));
		case 'binary': {
			const left = evaluateExpr(node.left, env);
			const right = evaluateExpr(node.right, env);
			switch (node.op) {
				case '&':
					return toText(left) + toText(right);
				case '+':
				case '-':
				case '*':
				case '/':
					return arithmetic(node.op, arithmeticOperand(left, node.pos), arithmeticOperand(right, node.pos));
				default:
					return compare(node.op, left, right);
			}
		}
		case 'call': {
			const spec = FUNCTIONS.get(node.name);
			// checkFormula has already refused unknown names; this guards a tree built some other way.
			if (!spec) throw new FormulaError(`Unknown function ${node.name}`, node.pos);
			const args = node.args.map((arg) => () => evaluateExpr(arg, env));
			return spec.call(args, env, node);
		}
	}
}

function arithmeticOperand(value: Value, pos: number): number {
	// Date arithmetic exists in Airtable with its own rules; refusing it beats a silently different number.
	if (value instanceof Date) {
		throw formulaError('Arithmetic on dates is not supported by the local store', pos, 'use DATEADD or DATETIME_DIFF');
	}
	return toNumber(value);
}

function arithmetic(op: ArithmeticOperator, a: number, b: number): number {
	switch (op) {
		case '+':
			return finite(a + b);
		case '-':
			return finite(a - b);
		case '*':
			return finite(a * b);
		case '/':
			if (b === 0) throw new FormulaEvaluationError('Division by zero');
			return finite(a / b);
	}
}

function finite(value: number): number {
	if (!Number.isFinite(value)) throw new FormulaEvaluationError('The result is not a finite number');
	// No -0 leaks out of arithmetic (it would print as "0" anyway).
	return value === 0 ? 0 : value;
}
