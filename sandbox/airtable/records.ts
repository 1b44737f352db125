import { AIRTABLE_MAX_FIELDS_TO_MERGE_ON, AIRTABLE_MAX_RECORDS_PER_REQUEST } from '../../core/limits/airtable';
import { normalizeCell, type CellWriteContext } from './cells';
import type { StoreDatabase } from './database';
import { describeValue, invalidRecords, invalidRequest, notFound, recordNotFound, unprocessable } from './errors';
import { newId } from './ids';
import { LinkResolver, syncInverseLinks, unlinkDeletedRecord } from './links';
import type { Metadata } from './metadata';
import { requireField, requireTable, type BaseModel, type Cells, type FieldModel, type StoredRecord, type TableModel } from './model';
import { recordJson, type ApiRecord } from './serialize';

/**
 * Record writes: create, update (PATCH merges, PUT replaces), upsert and delete, with Airtable's
 * batching rules (at most 10 records a request). Each request is one transaction: a bad record
 * anywhere in a batch leaves the table as it was.
 */

type Json = Record<string, unknown>;

interface WriteOptions {
	typecast: boolean;
	byFieldId: boolean;
}

function isPlainObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireBody(body: unknown, allowed: string[]): Json {
	if (!isPlainObject(body)) throw invalidRequest(`The request body must be a JSON object, got ${describeValue(body)}.`);
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key)) throw invalidRequest(`Unknown key "${key}" in the request body; allowed: ${allowed.join(', ')}.`);
	}
	return body;
}

function optionalBoolean(body: Json, key: string): boolean {
	const value = body[key];
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') throw invalidRequest(`"${key}" must be true or false, got ${describeValue(value)}.`);
	return value;
}

function writeOptions(body: Json): WriteOptions {
	return { typecast: optionalBoolean(body, 'typecast'), byFieldId: optionalBoolean(body, 'returnFieldsByFieldId') };
}

function recordList(value: unknown, verb: string): unknown[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw invalidRecords(`"records" must be a non-empty list of records to ${verb}, got ${describeValue(value)}.`);
	}
	if (value.length > AIRTABLE_MAX_RECORDS_PER_REQUEST) {
		throw invalidRecords(
			`You can ${verb} at most ${AIRTABLE_MAX_RECORDS_PER_REQUEST} records in one request, got ${value.length}. Send them in batches of ${AIRTABLE_MAX_RECORDS_PER_REQUEST}.`,
		);
	}
	return value;
}

function recordItem(value: unknown, index: number, allowed: string[]): Json {
	if (!isPlainObject(value)) throw invalidRecords(`Record ${index + 1} must be an object like {"fields": {...}}, got ${describeValue(value)}.`);
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key)) throw invalidRecords(`Record ${index + 1} has an unknown key "${key}"; allowed: ${allowed.join(', ')}.`);
	}
	if (!isPlainObject(value.fields)) {
		throw invalidRecords(`Record ${index + 1} needs "fields": an object of field name (or id) to value, got ${describeValue(value.fields)}.`);
	}
	return value;
}

/** The stored cells after applying `fields` on top of `start` (empty for create and PUT). */
function buildCells(table: TableModel, fields: Json, ctx: CellWriteContext, start: Cells): Cells {
	const cells: Cells = { ...start };
	for (const [key, value] of Object.entries(fields)) {
		const field = requireField(table, key);
		const cell = normalizeCell(field, value, ctx);
		if (cell === undefined) delete cells[field.id];
		else cells[field.id] = cell;
	}
	return cells;
}

export class RecordService {
	constructor(
		private readonly db: StoreDatabase,
		private readonly metadata: Metadata,
		private readonly now: () => Date,
	) {}

	get(baseId: string, tableIdOrName: string, recordId: string, byFieldId: boolean): ApiRecord {
		const table = requireTable(this.metadata.requireBase(baseId), tableIdOrName);
		return recordJson(table, this.requireRecordInUrl(table, recordId), { byFieldId });
	}

