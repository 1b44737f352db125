import { normalizeCell, type CellWriteContext } from './cells';
import type { StoreDatabase } from './database';
import { notFound, recordNotFound } from './errors';
import { newId } from './ids';
import { LinkResolver, syncInverseLinks, unlinkDeletedRecord } from './links';
import type { Metadata } from './metadata';
import { requireField, type BaseModel, type Cells, type StoredRecord, type TableModel } from './model';
import type { Json, WriteOptions } from './record-input';
import { recordJson, type ApiRecord } from './serialize';

/**
 * The steps every record write shares: turning fields into stored cells, inserting, changing and
 * removing a record while keeping inverse links in step, and answering with the record's JSON.
 * Callers run them inside one transaction per request.
 */
export class RecordWriter {
	constructor(
		readonly db: StoreDatabase,
		readonly metadata: Metadata,
		private readonly now: () => Date,
	) {}

	/** The stored cells after applying `fields` on top of `start` (empty for create and PUT). */
	buildCells(table: TableModel, fields: Json, ctx: CellWriteContext, start: Cells): Cells {
		const cells: Cells = { ...start };
		for (const [key, value] of Object.entries(fields)) {
			const field = requireField(table, key);
			const cell = normalizeCell(field, value, ctx);
			if (cell === undefined) delete cells[field.id];
			else cells[field.id] = cell;
		}
		return cells;
	}

	/** How cells are checked in this request: typecast or not, with select options and typecast links created on the way. */
	cellContext(base: BaseModel, typecast: boolean): CellWriteContext {
		const contextFor = (cast: boolean): CellWriteContext => ({
			typecast: cast,
			addChoice: (field, name) => this.metadata.addSelectChoice(field, name),
			resolveLink: (field, item) => resolver.resolve(field, item, cast),
		});
		const resolver = new LinkResolver(this.db, base, this.now, contextFor);
		return contextFor(typecast);
	}

	insert(table: TableModel, cells: Cells): StoredRecord {
		const record: StoredRecord = { id: newId('rec'), tableId: table.id, createdTime: this.now().toISOString(), cells };
		this.db.insertRecord(record);
		syncInverseLinks(this.db, table, record.id, {}, cells);
		return record;
	}

	/** PATCH merges `fields` into the record; PUT (`replace`) clears every field it does not name. */
	change(table: TableModel, existing: StoredRecord, fields: Json, ctx: CellWriteContext, replace: boolean): StoredRecord {
		// Re-read: an earlier record in the same batch may have changed this one's inverse links.
		const current = this.db.getRecord(existing.id) ?? existing;
		const cells = this.buildCells(table, fields, ctx, replace ? {} : current.cells);
		this.db.updateCells(current.id, cells);
		syncInverseLinks(this.db, table, current.id, current.cells, cells);
		return { ...current, cells };
	}

	remove(base: BaseModel, record: StoredRecord): void {
		this.db.deleteRecord(record.id);
		unlinkDeletedRecord(this.db, base, record);
	}

	json(table: TableModel, recordId: string, options: WriteOptions): ApiRecord {
		const record = this.db.getRecord(recordId);
		if (!record) throw new Error(`Record ${recordId} vanished while answering the request.`);
		return recordJson(table, record, { byFieldId: options.byFieldId });
	}

	/** A record named in the URL: Airtable answers a missing one with {"error":"NOT_FOUND"}. */
	requireRecordInUrl(table: TableModel, recordId: string): StoredRecord {
		const record = this.db.getRecord(recordId);
		if (!record || record.tableId !== table.id) throw recordNotFound();
		return record;
	}

	/** A record named in a batch body: same 404, with a message saying which one. */
	requireRecordInBody(table: TableModel, recordId: string): StoredRecord {
		const record = this.db.getRecord(recordId);
		if (!record || record.tableId !== table.id) throw notFound(`Could not find record ${recordId} in table ${table.name} (${table.id}).`);
		return record;
	}
}
