import { DatabaseSync } from 'node:sqlite';

/**
 * Opens (creating it if missing) a stand-in's SQLite file and runs its schema. WAL keeps readers cheap;
 * synchronous=NORMAL is durable across a process crash, which is all a sandbox needs
 * (https://www.sqlite.org/pragma.html#pragma_synchronous). node:sqlite is synchronous, so one request's
 * reads and writes never interleave with another's.
 * @throws the SQLite error when the file cannot be opened or the schema does not apply.
 */
export function openStandInDatabase(file: string, schema: string, options: { foreignKeys?: boolean } = {}): DatabaseSync {
	const db = new DatabaseSync(file);
	try {
		db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;${options.foreignKeys ? ' PRAGMA foreign_keys = ON;' : ''}`);
		db.exec(schema);
	} catch (error) {
		db.close();
		throw error;
	}
	return db;
}

/** Closes the file unless it is closed already, so close() may be called twice. */
export function closeStandInDatabase(db: DatabaseSync): void {
	if (db.isOpen) db.close();
}
