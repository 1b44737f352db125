import type Redis from 'ioredis';

import type { AirtableBaseBudget } from '../../../core/rate-limit/airtable-budget';
import { WindowLimiter } from '../../../core/rate-limit/window-limiter';
import { airtableBudgetFromEnv, airtablePauseKey, sharedAirtableWindow } from '../../shared/airtable-base-budget';
import { redisConnection, redisUrlFromEnv } from '../../shared/redis';

/**
 * One request budget per Airtable base (core/rate-limit/airtable-budget.ts, BESTSTAG_AIRTABLE_BUDGET,
 * default 4 requests/s), shared by every execution and node instance and, with Redis, by every
 * n8n process and the flusher (one window and one 429 pause per base), so together they never
 * spend more than the budget.
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
export function memoryLimiter(now: () => number = Date.now, budget: AirtableBaseBudget = airtableBudgetFromEnv()): BaseRateLimiter {
	const window = new WindowLimiter({ limit: budget.limit, windowMs: budget.windowMs, now });
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

// One limiter per n8n process, shared by every execution and node instance; made on first use.
let inProcess: BaseRateLimiter | undefined;

/** Shared through Redis by every n8n process (queue mode) and the flusher: the window and the pause live in Redis, on its clock. */
export function redisLimiter(url: string, redis: Redis = redisConnection(url), budget: AirtableBaseBudget = airtableBudgetFromEnv()): BaseRateLimiter {
	const limiter = sharedAirtableWindow(redis, budget);
	const pauseKey = airtablePauseKey;
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

/**
 * Shared through Redis when BESTSTAG_REDIS_URL is set (queue mode), in-process otherwise.
 * @throws RangeError when BESTSTAG_AIRTABLE_BUDGET is not a whole number from 1 to 5
 */
export function defaultLimiter(env: NodeJS.ProcessEnv = process.env): BaseRateLimiter {
	const url = redisUrlFromEnv(env);
	if (url) return redisLimiter(url, redisConnection(url), airtableBudgetFromEnv(env));
	inProcess ??= memoryLimiter(Date.now, airtableBudgetFromEnv(env));
	return inProcess;
}
