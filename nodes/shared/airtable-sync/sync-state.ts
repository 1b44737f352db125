import { randomUUID } from 'node:crypto';

import type Redis from 'ioredis';

/**
 * The sync's durable state per base, in Redis so every n8n process (queue mode) shares it and it
 * survives restarts: the webhook id, its MAC secret (shown by Airtable only once), the payload cursor
 * and when it was saved, the expiry, the last catch-up. Plus a lock so one process drains at a time,
 * and a "pending" flag so a ping that arrives mid-drain is never lost.
 */

export interface SyncState {
	webhookId: string;
	macSecretBase64: string;
	notificationUrl: string;
	cursor: number;
	cursorSavedAtMs: number;
	expirationTime?: string;
	lastCatchUpAtMs?: number;
	/** Why and when the tables were last reloaded in full. */
	lastResync?: { reason: string; atMs: number };
}

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const TAKE = "local v = redis.call('get', KEYS[1]); redis.call('del', KEYS[1]); return v";

export class SyncStateStore {
	private readonly key: string;

	constructor(
		private readonly redis: Redis,
		baseId: string,
		prefix = 'beststag:airtable-sync:',
	) {
		this.key = `${prefix}${baseId}`;
	}

	async load(): Promise<SyncState | undefined> {
		const raw = await this.redis.hgetall(this.key);
		if (!raw.webhookId || !raw.macSecretBase64) return undefined;
		return {
			webhookId: raw.webhookId,
			macSecretBase64: raw.macSecretBase64,
			notificationUrl: raw.notificationUrl ?? '',
			cursor: Number(raw.cursor ?? 1),
			cursorSavedAtMs: Number(raw.cursorSavedAtMs ?? 0),
			...(raw.expirationTime ? { expirationTime: raw.expirationTime } : {}),
			...(raw.lastCatchUpAtMs ? { lastCatchUpAtMs: Number(raw.lastCatchUpAtMs) } : {}),
			...(raw.lastResyncReason ? { lastResync: { reason: raw.lastResyncReason, atMs: Number(raw.lastResyncAtMs ?? 0) } } : {}),
		};
	}

	/** Replaces the webhook (and resets the cursor to the new webhook's first). */
	async saveWebhook(state: Omit<SyncState, 'lastCatchUpAtMs' | 'lastResync'>): Promise<void> {
		await this.redis
			.multi()
			.hdel(this.key, 'expirationTime')
			.hset(this.key, {
				webhookId: state.webhookId,
				macSecretBase64: state.macSecretBase64,
				notificationUrl: state.notificationUrl,
				cursor: String(state.cursor),
				cursorSavedAtMs: String(state.cursorSavedAtMs),
				...(state.expirationTime ? { expirationTime: state.expirationTime } : {}),
			})
			.exec();
	}

	async saveCursor(cursor: number, atMs: number): Promise<void> {
		await this.redis.hset(this.key, { cursor: String(cursor), cursorSavedAtMs: String(atMs) });
	}

	async saveExpiration(expirationTime: string | null | undefined): Promise<void> {
		if (expirationTime) await this.redis.hset(this.key, 'expirationTime', expirationTime);
		else await this.redis.hdel(this.key, 'expirationTime');
	}

	/** When the last catch-up started (ms), kept even while no webhook is registered. */
	async loadCatchUp(): Promise<number | undefined> {
		const raw = await this.redis.hget(this.key, 'lastCatchUpAtMs');
		return raw ? Number(raw) : undefined;
	}

	async saveCatchUp(atMs: number): Promise<void> {
		await this.redis.hset(this.key, 'lastCatchUpAtMs', String(atMs));
	}

	async saveResync(reason: string, atMs: number): Promise<void> {
		await this.redis.hset(this.key, { lastResyncReason: reason, lastResyncAtMs: String(atMs) });
	}

	async clear(): Promise<void> {
		await this.redis.del(this.key);
	}

	/** Notes that payloads may be waiting, so whoever holds the lock reads once more. */
	async markPending(): Promise<void> {
		await this.redis.set(`${this.key}:pending`, '1');
	}

	/** Whether payloads are marked as waiting, without clearing the mark. */
	async hasPending(): Promise<boolean> {
		return (await this.redis.exists(`${this.key}:pending`)) === 1;
	}

	/** Whether payloads were marked as waiting since the last call; clears the mark. */
	async takePending(): Promise<boolean> {
		return (await this.redis.eval(TAKE, 1, `${this.key}:pending`)) !== null;
	}

	/** Runs `work` holding the base's drain lock; undefined (without running it) when another process holds it. */
	async withLock<T>(ttlMs: number, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
		const token = randomUUID();
		const lockKey = `${this.key}:lock`;
		const ok = await this.redis.set(lockKey, token, 'PX', ttlMs, 'NX');
		if (ok !== 'OK') return { ran: false };
		try {
			return { ran: true, value: await work() };
		} finally {
			await this.redis.eval(RELEASE, 1, lockKey, token);
		}
	}
}
