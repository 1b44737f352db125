import { redisUrlFromEnv } from '../redis';

/**
 * Where the data path's Redis is. There is no in-process fallback: an outbox in memory would lose
 * every accepted write on a restart, so buffered mode refuses to run without Redis.
 */
export class DataPathConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataPathConfigError';
	}
}

/** The Redis URL from BESTSTAG_REDIS_URL; throws DataPathConfigError saying what to set when absent. */
export function requireDataPathRedisUrl(env: NodeJS.ProcessEnv = process.env): string {
	const url = redisUrlFromEnv(env);
	if (!url) {
		throw new DataPathConfigError(
			'Buffered writes need Redis with append-only persistence: set BESTSTAG_REDIS_URL (e.g. redis://127.0.0.1:6379, the Redis n8n queue mode uses) ' +
				'in the environment of n8n and of "beststag flusher", or switch the node to Write Mode "Direct".',
		);
	}
	return url;
}
