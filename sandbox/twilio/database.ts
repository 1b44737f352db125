import type { DatabaseSync } from 'node:sqlite';

import { closeStandInDatabase, openStandInDatabase } from '../stand-in/sqlite';
import { ContentTable } from './content-table';
import { INBOUND_MEDIA_SCHEMA } from './inbound-media';
import { MessageTable } from './message-table';

/**
 * The stand-in's SQLite file: sent messages (message-table.ts), Content API templates
 * (content-table.ts) and inbound media (inbound-media.ts), so the simulator and tests see the same history after a restart.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	sid TEXT NOT NULL UNIQUE,
	account_sid TEXT NOT NULL,
	to_address TEXT NOT NULL,
	from_address TEXT NOT NULL,
	messaging_service_sid TEXT,
	body TEXT NOT NULL,
	status TEXT NOT NULL,
	num_segments INTEGER NOT NULL,
	media TEXT NOT NULL,
	content_sid TEXT,
	content TEXT,
	status_callback TEXT,
	error_code INTEGER,
	error_message TEXT,
	fate_status TEXT NOT NULL,
	fate_error_code INTEGER,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL,
	sent_ms INTEGER
);
CREATE INDEX IF NOT EXISTS messages_by_to ON messages(to_address, seq);
CREATE INDEX IF NOT EXISTS messages_by_status ON messages(status);
CREATE TABLE IF NOT EXISTS contents (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	sid TEXT NOT NULL UNIQUE,
	account_sid TEXT NOT NULL,
	friendly_name TEXT NOT NULL,
	language TEXT NOT NULL,
	variables TEXT NOT NULL,
	types TEXT NOT NULL,
	approval TEXT,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL
);
`;

export class TwilioDatabase {
	private readonly db: DatabaseSync;
	readonly messages: MessageTable;
	/** The connection, for the inbound media service (inbound-media.ts), which keeps its own queries. */
	readonly sql: DatabaseSync;
	readonly contents: ContentTable;

	constructor(file: string) {
		this.db = openStandInDatabase(file, SCHEMA + INBOUND_MEDIA_SCHEMA);
		this.sql = this.db;
		this.messages = new MessageTable(this.db);
		this.contents = new ContentTable(this.db);
	}

	close(): void {
		closeStandInDatabase(this.db);
	}
}
