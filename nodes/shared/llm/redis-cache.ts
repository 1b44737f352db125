/**
 * The classification cache in Redis, shared by every n8n worker: SET key value PX ttl, one JSON value
 * per key. The key, the entry shape and the in-process cache are pure and live in core/llm/cache.ts.
 * https://redis.io/docs/latest/commands/set/ (PX: expiry in milliseconds)
 */
import Redis from 'ioredis';

import { asCachedIntent, checkCacheTtl, type CachedIntent, type ClassificationCache } from '../../../core/llm/cache';

export interface RedisCacheOptions {
	/** A client the caller owns (and closes); give it a commandTimeout, or a Redis outage stalls lookups. */
	client?: Redis;
	/** Or a redis:// URL; the cache then owns its client, and close() quits it. */
	url?: string;
	/** Default "beststag:intent:". */
	prefix?: string;
	/** For a client made from `url`: how long a command may take before it counts as a miss; default 500. */
	commandTimeoutMs?: number;
	/** Connection errors of a client made from `url`; without this they are dropped (lookups then miss). */
	onError?: (error: Error) => void;
}

/** Shared cache in Redis: SET key value PX ttl, one JSON value per key. */
export class RedisCache implements ClassificationCache {
	readonly prefix: string;
	private readonly client: Redis;
	private readonly ownsClient: boolean;

	constructor(options: RedisCacheOptions) {
		if ((options.client === undefined) === (options.url === undefined)) {
			throw new Error('The Redis cache needs exactly one of client (an ioredis instance) or url (redis://host:port).');
		}
		this.prefix = options.prefix ?? 'beststag:intent:';
		if (options.client) {
			this.client = options.client;
			this.ownsClient = false;
		} else {
			this.client = new Redis(options.url!, { commandTimeout: options.commandTimeoutMs ?? 500, maxRetriesPerRequest: 1 });
			// Without a listener ioredis prints every reconnect failure; the strategy already treats them as misses.
			this.client.on('error', (error: Error) => options.onError?.(error));
			this.ownsClient = true;
		}
	}

	async get(key: string): Promise<CachedIntent | undefined> {
		const raw = await this.client.get(this.prefix + key);
		if (raw === null) return undefined;
		try {
			return asCachedIntent(JSON.parse(raw));
		} catch {
			return undefined;
		}
	}

	async set(key: string, value: CachedIntent, ttlMs: number): Promise<void> {
		checkCacheTtl(ttlMs);
		const { intent, confidence, engine, model } = value;
		await this.client.set(this.prefix + key, JSON.stringify({ intent, confidence, engine, model }), 'PX', ttlMs);
	}

	/** Quits the client if this cache made it; a caller's client is left alone. */
	async close(): Promise<void> {
		if (!this.ownsClient) return;
		// QUIT needs a connection; while Redis is away, disconnect() also stops the reconnect timer.
		if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
		else this.client.disconnect();
	}
}
