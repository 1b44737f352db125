import type { DatabaseSync } from 'node:sqlite';

import { closeStandInDatabase, openStandInDatabase } from '../stand-in/sqlite';
import type { BaseModel, Cells, FieldModel, FieldOptions, StoreFieldType, StoredRecord, TableModel, ViewModel } from './model';

/**
 * The store's SQLite file. Metadata (bases, tables, fields, views) and records live in one file so a
 * request is one transaction; record cells are a JSON object keyed by field id.
 * node:sqlite is synchronous, so a request's reads and writes never interleave with another's.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bases (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tables (
	id TEXT PRIMARY KEY,
	base_id TEXT NOT NULL REFERENCES bases(id),
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	primary_field_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fields (
	id TEXT PRIMARY KEY,
	table_id TEXT NOT NULL REFERENCES tables(id),
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	options TEXT
);
CREATE TABLE IF NOT EXISTS views (
	id TEXT PRIMARY KEY,
	table_id TEXT NOT NULL REFERENCES tables(id),
	name TEXT NOT NULL,
	type TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	id TEXT NOT NULL UNIQUE,
	table_id TEXT NOT NULL REFERENCES tables(id),
	created_time TEXT NOT NULL,
	cells TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_table ON records(table_id, seq);
`;

interface RecordRow {
	id: string;
	table_id: string;
	created_time: string;
	cells: string;
}

function toRecord(row: RecordRow): StoredRecord {
	return { id: row.id, tableId: row.table_id, createdTime: row.created_time, cells: JSON.parse(row.cells) as Cells };
}

export class StoreDatabase {
	private readonly db: DatabaseSync;

	constructor(file: string) {
		this.db = openStandInDatabase(file, SCHEMA, { foreignKeys: true });
	}

	close(): void {
		closeStandInDatabase(this.db);
	}

	/** Runs `work` atomically: a failed batch leaves no record, option or field behind. Nested calls join the outer one. */
	transaction<T>(work: () => T): T {
		if (this.db.isTransaction) return work();
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		}
	}

	// Bases and metadata

	listBases(): Array<{ id: string; name: string }> {
		return this.db.prepare('SELECT id, name FROM bases ORDER BY rowid').all() as unknown as Array<{ id: string; name: string }>;
	}

	insertBase(id: string, name: string): void {
		this.db.prepare('INSERT INTO bases (id, name) VALUES (?, ?)').run(id, name);
	}

	loadBase(baseId: string): BaseModel | undefined {
		const base = this.db.prepare('SELECT id, name FROM bases WHERE id = ?').get(baseId) as { id: string; name: string } | undefined;
		if (!base) return undefined;
		const tableRows = this.db
			.prepare('SELECT id, name, description, primary_field_id FROM tables WHERE base_id = ? ORDER BY rowid')
			.all(baseId) as unknown as Array<{ id: string; name: string; description: string; primary_field_id: string }>;
		const fieldRows = this.db
			.prepare(
				`SELECT f.id, f.table_id, f.name, f.type, f.description, f.options FROM fields f
				 JOIN tables t ON t.id = f.table_id WHERE t.base_id = ? ORDER BY f.rowid`,
			)
			.all(baseId) as unknown as Array<{ id: string; table_id: string; name: string; type: string; description: string; options: string | null }>;
		const viewRows = this.db
			.prepare('SELECT v.id, v.table_id, v.name, v.type FROM views v JOIN tables t ON t.id = v.table_id WHERE t.base_id = ? ORDER BY v.rowid')
			.all(baseId) as unknown as Array<{ id: string; table_id: string; name: string; type: string }>;

		const tables: TableModel[] = tableRows.map((row) => ({
			id: row.id,
			baseId,
			name: row.name,
			description: row.description,
			primaryFieldId: row.primary_field_id,
			fields: [],
			views: [],
		}));
		const byId = new Map(tables.map((t) => [t.id, t]));
		for (const row of fieldRows) {
			const field: FieldModel = {
				id: row.id,
				tableId: row.table_id,
				name: row.name,
				type: row.type as StoreFieldType,
				description: row.description,
			};
			if (row.options !== null) field.options = JSON.parse(row.options) as FieldOptions;
			byId.get(row.table_id)?.fields.push(field);
		}
		for (const row of viewRows) byId.get(row.table_id)?.views.push({ id: row.id, name: row.name, type: row.type as ViewModel['type'] });
		return { ...base, tables };
	}

	insertTable(table: { id: string; baseId: string; name: string; description: string; primaryFieldId: string }): void {
		this.db
			.prepare('INSERT INTO tables (id, base_id, name, description, primary_field_id) VALUES (?, ?, ?, ?, ?)')
			.run(table.id, table.baseId, table.name, table.description, table.primaryFieldId);
	}

	updateTable(id: string, name: string, description: string): void {
		this.db.prepare('UPDATE tables SET name = ?, description = ? WHERE id = ?').run(name, description, id);
	}

	insertField(field: FieldModel): void {
		this.db
			.prepare('INSERT INTO fields (id, table_id, name, type, description, options) VALUES (?, ?, ?, ?, ?, ?)')
			.run(field.id, field.tableId, field.name, field.type, field.description, field.options ? JSON.stringify(field.options) : null);
	}

	updateField(field: FieldModel): void {
		this.db
			.prepare('UPDATE fields SET name = ?, description = ?, options = ? WHERE id = ?')
			.run(field.name, field.description, field.options ? JSON.stringify(field.options) : null, field.id);
	}

	insertView(tableId: string, view: ViewModel): void {
		this.db.prepare('INSERT INTO views (id, table_id, name, type) VALUES (?, ?, ?, ?)').run(view.id, tableId, view.name, view.type);
	}

	// Records

	/** Every record of a table, oldest first: the default grid view's order. */
	listRecords(tableId: string): StoredRecord[] {
		const rows = this.db.prepare('SELECT id, table_id, created_time, cells FROM records WHERE table_id = ? ORDER BY seq').all(tableId);
		return (rows as unknown as RecordRow[]).map(toRecord);
	}

	getRecord(id: string): StoredRecord | undefined {
		const row = this.db.prepare('SELECT id, table_id, created_time, cells FROM records WHERE id = ?').get(id);
		return row ? toRecord(row as unknown as RecordRow) : undefined;
	}

	/** The records among `ids` that still exist, keyed by id. */
	getRecords(ids: readonly string[]): Map<string, StoredRecord> {
		const found = new Map<string, StoredRecord>();
		if (ids.length === 0) return found;
		const placeholders = ids.map(() => '?').join(', ');
		const rows = this.db.prepare(`SELECT id, table_id, created_time, cells FROM records WHERE id IN (${placeholders})`).all(...ids);
		for (const row of rows as unknown as RecordRow[]) found.set(row.id, toRecord(row));
		return found;
	}

	/** Records of a table whose cells mention `text` (a record id): the candidates when that record is deleted. */
	recordsMentioning(tableId: string, text: string): StoredRecord[] {
		const rows = this.db
			.prepare("SELECT id, table_id, created_time, cells FROM records WHERE table_id = ? AND instr(cells, ?) > 0 ORDER BY seq")
			.all(tableId, text);
		return (rows as unknown as RecordRow[]).map(toRecord);
	}

	insertRecord(record: StoredRecord): void {
		this.db
			.prepare('INSERT INTO records (id, table_id, created_time, cells) VALUES (?, ?, ?, ?)')
			.run(record.id, record.tableId, record.createdTime, JSON.stringify(record.cells));
	}

	updateCells(id: string, cells: Cells): void {
		this.db.prepare('UPDATE records SET cells = ? WHERE id = ?').run(JSON.stringify(cells), id);
	}

	deleteRecord(id: string): void {
		this.db.prepare('DELETE FROM records WHERE id = ?').run(id);
	}
}
