/** The two ways a formula can fail: rejected up front (FormulaError) or #ERROR! for one record (FormulaEvaluationError). */

/**
 * The formula is malformed or outside the subset the local store understands.
 * The store answers it with Airtable's 422 INVALID_FILTER_BY_FORMULA, never with a guessed result.
 */
export class FormulaError extends Error {
	readonly code = 'INVALID_FILTER_BY_FORMULA';
	/** 1-based character position in the formula source, when the problem has one. */
	readonly position: number | undefined;

	constructor(message: string, position?: number) {
		super(message);
		this.name = 'FormulaError';
		this.position = position;
	}
}

/** Builds a FormulaError whose message always says where: "<what> at position N[: hint]". */
export function formulaError(what: string, position: number, hint?: string): FormulaError {
	return new FormulaError(`${what} at position ${position}${hint ? `: ${hint}` : ''}`, position);
}

/**
 * What Airtable shows as #ERROR! for one record (a non-number in arithmetic, an unreadable date...).
 * Airtable leaves such records out of a filterByFormula result, so the evaluator does the same.
 */
export class FormulaEvaluationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FormulaEvaluationError';
	}
}
