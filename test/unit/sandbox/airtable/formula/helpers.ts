/** Shared fixtures for the formula tests. */

import { compileFormula, type FieldValue, type FormulaRecord } from '../../../../../sandbox/airtable/formula';

/** Fixed clock: Friday 2024-03-15 13:45:30.250 UTC. */
export const NOW = new Date('2024-03-15T13:45:30.250Z');

export function record(fields: Record<string, FieldValue> = {}, overrides: Partial<FormulaRecord> = {}): FormulaRecord {
	return { id: 'rec0000000000001', createdTime: '2024-01-10T08:00:00.000Z', fields, ...overrides };
}

/** Value of a formula for a record with these fields, at NOW. */
export function evaluate(source: string, fields: Record<string, FieldValue> = {}, overrides: Partial<FormulaRecord> = {}): unknown {
	return compileFormula(source).evaluate(record(fields, overrides), { now: NOW });
}

export function matches(source: string, fields: Record<string, FieldValue> = {}): boolean {
	return compileFormula(source).matches(record(fields), { now: NOW });
}

/** The FormulaError thrown while compiling, for assertions on message and position. */
export function compileError(source: string, knownFields?: string[]): { message: string; position: number | undefined; name: string; code: string } {
	try {
		compileFormula(source, { knownFields });
	} catch (error) {
		const e = error as { message: string; position: number | undefined; name: string; code: string };
		return { message: e.message, position: e.position, name: e.name, code: e.code };
	}
	throw new Error(`Expected ${JSON.stringify(source)} not to compile`);
}

export const ERROR = { error: '#ERROR!' };
