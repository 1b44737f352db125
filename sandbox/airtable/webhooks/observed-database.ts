import { StoreDatabase } from '../database';
import type { Cells, StoredRecord } from '../model';

/**
 * The store's database, reporting each committed transaction's record changes, so webhooks see
 * exactly what a request wrote: inverse links and typecast-created records included, nothing from a
 * batch that rolled back. Changes to one record within a transaction are merged into one.
 */

export interface RecordChange {
	tableId: string;
	recordId: string;
	createdTime: string;
	/** Undefined when the record was created in this transaction. */
	before?: Cells;
	/** Undefined when the record was destroyed in this transaction. */
	after?: Cells;
}

export class ObservedStoreDatabase extends StoreDatabase {
	/** Called after COMMIT with the transaction's net record changes (never with an empty list). */
	onCommit: (changes: RecordChange[]) => void = () => undefined;
	/** Record id → last modified time for a table, so listings can answer LAST_MODIFIED_TIME(). */
	modifiedTimes: (tableId: string) => Map<string, string> = () => new Map();
	private pending: Map<string, RecordChange> | undefined;

	override transaction<T>(work: () => T): T {
		if (this.pending) return work();
		this.pending = new Map();
		let changes: RecordChange[];
		let result: T;
		try {
			result = super.transaction(work);
			changes = [...this.pending.values()];
		} finally {
			this.pending = undefined;
		}
		if (changes.length > 0) this.onCommit(changes);
		return result;
	}

	override listRecords(tableId: string): StoredRecord[] {
		const records = super.listRecords(tableId);
		const times = this.modifiedTimes(tableId);
		for (const record of records) record.modifiedTime = times.get(record.id) ?? record.createdTime;
		return records;
	}

	override insertRecord(record: StoredRecord): void {
		super.insertRecord(record);
		this.note({ tableId: record.tableId, recordId: record.id, createdTime: record.createdTime, after: structuredClone(record.cells) });
	}

	override updateCells(id: string, cells: Cells): void {
		const before = this.getRecord(id);
		super.updateCells(id, cells);
		if (before) this.note({ tableId: before.tableId, recordId: id, createdTime: before.createdTime, before: before.cells, after: structuredClone(cells) });
	}

	override deleteRecord(id: string): void {
		const before = this.getRecord(id);
		super.deleteRecord(id);
		if (before) this.note({ tableId: before.tableId, recordId: id, createdTime: before.createdTime, before: before.cells });
	}

	private note(change: RecordChange): void {
		// A write outside any transaction is its own transaction.
		if (!this.pending) return this.onCommit([change]);
		const earlier = this.pending.get(change.recordId);
		if (!earlier) {
			this.pending.set(change.recordId, change);
			return;
		}
		const merged: RecordChange = { ...earlier, after: change.after };
		// Created and destroyed in the same transaction: Airtable never reports it.
		if (merged.before === undefined && merged.after === undefined) this.pending.delete(change.recordId);
		else this.pending.set(change.recordId, merged);
	}
}
