import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { EXPIRED_WEBHOOK_RETENTION_MS, FIRST_CURSOR, MAX_PAYLOADS_PER_PAGE, MAX_WEBHOOKS_PER_BASE, PAYLOAD_RETENTION_MS, WEBHOOK_LIFETIME_MS } from '../../../core/airtable/webhooks/limits';
import type { WebhookPayload } from '../../../core/airtable/webhooks/types';
import { describeValue, invalidRequest, notFound, unprocessable } from '../errors';
import { newId } from '../ids';
import type { Metadata } from '../metadata';
import type { BaseModel } from '../model';
import { v2CellValue } from './cell-values';
import type { ObservedStoreDatabase, RecordChange } from './observed-database';
import { PingSender } from './notifier';
import { buildPayload } from './payloads';
import { currentAction } from './source-context';
import { parseSpecification } from './specification';
import { WebhookStorage, type StoredWebhook } from './storage';

/**
 * Airtable's Webhooks API over the store: create (the MAC secret is shown once), list, refresh,
 * delete, enable/disable pings, list payloads by cursor. Every committed write becomes one payload per
 * matching webhook, numbered from the webhook's cursor, and a signed ping.
 * Sources: https://airtable.com/developers/web/api/webhooks-overview,
 * https://airtable.com/developers/web/api/create-a-webhook, .../list-webhooks, .../refresh-a-webhook,
 * .../delete-a-webhook, .../list-webhook-payloads
 */

type Json = Record<string, unknown>;

export interface WebhookServiceOptions {
	dataDir: string;
	db: ObservedStoreDatabase;
	metadata: Metadata;
	now: () => Date;
	/** Retry delays for failed pings (ms); tests shorten them. */
	pingRetryDelaysMs?: number[];
}

/** A route as the store's router runs it (see router.ts). */
export interface WebhookRoute {
	baseId?: string;
	body: boolean;
	run(body: unknown): unknown;
}

function object(body: unknown, what: string): Json {
	if (body === undefined) return {};
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest(`${what} must be a JSON object, got ${describeValue(body)}.`);
	return body as Json;
}

function positiveInteger(value: unknown, name: string, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(number) || number < 1) throw invalidRequest(`"${name}" must be a whole number of at least 1, got ${describeValue(value)}.`);
	return number;
}

function checkUrl(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') {
		try {
			const url = new URL(value);
			if (url.protocol === 'http:' || url.protocol === 'https:') return value;
		} catch {
			// Reported below.
		}
	}
	throw invalidRequest(`"notificationUrl" must be an http(s) URL, got ${describeValue(value)}.`);
}

export class WebhookService {
	readonly storage: WebhookStorage;
	private readonly pings: PingSender;

	constructor(private readonly options: WebhookServiceOptions) {
		this.storage = new WebhookStorage(join(options.dataDir, 'webhooks.sqlite'));
		this.pings = new PingSender({ storage: this.storage, now: options.now, retryDelaysMs: options.pingRetryDelaysMs });
		options.db.onCommit = (changes) => this.recordCommitted(changes);
		options.db.modifiedTimes = (tableId) => this.storage.modifiedTimes(tableId);
	}

	async close(): Promise<void> {
		await this.pings.close();
		this.storage.close();
	}

	/** Routes under /v0/bases/{baseId}/webhooks, given the path after "v0"; undefined when none matches. */
	match(method: string, rest: string[], query: Json): WebhookRoute | undefined {
		const [bases, baseId, webhooks, webhookId, action] = rest;
		if (bases !== 'bases' || webhooks !== 'webhooks') return undefined;
		if (rest.length === 3) {
			if (method === 'GET') return { baseId, body: false, run: () => this.list(baseId) };
			if (method === 'POST') return { baseId, body: true, run: (body) => this.create(baseId, body) };
			return undefined;
		}
		if (rest.length === 4 && method === 'DELETE') return { baseId, body: false, run: () => this.remove(baseId, webhookId) };
		if (rest.length !== 5) return undefined;
		if (action === 'refresh' && method === 'POST') return { baseId, body: true, run: () => this.refresh(baseId, webhookId) };
		if (action === 'payloads' && method === 'GET') return { baseId, body: false, run: () => this.listPayloads(baseId, webhookId, query) };
		if (action === 'enableNotifications' && method === 'POST') return { baseId, body: true, run: (body) => this.enableNotifications(baseId, webhookId, body) };
		return undefined;
	}

