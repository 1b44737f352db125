import { WindowLimiter } from '../../../core/rate-limit/window-limiter';
import { redisConnection, redisUrlFromEnv } from '../../shared/redis';
import { RedisWindowLimiter } from '../../shared/redis-window-limiter';

/** Airtable allows 5 requests per second per base; every request of this package waits its turn. */
export const AIRTABLE_REQUESTS_PER_SECOND = 5;

export interface BaseRateLimiter {
	acquire(baseId: string): Promise<void>;
}

// One limiter per n8n process, shared by every execution and node instance.
const inProcess = new WindowLimiter({ limit: AIRTABLE_REQUESTS_PER_SECOND, windowMs: 1000 });

export const inProcessLimiter: BaseRateLimiter = {
	acquire: (baseId) => inProcess.acquire(baseId),
};

export function redisLimiter(url: string): BaseRateLimiter {
	const limiter = new RedisWindowLimiter(redisConnection(url), {
		limit: AIRTABLE_REQUESTS_PER_SECOND,
		windowMs: 1000,
		prefix: 'beststag:airtable:rate:',
	});
	return { acquire: (baseId) => limiter.acquire(baseId) };
}

/** Shared through Redis when BESTSTAG_REDIS_URL is set (queue mode), in-process otherwise. */
export function defaultLimiter(env: NodeJS.ProcessEnv = process.env): BaseRateLimiter {
	const url = redisUrlFromEnv(env);
	return url ? redisLimiter(url) : inProcessLimiter;
}
