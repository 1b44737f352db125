import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

import type { Fate, MediaItem, MessageStatus, RenderedContent, StoredContent, StoredMessage, WhatsAppApproval } from './model';

/**
 * The stand-in's SQLite file: sent messages and Content API templates, so the simulator and tests
 * see the same history after a restart. node:sqlite is synchronous, so requests never interleave.
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

interface MessageRow {
	sid: string;
	account_sid: string;
	to_address: string;
	from_address: string;
	messaging_service_sid: string | null;
	body: string;
	status: string;
	num_segments: number;
	media: string;
	content_sid: string | null;
	content: string | null;
	status_callback: string | null;
	error_code: number | null;
	error_message: string | null;
	fate_status: string;
	fate_error_code: number | null;
	created_ms: number;
	updated_ms: number;
	sent_ms: number | null;
}

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

function toMessage(row: MessageRow): StoredMessage {
	const fate: Fate = { status: row.fate_status as Fate['status'] };
	if (row.fate_error_code !== null) fate.errorCode = row.fate_error_code;
	return {
		sid: row.sid,
		accountSid: row.account_sid,
		to: row.to_address,
		from: row.from_address,
		messagingServiceSid: row.messaging_service_sid,
		body: row.body,
		status: row.status as MessageStatus,
		numSegments: row.num_segments,
		media: JSON.parse(row.media) as MediaItem[],
		contentSid: row.content_sid,
		content: row.content === null ? null : (JSON.parse(row.content) as RenderedContent),
		statusCallback: row.status_callback,
		errorCode: row.error_code,
		errorMessage: row.error_message,
		fate,
		createdMs: row.created_ms,
		updatedMs: row.updated_ms,
		sentMs: row.sent_ms,
	};
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

/** Where a page starts: an offset (Page=N), or just before/after a known row (PageToken). */
export type Cursor = { offset: number } | { beforeSeq: number } | { afterSeq: number };

export interface MessageFilter {
	to?: string;
	from?: string;
	/** date_sent within [sentFrom, sentTo), epoch ms. */
	sentFrom?: number;
	sentTo?: number;
}

const MESSAGE_COLUMNS =
	'sid, account_sid, to_address, from_address, messaging_service_sid, body, status, num_segments, media, content_sid, content, status_callback, error_code, error_message, fate_status, fate_error_code, created_ms, updated_ms, sent_ms';
const CONTENT_COLUMNS = 'sid, account_sid, friendly_name, language, variables, types, approval, created_ms, updated_ms';

/** Newest first, as Twilio lists; `after` pages walk towards newer rows, so they are read oldest first and reversed. */
function pageClause(cursor: Cursor, limit: number): { where: string; order: string; params: SQLInputValue[]; reverse: boolean } {
	if ('beforeSeq' in cursor) return { where: 'seq < ?', order: 'seq DESC LIMIT ?', params: [cursor.beforeSeq, limit], reverse: false };
	if ('afterSeq' in cursor) return { where: 'seq > ?', order: 'seq ASC LIMIT ?', params: [cursor.afterSeq, limit], reverse: true };
	return { where: '1 = 1', order: 'seq DESC LIMIT ? OFFSET ?', params: [limit, cursor.offset], reverse: false };
}

export class TwilioDatabase {
	private readonly db: DatabaseSync;

	constructor(file: string) {
		this.db = new DatabaseSync(file);
		// WAL keeps readers cheap; NORMAL is durable across a process crash, which is all a sandbox needs.
		this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
		this.db.exec(SCHEMA);
	}

	close(): void {
		if (this.db.isOpen) this.db.close();
	}

	// Messages

	insertMessage(m: StoredMessage): void {
		this.db
			.prepare(`INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
			.run(
				m.sid,
				m.accountSid,
				m.to,
				m.from,
				m.messagingServiceSid,
				m.body,
				m.status,
				m.numSegments,
				JSON.stringify(m.media),
				m.contentSid,
				m.content === null ? null : JSON.stringify(m.content),
				m.statusCallback,
				m.errorCode,
				m.errorMessage,
				m.fate.status,
				m.fate.errorCode ?? null,
				m.createdMs,
				m.updatedMs,
				m.sentMs,
			);
	}

	getMessage(sid: string): StoredMessage | undefined {
		const row = this.db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sid = ?`).get(sid);
		return row ? toMessage(row as unknown as MessageRow) : undefined;
	}

	messageSeq(sid: string): number | undefined {
		const row = this.db.prepare('SELECT seq FROM messages WHERE sid = ?').get(sid) as { seq: number } | undefined;
		return row?.seq;
	}