	/** POST /v0/bases/{baseId}/webhooks: {notificationUrl?, specification} → {id, macSecretBase64, expirationTime}. */
	create(baseId: string, body: unknown): { id: string; macSecretBase64: string; expirationTime: string } {
		const base = this.options.metadata.requireBase(baseId);
		const input = object(body, 'The request body');
		for (const key of Object.keys(input)) {
			if (key !== 'notificationUrl' && key !== 'specification') throw invalidRequest(`Unknown key "${key}" in the request body; allowed: notificationUrl, specification.`);
		}
		const notificationUrl = checkUrl(input.notificationUrl);
		const specification = parseSpecification(input.specification, base);
		this.purge();
		if (this.storage.listWebhooks(baseId).length >= MAX_WEBHOOKS_PER_BASE) {
			throw unprocessable('TOO_MANY_WEBHOOKS', `Base ${baseId} already has ${MAX_WEBHOOKS_PER_BASE} webhooks, the most Airtable allows; delete one first.`);
		}
		const now = this.options.now();
		const webhook: StoredWebhook = {
			id: newId('ach'),
			baseId,
			notificationUrl,
			specification,
			macSecretBase64: randomBytes(32).toString('base64'),
			createdTime: now.toISOString(),
			expirationTime: new Date(now.getTime() + WEBHOOK_LIFETIME_MS).toISOString(),
			areNotificationsEnabled: notificationUrl !== null,
			cursorForNextPayload: FIRST_CURSOR,
			lastNotificationResult: null,
			lastSuccessfulNotificationTime: null,
		};
		this.storage.saveWebhook(webhook);
		return { id: webhook.id, macSecretBase64: webhook.macSecretBase64, expirationTime: webhook.expirationTime };
	}

	/** GET /v0/bases/{baseId}/webhooks: every webhook with its status; never the MAC secret. */
	list(baseId: string): { webhooks: Json[] } {
		this.options.metadata.requireBase(baseId);
		this.purge();
		return { webhooks: this.storage.listWebhooks(baseId).map((w) => this.json(w)) };
	}

	/** POST .../refresh → {expirationTime}: 7 days from now, for an active webhook only. */
	refresh(baseId: string, webhookId: string): { expirationTime: string } {
		const webhook = this.requireWebhook(baseId, webhookId);
		if (!this.isActive(webhook)) {
			throw unprocessable('CANNOT_REFRESH_DISABLED_WEBHOOK', `Webhook ${webhookId} expired at ${webhook.expirationTime} and cannot be refreshed; create a new one.`);
		}
		webhook.expirationTime = new Date(this.options.now().getTime() + WEBHOOK_LIFETIME_MS).toISOString();
		this.storage.saveWebhook(webhook);
		return { expirationTime: webhook.expirationTime };
	}

	/** DELETE .../{webhookId} → {}. */
	remove(baseId: string, webhookId: string): Json {
		this.requireWebhook(baseId, webhookId);
		this.storage.deleteWebhook(webhookId);
		return {};
	}

	/** POST .../enableNotifications {enable} → {}. */
	enableNotifications(baseId: string, webhookId: string, body: unknown): Json {
		const webhook = this.requireWebhook(baseId, webhookId);
		const input = object(body, 'The request body');
		if (typeof input.enable !== 'boolean' || Object.keys(input).some((k) => k !== 'enable')) {
			throw invalidRequest(`The body must be {"enable": true|false}, got ${describeValue(body)}.`);
		}
		webhook.areNotificationsEnabled = input.enable;
		this.storage.saveWebhook(webhook);
		return {};
	}

