/** Public data shapes shared by the evaluator and the store. */

export type FieldValue =
	| string
	| number
	| boolean
	| null
	| undefined
	| Array<string | number | boolean | Record<string, unknown>>
	| Record<string, unknown>;

export interface FormulaRecord {
	id: string;
	createdTime: string;
	/** When any field last changed (ISO); LAST_MODIFIED_TIME() falls back to createdTime without it. */
	lastModifiedTime?: string;
	fields: Record<string, FieldValue>;
}

export interface FormulaContext {
	/** The clock behind NOW() and TODAY(); defaults to the real time. Injected so tests and the store agree. */
	now?: Date;
}

/** How Airtable's API reports a formula that failed for a record. */
export interface FormulaErrorValue {
	error: '#ERROR!';
}
