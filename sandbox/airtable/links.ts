import { normalizeCell, invalidValue, type CellWriteContext } from './cells';
import type { StoreDatabase } from './database';
import { unprocessable } from './errors';
import { isId, newId } from './ids';
import { primaryField, type BaseModel, type Cells, type FieldModel, type StoredRecord, type TableModel } from './model';

/**
 * Link cells: checking the ids written to them, typecast matching by the linked table's primary field,
 * and keeping the inverse field on the other table in step, as Airtable does.
 */

function linkedTable(base: BaseModel, field: FieldModel): TableModel {
	const table = base.tables.find((t) => t.id === field.options?.linkedTableId);
	if (!table) throw new Error(`Link field ${field.name} (${field.id}) points to a missing table; the store's data is inconsistent.`);
	return table;
}

/** Text a primary cell shows, for matching typecast link values against it. */
function cellText(value: Cells[string] | undefined): string {
	if (value === undefined) return '';
	return Array.isArray(value) ? value.join(', ') : String(value);
}

export class LinkResolver {
	/** Primary text → record id, per linked table, built once per request. */
	private readonly byPrimary = new Map<string, Map<string, string>>();

	constructor(
		private readonly db: StoreDatabase,
		private readonly base: BaseModel,
		private readonly now: () => Date,
		private readonly cellContext: (typecast: boolean) => CellWriteContext,
	) {}

	resolve(field: FieldModel, item: string, typecast: boolean): string {
		const target = linkedTable(this.base, field);
		if (isId('rec', item)) {
			const record = this.db.getRecord(item);
			if (record?.tableId === target.id) return item;
			if (!typecast) {
				if (record) {
					throw unprocessable(
						'ROW_TABLE_DOES_NOT_MATCH_LINKED_TABLE',
						`Field "${field.name}" links to table "${target.name}", but record ${item} belongs to another table.`,
					);
				}
				throw unprocessable('ROW_DOES_NOT_EXIST', `Record ID ${item} does not exist in table "${target.name}" (field "${field.name}").`);
			}
		} else if (!typecast) {
			throw invalidValue(field, item, 'a link field takes record ids like "rec...", or send typecast: true to match by the primary field.');
		}
		return this.matchOrCreate(target, item.trim());
	}

	private matchOrCreate(target: TableModel, text: string): string {
		const primary = primaryField(target);
		let index = this.byPrimary.get(target.id);
		if (!index) {
			index = new Map();
			for (const record of this.db.listRecords(target.id)) {
				const key = cellText(record.cells[primary.id]);
				if (!index.has(key)) index.set(key, record.id);
			}
			this.byPrimary.set(target.id, index);
		}
		const found = index.get(text);
		if (found) return found;
		const cell = normalizeCell(primary, text, this.cellContext(true));
		const record: StoredRecord = { id: newId('rec'), tableId: target.id, createdTime: this.now().toISOString(), cells: {} };
		if (cell !== undefined) record.cells[primary.id] = cell;
		this.db.insertRecord(record);
		index.set(text, record.id);
		return record.id;
	}
}

function ids(value: Cells[string] | undefined): string[] {
	return Array.isArray(value) ? value : [];
}

/** After a record's cells change, adds or removes it from the inverse link cells of the records it (un)links. */
export function syncInverseLinks(db: StoreDatabase, table: TableModel, recordId: string, before: Cells, after: Cells): void {
	for (const field of table.fields) {
		const inverseId = field.options?.inverseLinkFieldId;
		if (field.type !== 'multipleRecordLinks' || !inverseId) continue;
		const old = new Set(ids(before[field.id]));
		const now = new Set(ids(after[field.id]));
		const changed = [...now].filter((id) => !old.has(id)).concat([...old].filter((id) => !now.has(id)));
		if (changed.length === 0) continue;
		for (const other of db.getRecords(changed).values()) {
			const current = ids(other.cells[inverseId]).filter((id) => id !== recordId);
			if (now.has(other.id)) current.push(recordId);
			if (current.length > 0) other.cells[inverseId] = current;
			else delete other.cells[inverseId];
			db.updateCells(other.id, other.cells);
		}
	}
}

/** Removes a deleted record from every link cell that held it, in any table of the base. */
export function unlinkDeletedRecord(db: StoreDatabase, base: BaseModel, deleted: StoredRecord): void {
	for (const table of base.tables) {
		const fields = table.fields.filter((f) => f.type === 'multipleRecordLinks' && f.options?.linkedTableId === deleted.tableId);
		if (fields.length === 0) continue;
		for (const record of db.recordsMentioning(table.id, deleted.id)) {
			let changed = false;
			for (const field of fields) {
				const current = ids(record.cells[field.id]);
				if (!current.includes(deleted.id)) continue;
				const rest = current.filter((id) => id !== deleted.id);
				if (rest.length > 0) record.cells[field.id] = rest;
				else delete record.cells[field.id];
				changed = true;
			}
			if (changed) db.updateCells(record.id, record.cells);
		}
	}
}
