import type { StoreDatabase } from './database';
import { describeValue, invalidRecords, invalidRequest } from './errors';
import type { Metadata } from './metadata';
import { requireTable } from './model';
import { recordItem, recordList, requireBody, writeOptions, type Json } from './record-input';
import { RecordWriter } from './record-writer';
import type { ApiRecord } from './serialize';
import { mergeFields, upsertRecords } from './upsert';

/**
 * The record routes by verb: get, create, update (PATCH merges, PUT replaces), upsert and delete,
 * with Airtable's batching rules (see record-input.ts). Each request is one transaction: a bad
 * record anywhere in a batch leaves the table as it was.
 */
export class RecordService {
	private readonly writer: RecordWriter;

	constructor(
		private readonly db: StoreDatabase,
		private readonly metadata: Metadata,
		now: () => Date,
	) {
		this.writer = new RecordWriter(db, metadata, now);
	}

	get(baseId: string, tableIdOrName: string, recordId: string, byFieldId: boolean): ApiRecord {
		const table = requireTable(this.metadata.requireBase(baseId), tableIdOrName);
		return this.writer.json(table, this.writer.requireRecordInUrl(table, recordId).id, { byFieldId, typecast: false });
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
			const ctx = this.writer.cellContext(base, options.typecast);
			return items.map((item) => this.writer.insert(table, this.writer.buildCells(table, item.fields as Json, ctx, {})));
		});
		const json = records.map((r) => this.writer.json(table, r.id, options));
		return single ? json[0] : { records: json };
	}

	/** PATCH/PUT on the table: {records:[{id, fields}]}, or an upsert with performUpsert (see upsert.ts). */
	updateMany(baseId: string, tableIdOrName: string, body: unknown, replace: boolean): unknown {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const input = requireBody(body, ['records', 'typecast', 'returnFieldsByFieldId', 'performUpsert']);
		const options = writeOptions(input);
		const verb = replace ? 'replace' : 'update';
		const upsert = input.performUpsert === undefined || input.performUpsert === null ? undefined : mergeFields(table, input.performUpsert);
		const items = recordList(input.records, verb).map((r, i) => recordItem(r, i, ['id', 'fields']));

		if (upsert) {
			const outcome = this.db.transaction(() => upsertRecords(this.writer, base, table, upsert, items, options.typecast, replace));
			return {
				records: outcome.results.map((r) => this.writer.json(table, r.id, options)),
				createdRecords: outcome.createdRecords,
				updatedRecords: outcome.updatedRecords,
			};
		}
		items.forEach((item, index) => {
			if (typeof item.id !== 'string') throw invalidRecords(`Record ${index + 1} needs an "id" (rec...) to ${verb}, got ${describeValue(item.id)}.`);
		});
		const updated = this.db.transaction(() => {
			const ctx = this.writer.cellContext(base, options.typecast);
			return items.map((item) => this.writer.change(table, this.writer.requireRecordInBody(table, item.id as string), item.fields as Json, ctx, replace));
		});
		return { records: updated.map((r) => this.writer.json(table, r.id, options)) };
	}

	/** PATCH/PUT .../{recordId}: {fields, typecast} → the record. */
	updateOne(baseId: string, tableIdOrName: string, recordId: string, body: unknown, replace: boolean): ApiRecord {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const existing = this.writer.requireRecordInUrl(table, recordId);
		const input = requireBody(body, ['fields', 'typecast', 'returnFieldsByFieldId']);
		const options = writeOptions(input);
		const item = recordItem({ fields: input.fields }, 0, ['fields']);
		this.db.transaction(() => this.writer.change(table, existing, item.fields as Json, this.writer.cellContext(base, options.typecast), replace));
		return this.writer.json(table, recordId, options);
	}

	/** DELETE on the table with records[]=rec...: → {records:[{id, deleted:true}]}. */
	deleteMany(baseId: string, tableIdOrName: string, recordIds: unknown): { records: Array<{ id: string; deleted: true }> } {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const list = typeof recordIds === 'string' ? [recordIds] : recordIds;
		const ids = [...new Set(recordList(list, 'delete').map((id) => String(id)))];
		this.db.transaction(() => {
			for (const id of ids) this.writer.remove(base, this.writer.requireRecordInBody(table, id));
		});
		return { records: ids.map((id) => ({ id, deleted: true })) };
	}

	deleteOne(baseId: string, tableIdOrName: string, recordId: string): { id: string; deleted: true } {
		const base = this.metadata.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const record = this.writer.requireRecordInUrl(table, recordId);
		this.db.transaction(() => this.writer.remove(base, record));
		return { id: recordId, deleted: true };
	}
}
