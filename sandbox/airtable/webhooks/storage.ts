import { DatabaseSync } from 'node:sqlite';

import type { WebhookPayload, WebhookSpecification } from '../../../core/airtable/webhooks/types';

/**
 * Webhooks and their payloads in their own SQLite file (webhooks.sqlite beside airtable.sqlite), so
 * they survive a restart of the stand-in as they survive on Airtable's side.
 */

/** The result of the last ping. Source: https://airtable.com/developers/web/api/list-webhooks (lastNotificationResult) */
export interface NotificationResult {
	success: boolean;
	error?: { message: string };
	completionTimestamp: string;
	durationMs: number;
	retryNumber: number;
}

export interface StoredWebhook {
	id: string;
	baseId: string;
	notificationUrl: string | null;
	specification: WebhookSpecification;
	macSecretBase64: string;
	createdTime: string;
	expirationTime: string;
	areNotificationsEnabled: boolean;
	cursorForNextPayload: number;
	lastNotificationResult: NotificationResult | null;
	lastSuccessfulNotificationTime: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	id TEXT NOT NULL UNIQUE,
	base_id TEXT NOT NULL,
	json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payloads (
	webhook_id TEXT NOT NULL,
	number INTEGER NOT NULL,
	created_ms INTEGER NOT NULL,
	json TEXT NOT NULL,
	PRIMARY KEY (webhook_id, number)
);
CREATE TABLE IF NOT EXISTS record_modified (
	record_id TEXT PRIMARY KEY,
	table_id TEXT NOT NULL,
	modified_time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS record_modified_by_table ON record_modified(table_id);
CREATE TABLE IF NOT EXISTS base_transactions (
	base_id TEXT PRIMARY KEY,
	last INTEGER NOT NULL
);
`;

export class WebhookStorage {
	private readonly db: DatabaseSync;

	constructor(file: string) {
		this.db = new DatabaseSync(file);
		this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
		this.db.exec(SCHEMA);
	}

	close(): void {
		if (this.db.isOpen) this.db.close();
	}

	/** Whether any base has a webhook; writes skip building payloads when none does. */
	anyWebhooks(): boolean {
		return this.db.prepare('SELECT 1 FROM webhooks LIMIT 1').get() !== undefined;
	}

	listWebhooks(baseId: string): StoredWebhook[] {
		const rows = this.db.prepare('SELECT json FROM webhooks WHERE base_id = ? ORDER BY seq').all(baseId) as Array<{ json: string }>;
		return rows.map((r) => JSON.parse(r.json) as StoredWebhook);
	}

	getWebhook(id: string): StoredWebhook | undefined {
		const row = this.db.prepare('SELECT json FROM webhooks WHERE id = ?').get(id) as { json: string } | undefined;
		return row ? (JSON.parse(row.json) as StoredWebhook) : undefined;
	}

	saveWebhook(webhook: StoredWebhook): void {
		this.db
			.prepare('INSERT INTO webhooks (id, base_id, json) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json')
			.run(webhook.id, webhook.baseId, JSON.stringify(webhook));
	}

	deleteWebhook(id: string): void {
		this.db.prepare('DELETE FROM payloads WHERE webhook_id = ?').run(id);
		this.db.prepare('DELETE FROM webhooks WHERE id = ?').run(id);
	}

	addPayload(webhookId: string, number: number, createdMs: number, payload: WebhookPayload): void {
		this.db.prepare('INSERT INTO payloads (webhook_id, number, created_ms, json) VALUES (?, ?, ?, ?)').run(webhookId, number, createdMs, JSON.stringify(payload));
	}

	/** Payloads numbered `from` or more, oldest first, at most `limit`. */
	listPayloads(webhookId: string, from: number, limit: number): Array<{ number: number; payload: WebhookPayload }> {
		const rows = this.db
			.prepare('SELECT number, json FROM payloads WHERE webhook_id = ? AND number >= ? ORDER BY number LIMIT ?')
			.all(webhookId, from, limit) as Array<{ number: number; json: string }>;
		return rows.map((r) => ({ number: r.number, payload: JSON.parse(r.json) as WebhookPayload }));
	}

	/** Deletes payloads created before `payloadCutoffMs` and webhooks that expired before `webhookCutoffMs`. */
	purge(payloadCutoffMs: number, webhookCutoffMs: number): void {
		this.db.prepare('DELETE FROM payloads WHERE created_ms < ?').run(payloadCutoffMs);
		const rows = this.db.prepare('SELECT id, json FROM webhooks').all() as Array<{ id: string; json: string }>;
		for (const row of rows) {
			const webhook = JSON.parse(row.json) as StoredWebhook;
			if (Date.parse(webhook.expirationTime) < webhookCutoffMs) this.deleteWebhook(row.id);
		}
	}

	/** Notes when records changed (LAST_MODIFIED_TIME()); destroyed records are forgotten. */
	touchRecords(changes: ReadonlyArray<{ recordId: string; tableId: string; destroyed: boolean }>, modifiedTime: string): void {
		const upsert = this.db.prepare(
			'INSERT INTO record_modified (record_id, table_id, modified_time) VALUES (?, ?, ?) ON CONFLICT(record_id) DO UPDATE SET modified_time = excluded.modified_time',
		);
		const forget = this.db.prepare('DELETE FROM record_modified WHERE record_id = ?');
		for (const change of changes) {
			if (change.destroyed) forget.run(change.recordId);
			else upsert.run(change.recordId, change.tableId, modifiedTime);
		}
	}

	/** Record id → last modified time (ISO) for the records of a table that changed since they were created. */
	modifiedTimes(tableId: string): Map<string, string> {
		const rows = this.db.prepare('SELECT record_id, modified_time FROM record_modified WHERE table_id = ?').all(tableId) as Array<{ record_id: string; modified_time: string }>;
		return new Map(rows.map((r) => [r.record_id, r.modified_time]));
	}

	/** The next base transaction number: one per committed write, counting from 1. */
	nextTransactionNumber(baseId: string): number {
		const row = this.db
			.prepare('INSERT INTO base_transactions (base_id, last) VALUES (?, 1) ON CONFLICT(base_id) DO UPDATE SET last = last + 1 RETURNING last')
			.get(baseId) as { last: number };
		return row.last;
	}
}
