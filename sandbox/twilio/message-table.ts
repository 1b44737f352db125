import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

import type { Fate, MediaItem, MessageStatus, RenderedContent, StoredMessage } from './model';
import { SidTable, type Cursor } from './sid-table';

/** The messages table: what was sent, and where each message is in its lifecycle. */

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

/** The inverse of toMessage: the row's values in MESSAGE_COLUMNS order. */
function messageValues(m: StoredMessage): SQLInputValue[] {
	return [
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
	];
}

export interface MessageFilter {
	to?: string;
	from?: string;
	/** date_sent within [sentFrom, sentTo), epoch ms. */
	sentFrom?: number;
	sentTo?: number;
}

const MESSAGE_COLUMNS =
	'sid, account_sid, to_address, from_address, messaging_service_sid, body, status, num_segments, media, content_sid, content, status_callback, error_code, error_message, fate_status, fate_error_code, created_ms, updated_ms, sent_ms';

const FILTER_CONDITIONS: Array<[keyof MessageFilter, string]> = [
	['to', 'to_address = ?'],
	['from', 'from_address = ?'],
	['sentFrom', 'sent_ms >= ?'],
	['sentTo', 'sent_ms < ?'],
];

export class MessageTable extends SidTable<MessageRow, StoredMessage> {
	constructor(db: DatabaseSync) {
		super(db, 'messages', MESSAGE_COLUMNS, toMessage, messageValues);
	}

	count(): number {
		return (this.db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
	}

	list(accountSid: string, filter: MessageFilter, cursor: Cursor, limit: number): StoredMessage[] {
		const conditions = ['account_sid = ?'];
		const params: SQLInputValue[] = [accountSid];
		for (const [key, condition] of FILTER_CONDITIONS) {
			const value = filter[key];
			if (value === undefined) continue;
			conditions.push(condition);
			params.push(value);
		}
		return this.page(conditions.join(' AND '), params, cursor, limit);
	}

	/** Messages whose lifecycle has not finished, oldest first, to resume after a restart. */
	unfinished(): StoredMessage[] {
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
}