	/** POST: {records:[{fields}], typecast} → {records}, or the legacy {fields} → the record. */
	create(baseId: string, tableIdOrName: string, body: unknown): unknown {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const input = requireBody(body, ['records', 'fields', 'typecast', 'returnFieldsByFieldId']);
		const options = writeOptions(input);
		const single = input.records === undefined;
		if (single && input.fields === undefined) throw invalidRequest('Send {"records": [{"fields": {...}}]} (up to 10) or {"fields": {...}} for one record.');
		const items = single ? [recordItem({ fields: input.fields }, 0, ['fields'])] : recordList(input.records, 'create').map((r, i) => recordItem(r, i, ['fields']));

		const records = this.db.transaction(() => {
			const ctx = this.cellContext(base, options.typecast);
			return items.map((item) => this.insert(table, buildCells(table, item.fields as Json, ctx, {})));
		});
		const json = records.map((r) => this.json(table, r.id, options));
		return single ? json[0] : { records: json };
	}

	/** PATCH/PUT on the table: {records:[{id, fields}]}, or an upsert with performUpsert. */
	updateMany(baseId: string, tableIdOrName: string, body: unknown, replace: boolean): unknown {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const input = requireBody(body, ['records', 'typecast', 'returnFieldsByFieldId', 'performUpsert']);
		const options = writeOptions(input);
		const verb = replace ? 'replace' : 'update';
		const upsert = input.performUpsert === undefined || input.performUpsert === null ? undefined : this.mergeFields(table, input.performUpsert);
		const items = recordList(input.records, verb).map((r, i) => recordItem(r, i, ['id', 'fields']));

		if (!upsert) {
			items.forEach((item, index) => {
				if (typeof item.id !== 'string') throw invalidRecords(`Record ${index + 1} needs an "id" (rec...) to ${verb}, got ${describeValue(item.id)}.`);
			});
			const updated = this.db.transaction(() => {
				const ctx = this.cellContext(base, options.typecast);
				return items.map((item) => this.change(table, this.requireRecordInBody(table, item.id as string), item.fields as Json, ctx, replace));
			});
			return { records: updated.map((r) => this.json(table, r.id, options)) };
		}

		const outcome = this.db.transaction(() => {
			const ctx = this.cellContext(base, options.typecast);
			const index = new Map<string, string[]>();
			for (const record of this.db.listRecords(table.id)) {
				const key = mergeKey(upsert, record.cells);
				index.set(key, [...(index.get(key) ?? []), record.id]);
			}
			const seen = new Set<string>();
			const created: string[] = [];
			const updated: string[] = [];
			const results = items.map((item, position) => {
				if (typeof item.id === 'string') {
					updated.push(item.id);
					return this.change(table, this.requireRecordInBody(table, item.id), item.fields as Json, ctx, replace);
				}
				const key = mergeKey(upsert, mergeValues(table, upsert, item.fields as Json, ctx, position));
				if (seen.has(key)) {
					throw invalidRecords(`Records in one upsert must have distinct values for ${names(upsert)}; record ${position + 1} repeats an earlier one.`);
				}
				seen.add(key);
				const matches = index.get(key) ?? [];
				if (matches.length > 1) {
					throw invalidRecords(
						`Record ${position + 1} matches ${matches.length} records on ${names(upsert)} (${matches.join(', ')}); an upsert needs at most one match.`,
					);
				}
				if (matches.length === 1) {
					updated.push(matches[0]);
					return this.change(table, this.requireRecordInBody(table, matches[0]), item.fields as Json, ctx, replace);
				}
				const record = this.insert(table, buildCells(table, item.fields as Json, ctx, {}));
				created.push(record.id);
				return record;
			});
			return { results, created, updated };
		});
		return {
			records: outcome.results.map((r) => this.json(table, r.id, options)),
			createdRecords: outcome.created,
			updatedRecords: outcome.updated,
		};
	}

