import { AIRTABLE_MAX_FIELDS_TO_MERGE_ON } from '../../core/limits/airtable';
import { normalizeCell, type CellWriteContext } from './cells';
import { describeValue, invalidRecords, invalidRequest, unprocessable } from './errors';
import { requireField, type BaseModel, type Cells, type FieldModel, type StoredRecord, type TableModel } from './model';
import { isPlainObject, type Json } from './record-input';
import type { RecordWriter } from './record-writer';

/**
 * Upsert (PATCH/PUT with performUpsert): each record without an id is matched on 1 to 3 merge
 * fields (https://airtable.com/developers/web/api/update-multiple-records); one match is updated,
 * none creates a record, several are an error. Matching is exact, including case.
 */

export interface UpsertOutcome {
	results: StoredRecord[];
	createdRecords: string[];
	updatedRecords: string[];
}

/** The merge fields named by performUpsert; 422 for a bad shape, an unknown field or a list-typed field. */
export function mergeFields(table: TableModel, raw: unknown): FieldModel[] {
	if (!isPlainObject(raw) || !Array.isArray(raw.fieldsToMergeOn) || raw.fieldsToMergeOn.length < 1 || raw.fieldsToMergeOn.length > AIRTABLE_MAX_FIELDS_TO_MERGE_ON) {
		throw invalidRequest(`"performUpsert" must be {"fieldsToMergeOn": [1 to ${AIRTABLE_MAX_FIELDS_TO_MERGE_ON} field names or ids]}, got ${describeValue(raw)}.`);
	}
	return raw.fieldsToMergeOn.map((name) => {
		if (typeof name !== 'string') throw invalidRequest(`"fieldsToMergeOn" holds field names or ids, got ${describeValue(name)}.`);
		const field = requireField(table, name);
		if (field.type === 'multipleRecordLinks' || field.type === 'multipleSelects') {
			throw unprocessable('INVALID_FIELDS_TO_MERGE_ON', `Field "${field.name}" (${field.type}) cannot be used in fieldsToMergeOn; use a text, number, date or single select field.`);
		}
		return field;
	});
}

/** Runs the upsert of `items` (already checked); call inside the request's transaction. */
export function upsertRecords(
	writer: RecordWriter,
	base: BaseModel,
	table: TableModel,
	upsert: FieldModel[],
	items: Json[],
	typecast: boolean,
	replace: boolean,
): UpsertOutcome {
	const ctx = writer.cellContext(base, typecast);
	const index = new Map<string, string[]>();
	for (const record of writer.db.listRecords(table.id)) {
		const key = mergeKey(upsert, record.cells);
		index.set(key, [...(index.get(key) ?? []), record.id]);
	}
	const seen = new Set<string>();
	const createdRecords: string[] = [];
	const updatedRecords: string[] = [];
	const results = items.map((item, position) => {
		if (typeof item.id === 'string') {
			updatedRecords.push(item.id);
			return writer.change(table, writer.requireRecordInBody(table, item.id), item.fields as Json, ctx, replace);
		}
		const key = mergeKey(upsert, mergeValues(table, upsert, item.fields as Json, ctx, position));
		if (seen.has(key)) {
			throw invalidRecords(`Records in one upsert must have distinct values for ${names(upsert)}; record ${position + 1} repeats an earlier one.`);
		}
		seen.add(key);
		const matches = index.get(key) ?? [];
		if (matches.length > 1) {
			throw invalidRecords(`Record ${position + 1} matches ${matches.length} records on ${names(upsert)} (${matches.join(', ')}); an upsert needs at most one match.`);
		}
		if (matches.length === 1) {
			updatedRecords.push(matches[0]);
			return writer.change(table, writer.requireRecordInBody(table, matches[0]), item.fields as Json, ctx, replace);
		}
		const record = writer.insert(table, writer.buildCells(table, item.fields as Json, ctx, {}));
		createdRecords.push(record.id);
		return record;
	});
	return { results, createdRecords, updatedRecords };
}

function names(fields: FieldModel[]): string {
	return fields.map((f) => `"${f.name}"`).join(', ');
}

function mergeKey(fields: FieldModel[], cells: Cells): string {
	return JSON.stringify(fields.map((f) => cells[f.id] ?? null));
}

/** The merge fields' values in an upsert record, as they would be stored; each must be given. */
function mergeValues(table: TableModel, fields: FieldModel[], input: Json, ctx: CellWriteContext, position: number): Cells {
	const cells: Cells = {};
	for (const field of fields) {
		const key = Object.keys(input).find((k) => requireField(table, k).id === field.id);
		if (key === undefined) {
			throw invalidRecords(`Record ${position + 1} of the upsert does not set "${field.name}", one of the fieldsToMergeOn.`);
		}
		const cell = normalizeCell(field, input[key], ctx);
		if (cell !== undefined) cells[field.id] = cell;
	}
	return cells;
}
