import type Redis from 'ioredis';

import { AIRTABLE_CLIENT_BUDGET } from '../../../core/rate-limit/airtable-budget';
import { WindowLimiter } from '../../../core/rate-limit/window-limiter';
import { redisConnection, redisUrlFromEnv } from '../../shared/redis';
import { RedisWindowLimiter } from '../../shared/redis-window-limiter';

/**
 * One request budget per Airtable base (AIRTABLE_CLIENT_BUDGET: 5 requests per 1.25 s), shared by
 * every execution and node instance (and, with Redis, every n8n process), plus a pause per base
 * after Airtable answers 429.
 */

export interface BaseRateLimiter {
	/** Waits until this process may send one more request to the base, and books it. */
	acquire(baseId: string): Promise<void>;
	/** Marks the base as refused for `ms` (after a 429), for every user of this limiter. */
	pause(baseId: string, ms: number): Promise<void>;
	/** Milliseconds left of the base's pause; 0 when it is not paused. */
	pausedMs(baseId: string): Promise<number>;
}

/** In one process: a sliding window per base and a map of pauses. `now` is injectable for tests. */
export function memoryLimiter(now: () => number = Date.now): BaseRateLimiter {
	const window = new WindowLimiter({ ...AIRTABLE_CLIENT_BUDGET, now });
	const pausedUntil = new Map<string, number>();
	return {
		acquire: (baseId) => window.acquire(baseId),
		async pause(baseId, ms) {
			pausedUntil.set(baseId, Math.max(pausedUntil.get(baseId) ?? 0, now() + ms));
		},
		async pausedMs(baseId) {
			const left = (pausedUntil.get(baseId) ?? 0) - now();
			if (left <= 0) pausedUntil.delete(baseId);
			return Math.max(0, left);
		},
	};
}

// One limiter per n8n process, shared by every execution and node instance.
export const inProcessLimiter: BaseRateLimiter = memoryLimiter();

/** Shared through Redis by every n8n process (queue mode): the window and the pause live in Redis, on its clock. */
export function redisLimiter(url: string, redis: Redis = redisConnection(url)): BaseRateLimiter {
	const limiter = new RedisWindowLimiter(redis, {
		...AIRTABLE_CLIENT_BUDGET,
		prefix: 'beststag:airtable:rate:',
	});
	const pauseKey = (baseId: string) => `beststag:airtable:pause:${baseId}`;
	return {
		acquire: (baseId) => limiter.acquire(baseId),
		async pause(baseId, ms) {
			// Each 429 restarts the pause, as it may restart Airtable's penalty.
			await redis.set(pauseKey(baseId), '1', 'PX', Math.max(1, Math.ceil(ms)));
		},
		async pausedMs(baseId) {
			return Math.max(0, await redis.pttl(pauseKey(baseId)));
		},
	};
}

/** Shared through Redis when BESTSTAG_REDIS_URL is set (queue mode), in-process otherwise. */
export function defaultLimiter(env: NodeJS.ProcessEnv = process.env): BaseRateLimiter {
	const url = redisUrlFromEnv(env);
	return url ? redisLimiter(url) : inProcessLimiter;
}