	/** PATCH/PUT .../{recordId}: {fields, typecast} → the record. */
	updateOne(baseId: string, tableIdOrName: string, recordId: string, body: unknown, replace: boolean): ApiRecord {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const existing = this.requireRecordInUrl(table, recordId);
		const input = requireBody(body, ['fields', 'typecast', 'returnFieldsByFieldId']);
		const options = writeOptions(input);
		const item = recordItem({ fields: input.fields }, 0, ['fields']);
		this.db.transaction(() => this.change(table, existing, item.fields as Json, this.cellContext(base, options.typecast), replace));
		return this.json(table, recordId, options);
	}

	/** DELETE on the table with records[]=rec...: → {records:[{id, deleted:true}]}. */
	deleteMany(baseId: string, tableIdOrName: string, recordIds: unknown): { records: Array<{ id: string; deleted: true }> } {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const list = typeof recordIds === 'string' ? [recordIds] : recordIds;
		const ids = [...new Set(recordList(list, 'delete').map((id) => String(id)))];
		this.db.transaction(() => {
			for (const id of ids) this.remove(base, this.requireRecordInBody(table, id));
		});
		return { records: ids.map((id) => ({ id, deleted: true })) };
	}

	deleteOne(baseId: string, tableIdOrName: string, recordId: string): { id: string; deleted: true } {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const record = this.requireRecordInUrl(table, recordId);
		this.db.transaction(() => this.remove(base, record));
		return { id: recordId, deleted: true };
	}

	private cellContext(base: BaseModel, typecast: boolean): CellWriteContext {
		const contextFor = (cast: boolean): CellWriteContext => ({
			typecast: cast,
			addChoice: (field, name) => this.metadata.addSelectChoice(field, name),
			resolveLink: (field, item) => resolver.resolve(field, item, cast),
		});
		const resolver = new LinkResolver(this.db, base, this.now, contextFor);
		return contextFor(typecast);
	}

	private insert(table: TableModel, cells: Cells): StoredRecord {
		const record: StoredRecord = { id: newId('rec'), tableId: table.id, createdTime: this.now().toISOString(), cells };
		this.db.insertRecord(record);
		syncInverseLinks(this.db, table, record.id, {}, cells);
		return record;
	}

	private change(table: TableModel, existing: StoredRecord, fields: Json, ctx: CellWriteContext, replace: boolean): StoredRecord {
		// Re-read: an earlier record in the same batch may have changed this one's inverse links.
		const current = this.db.getRecord(existing.id) ?? existing;
		const cells = buildCells(table, fields, ctx, replace ? {} : current.cells);
		this.db.updateCells(current.id, cells);
		syncInverseLinks(this.db, table, current.id, current.cells, cells);
		return { ...current, cells };
	}

	private remove(base: BaseModel, record: StoredRecord): void {
		this.db.deleteRecord(record.id);
		unlinkDeletedRecord(this.db, base, record);
	}

	private json(table: TableModel, recordId: string, options: WriteOptions): ApiRecord {
		const record = this.db.getRecord(recordId);
		if (!record) throw new Error(`Record ${recordId} vanished while answering the request.`);
		return recordJson(table, record, { byFieldId: options.byFieldId });
	}

	/** A record named in the URL: Airtable answers a missing one with {"error":"NOT_FOUND"}. */
	private requireRecordInUrl(table: TableModel, recordId: string): StoredRecord {
		const record = this.db.getRecord(recordId);
		if (!record || record.tableId !== table.id) throw recordNotFound();
		return record;
	}

	/** A record named in a batch body: same 404, with a message saying which one. */
	private requireRecordInBody(table: TableModel, recordId: string): StoredRecord {
		const record = this.db.getRecord(recordId);
		if (!record || record.tableId !== table.id) throw notFound(`Could not find record ${recordId} in table ${table.name} (${table.id}).`);
		return record;
	}

	private mergeFields(table: TableModel, raw: unknown): FieldModel[] {
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
