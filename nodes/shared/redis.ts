import Redis from 'ioredis';

/**
 * One Redis connection per URL per process, shared by every node that needs cross-worker state
 * (rate limits, caches, deduplication). Configured with BESTSTAG_REDIS_URL; absent means
 * in-process fallbacks, which are right for a single n8n process.
 */
const connections = new Map<string, Redis>();

export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.BESTSTAG_REDIS_URL?.trim() || undefined;
}

/**
 * Chooses a store the way every BestStag store is chosen: `forRedis(url)` when BESTSTAG_REDIS_URL
 * is set (every n8n process shares it), else one in-memory store for this process, made once by
 * `inMemory()` (right for a single n8n process only). Returns the chooser; pass `env` in tests.
 */
export function redisOrMemory<T>(forRedis: (url: string) => T, inMemory: () => T): (env?: NodeJS.ProcessEnv) => T {
	let memory: T | undefined;
	return (env: NodeJS.ProcessEnv = process.env) => {
		const url = redisUrlFromEnv(env);
		if (url) return forRedis(url);
		memory ??= inMemory();
		return memory;
	};
}

export function redisConnection(url: string): Redis {
	let connection = connections.get(url);
	if (!connection) {
		connection = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
		// Errors surface on the commands that fail; an unhandled 'error' event would crash n8n.
		connection.on('error', () => undefined);
		connections.set(url, connection);
	}
	return connection;
}

export async function closeRedisConnections(): Promise<void> {
	const all = [...connections.values()];
	connections.clear();
	await Promise.all(all.map((c) => c.quit().catch(() => c.disconnect())));
}
