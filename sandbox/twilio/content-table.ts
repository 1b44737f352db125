import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

import type { StoredContent, WhatsAppApproval } from './model';
import { SidTable, type Cursor } from './sid-table';

/** The contents table: Content API templates and their WhatsApp approvals. */

interface ContentRow {
	sid: string;
	account_sid: string;
	friendly_name: string;
	language: string;
	variables: string;
	types: string;
	approval: string | null;
	created_ms: number;
	updated_ms: number;
}

function toContent(row: ContentRow): StoredContent {
	return {
		sid: row.sid,
		accountSid: row.account_sid,
		friendlyName: row.friendly_name,
		language: row.language,
		variables: JSON.parse(row.variables) as Record<string, string>,
		types: JSON.parse(row.types) as StoredContent['types'],
		approval: row.approval === null ? null : (JSON.parse(row.approval) as WhatsAppApproval),
		createdMs: row.created_ms,
		updatedMs: row.updated_ms,
	};
}

const CONTENT_COLUMNS = 'sid, account_sid, friendly_name, language, variables, types, approval, created_ms, updated_ms';


/** The inverse of toContent: the row's values in CONTENT_COLUMNS order. */
function contentValues(c: StoredContent): SQLInputValue[] {
	return [
		c.sid,
		c.accountSid,
		c.friendlyName,
		c.language,
		JSON.stringify(c.variables),
		JSON.stringify(c.types),
		c.approval === null ? null : JSON.stringify(c.approval),
		c.createdMs,
		c.updatedMs,
	];
}

export class ContentTable extends SidTable<ContentRow, StoredContent> {
	constructor(db: DatabaseSync) {
		super(db, 'contents', CONTENT_COLUMNS, toContent, contentValues);
	}

	list(accountSid: string, cursor: Cursor, limit: number): StoredContent[] {
		return this.page('account_sid = ?', [accountSid], cursor, limit);
	}

	setApproval(sid: string, approval: WhatsAppApproval, nowMs: number): void {
		this.db.prepare('UPDATE contents SET approval = ?, updated_ms = ? WHERE sid = ?').run(JSON.stringify(approval), nowMs, sid);
	}
}