	countMessages(): number {
		return (this.db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
	}

	listMessages(accountSid: string, filter: MessageFilter, cursor: Cursor, limit: number): StoredMessage[] {
		const conditions = ['account_sid = ?'];
		const params: SQLInputValue[] = [accountSid];
		if (filter.to !== undefined) {
			conditions.push('to_address = ?');
			params.push(filter.to);
		}
		if (filter.from !== undefined) {
			conditions.push('from_address = ?');
			params.push(filter.from);
		}
		if (filter.sentFrom !== undefined) {
			conditions.push('sent_ms >= ?');
			params.push(filter.sentFrom);
		}
		if (filter.sentTo !== undefined) {
			conditions.push('sent_ms < ?');
			params.push(filter.sentTo);
		}
		const page = pageClause(cursor, limit);
		const rows = this.db
			.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${conditions.join(' AND ')} AND ${page.where} ORDER BY ${page.order}`)
			.all(...params, ...page.params) as unknown as MessageRow[];
		const messages = rows.map(toMessage);
		return page.reverse ? messages.reverse() : messages;
	}

	/** Messages whose lifecycle has not finished, oldest first, to resume after a restart. */
	unfinishedMessages(): StoredMessage[] {
		const rows = this.db
			.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE status IN ('accepted', 'queued', 'sent', 'delivered') ORDER BY seq`)
			.all() as unknown as MessageRow[];
		return rows.map(toMessage);
	}

	/**
	 * Moves a message from `expected` to the next status. Returns false when someone else changed it
	 * first (a cancel, a delete), so the lifecycle never overwrites a newer status.
	 */
	transition(
		sid: string,
		expected: MessageStatus,
		next: { status: MessageStatus; nowMs: number; sent?: boolean; errorCode?: number; errorMessage?: string },
	): boolean {
		const result = this.db
			.prepare(
				`UPDATE messages SET status = ?, updated_ms = ?, sent_ms = CASE WHEN ? THEN ? ELSE sent_ms END,
				 error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message)
				 WHERE sid = ? AND status = ?`,
			)
			.run(next.status, next.nowMs, next.sent ? 1 : 0, next.nowMs, next.errorCode ?? null, next.errorMessage ?? null, sid, expected);
		return result.changes > 0;
	}

	redactBody(sid: string, nowMs: number): void {
		this.db.prepare("UPDATE messages SET body = '', updated_ms = ? WHERE sid = ?").run(nowMs, sid);
	}

	deleteMessage(sid: string): boolean {
		return this.db.prepare('DELETE FROM messages WHERE sid = ?').run(sid).changes > 0;
	}

	// Content API templates

	insertContent(c: StoredContent): void {
		this.db
			.prepare(`INSERT INTO contents (${CONTENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
			.run(
				c.sid,
				c.accountSid,
				c.friendlyName,
				c.language,
				JSON.stringify(c.variables),
				JSON.stringify(c.types),
				c.approval === null ? null : JSON.stringify(c.approval),
				c.createdMs,
				c.updatedMs,
			);
	}

	getContent(sid: string): StoredContent | undefined {
		const row = this.db.prepare(`SELECT ${CONTENT_COLUMNS} FROM contents WHERE sid = ?`).get(sid);
		return row ? toContent(row as unknown as ContentRow) : undefined;
	}

	contentSeq(sid: string): number | undefined {
		const row = this.db.prepare('SELECT seq FROM contents WHERE sid = ?').get(sid) as { seq: number } | undefined;
		return row?.seq;
	}

	listContents(accountSid: string, cursor: Cursor, limit: number): StoredContent[] {
		const page = pageClause(cursor, limit);
		const rows = this.db
			.prepare(`SELECT ${CONTENT_COLUMNS} FROM contents WHERE account_sid = ? AND ${page.where} ORDER BY ${page.order}`)
			.all(accountSid, ...page.params) as unknown as ContentRow[];
		const contents = rows.map(toContent);
		return page.reverse ? contents.reverse() : contents;
	}

	setApproval(sid: string, approval: WhatsAppApproval, nowMs: number): void {
		this.db.prepare('UPDATE contents SET approval = ?, updated_ms = ? WHERE sid = ?').run(JSON.stringify(approval), nowMs, sid);
	}

	deleteContent(sid: string): boolean {
		return this.db.prepare('DELETE FROM contents WHERE sid = ?').run(sid).changes > 0;
	}
}
