import type { StoreDatabase } from './database';
import { unprocessable } from './errors';
import { compileFormula, FormulaError, type CompiledFormula, type FormulaRecord } from './formula';
import type { Metadata } from './metadata';
import { primaryField, type FieldModel, type StoredRecord, type TableModel } from './model';

/**
 * filterByFormula: compiles the formula against the table's field names and keeps the records it
 * matches. A formula the store refuses is Airtable's 422 INVALID_FILTER_BY_FORMULA.
 */

/**
 * A record as the formula engine sees it: fields by name, and links as the linked records'
 * primary values, as Airtable shows them in formulas (so ARRAYJOIN({User}) gives phones).
 */
function formulaRecord(table: TableModel, record: StoredRecord, linkValues: (field: FieldModel, ids: string[]) => string[]): FormulaRecord {
	const fields: FormulaRecord['fields'] = {};
	for (const field of table.fields) {
		const value = record.cells[field.id];
		if (value === undefined) continue;
		if (field.type === 'multipleRecordLinks' && Array.isArray(value)) fields[field.name] = linkValues(field, value);
		else fields[field.name] = Array.isArray(value) ? [...value] : value;
	}
	return { id: record.id, createdTime: record.createdTime, lastModifiedTime: record.modifiedTime, fields };
}

function invalidFormula(error: FormulaError): Error {
	return unprocessable('INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${error.message}`);
}

/** The records the formula keeps, in their order. Throws 422 INVALID_FILTER_BY_FORMULA for a refused formula. */
export function filterByFormula(
	db: StoreDatabase,
	metadata: Metadata,
	table: TableModel,
	records: StoredRecord[],
	source: string,
	now: Date,
): StoredRecord[] {
	let formula: CompiledFormula;
	try {
		formula = compileFormula(source, { knownFields: table.fields.map((f) => f.name) });
	} catch (error) {
		if (error instanceof FormulaError) throw invalidFormula(error);
		throw error;
	}
	const base = metadata.requireBase(table.baseId);
	const primaries = new Map<string, string>();
	const linkValues = (field: FieldModel, ids: string[]): string[] => {
		const linked = base.tables.find((t) => t.id === field.options?.linkedTableId);
		if (!linked) return [...ids];
		const primary = primaryField(linked);
		const missing = ids.filter((id) => !primaries.has(id));
		if (missing.length) {
			for (const [id, rec] of db.getRecords(missing)) {
				const cell = rec.cells[primary.id];
				primaries.set(id, cell === undefined ? '' : Array.isArray(cell) ? cell.join(', ') : String(cell));
			}
		}
		return ids.map((id) => primaries.get(id) ?? id);
	};
	try {
		return records.filter((record) => formula.matches(formulaRecord(table, record, linkValues), { now }));
	} catch (error) {
		// Some formulas are refused only when a record's values reach them (see ./formula).
		if (error instanceof FormulaError) throw invalidFormula(error);
		throw error;
	}
}