	/** GET .../payloads?cursor&limit → {payloads, cursor, mightHaveMore}; also extends an active webhook's life by 7 days. */
	listPayloads(baseId: string, webhookId: string, query: Json): { payloads: WebhookPayload[]; cursor: number; mightHaveMore: boolean } {
		const webhook = this.requireWebhook(baseId, webhookId);
		const cursor = positiveInteger(query.cursor, 'cursor', FIRST_CURSOR);
		// The docs say at most 50 are returned; a larger limit is served as 50.
		const limit = Math.min(positiveInteger(query.limit, 'limit', MAX_PAYLOADS_PER_PAGE), MAX_PAYLOADS_PER_PAGE);
		this.purge();
		const rows = this.storage.listPayloads(webhookId, cursor, limit + 1);
		const page = rows.slice(0, limit);
		if (this.isActive(webhook)) {
			webhook.expirationTime = new Date(this.options.now().getTime() + WEBHOOK_LIFETIME_MS).toISOString();
			this.storage.saveWebhook(webhook);
		}
		return {
			payloads: page.map((r) => r.payload),
			cursor: page.length > 0 ? page[page.length - 1].number + 1 : cursor,
			mightHaveMore: rows.length > limit,
		};
	}

	/**
	 * After each committed write: notes the records' modified time (LAST_MODIFIED_TIME()), then turns
	 * the transaction into payloads for every active webhook of the bases it touched, and pings them.
	 */
	recordCommitted(changes: RecordChange[]): void {
		const now = this.options.now();
		this.storage.touchRecords(
			changes.map((c) => ({ recordId: c.recordId, tableId: c.tableId, destroyed: c.after === undefined })),
			now.toISOString(),
		);
		if (!this.storage.anyWebhooks()) return;
		const action = currentAction();
		const byBase = new Map<BaseModel, RecordChange[]>();
		const bases = this.options.db.listBases().map((b) => this.options.metadata.requireBase(b.id));
		for (const change of changes) {
			const base = bases.find((b) => b.tables.some((t) => t.id === change.tableId));
			if (base) byBase.set(base, [...(byBase.get(base) ?? []), change]);
		}
		for (const [base, baseChanges] of byBase) {
			const info = { baseTransactionNumber: this.storage.nextTransactionNumber(base.id), timestamp: now.toISOString(), action };
			for (const webhook of this.storage.listWebhooks(base.id)) {
				if (!this.isActive(webhook)) continue;
				const payload = buildPayload(webhook.specification, base, baseChanges, info, (field, value) => v2CellValue(this.options.db, base, field, value));
				if (!payload) continue;
				this.storage.addPayload(webhook.id, webhook.cursorForNextPayload, now.getTime(), payload);
				webhook.cursorForNextPayload++;
				this.storage.saveWebhook(webhook);
				this.pings.schedule(webhook.id);
			}
		}
	}

	private json(webhook: StoredWebhook): Json {
		return {
			id: webhook.id,
			areNotificationsEnabled: webhook.areNotificationsEnabled,
			cursorForNextPayload: webhook.cursorForNextPayload,
			isHookEnabled: this.isActive(webhook),
			lastNotificationResult: webhook.lastNotificationResult,
			lastSuccessfulNotificationTime: webhook.lastSuccessfulNotificationTime,
			notificationUrl: webhook.notificationUrl,
			expirationTime: webhook.expirationTime,
			specification: webhook.specification,
		};
	}

	private isActive(webhook: StoredWebhook): boolean {
		return Date.parse(webhook.expirationTime) > this.options.now().getTime();
	}

	private requireWebhook(baseId: string, webhookId: string): StoredWebhook {
		this.options.metadata.requireBase(baseId);
		this.purge();
		const webhook = this.storage.getWebhook(webhookId);
		if (!webhook || webhook.baseId !== baseId) throw notFound(`Could not find webhook ${webhookId} in base ${baseId}; GET /v0/bases/${baseId}/webhooks lists the ones that exist.`);
		return webhook;
	}

	private purge(): void {
		const now = this.options.now().getTime();
		this.storage.purge(now - PAYLOAD_RETENTION_MS, now - EXPIRED_WEBHOOK_RETENTION_MS);
	}
}

