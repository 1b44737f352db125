/**
 * A documented subset of Airtable's formula language, for the local store's filterByFormula.
 * The escaping helpers production uses to build formulas live in core/airtable/formula-escape.ts.
 */

import { checkFormula } from './check';
import { FormulaError, FormulaEvaluationError } from './errors';
import { evaluateExpr, type EvalEnv } from './evaluate';
import { FUNCTION_NAMES } from './functions';
import { parse } from './parser';
import type { FormulaContext, FormulaErrorValue, FormulaRecord } from './types';
import { toOutput, truthy, type Value } from './values';

export { FormulaError } from './errors';
export type { FieldValue, FormulaContext, FormulaErrorValue, FormulaRecord } from './types';

export interface CompiledFormula {
	/**
	 * The formula's value for one record: text, number, boolean, null (blank), a list, dates as ISO text,
	 * or { error: '#ERROR!' } where Airtable would show #ERROR!.
	 * Throws FormulaError when the record needs something the local store does not support.
	 */
	evaluate(record: FormulaRecord, ctx?: FormulaContext): unknown;
	/** Whether filterByFormula keeps the record: false for 0, false, "", blank, [] and #ERROR!. */
	matches(record: FormulaRecord, ctx?: FormulaContext): boolean;
	/** Fields the formula references, in order of first use, without duplicates. */
	fieldNames: string[];
}

/** Upper-case names of the functions the local store runs, sorted. */
export const SUPPORTED_FUNCTIONS: readonly string[] = FUNCTION_NAMES;

const ERROR_VALUE: FormulaErrorValue = Object.freeze({ error: '#ERROR!' });

/**
 * Parses and checks a formula; throws FormulaError for syntax errors and for anything outside the supported
 * subset (unknown function, wrong argument count). `knownFields`, when given, makes references to unknown fields an error too.
 */
export function compileFormula(source: string, options: { knownFields?: string[] } = {}): CompiledFormula {
	if (typeof source !== 'string') throw new FormulaError(`The formula must be text, got ${typeof source}`);
	const tree = parse(source);
	const fieldNames = checkFormula(tree, options.knownFields);

	const run = (record: FormulaRecord, ctx: FormulaContext | undefined): Value => evaluateExpr(tree, makeEnv(record, ctx));

	return {
		fieldNames,
		evaluate(record, ctx) {
			try {
				return toOutput(run(record, ctx));
			} catch (error) {
				if (error instanceof FormulaEvaluationError) return { ...ERROR_VALUE };
				throw error;
			}
		},
		matches(record, ctx) {
			try {
				return truthy(run(record, ctx));
			} catch (error) {
				// Airtable leaves out records whose formula is #ERROR!.
				if (error instanceof FormulaEvaluationError) return false;
				throw error;
			}
		},
	};
}

function makeEnv(record: FormulaRecord, ctx: FormulaContext | undefined): EvalEnv {
	const now = ctx?.now ?? new Date();
	if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
		throw new TypeError('FormulaContext.now must be a valid Date');
	}
	return { record, now };
}
