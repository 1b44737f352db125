import type Redis from 'ioredis';

import { AIRTABLE_BUDGET_ENV, parseAirtableBudget, type AirtableBaseBudget } from '../../core/rate-limit/airtable-budget';
import { baseKeys } from './datapath/keys';
import { RedisWindowLimiter } from './redis-window-limiter';

/**
 * Where every BestStag process books its Airtable requests: one sliding window per base in Redis
 * (`beststag:airtable:rate:<base>`) and one 429 pause per base (the data path's pause key), used
 * alike by the CRM node's direct mode, replica loads, the changes sync and the flusher.
 */
export const AIRTABLE_RATE_PREFIX = 'beststag:airtable:rate:';

/** The Redis key that is present, with a TTL, while `base` is paused after a 429 (any process may set it). */
export function airtablePauseKey(base: string): string {
	return baseKeys(base).pause;
}

/**
 * The budget from BESTSTAG_AIRTABLE_BUDGET (requests/s per base, default 4).
 * @throws RangeError naming the variable when it is not a whole number from 1 to 5
 */
export function airtableBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): AirtableBaseBudget {
	return parseAirtableBudget(env[AIRTABLE_BUDGET_ENV]);
}

/** The shared window of `budget` in `redis`: `acquire(baseId)` waits for and books one request. */
export function sharedAirtableWindow(redis: Redis, budget: AirtableBaseBudget): RedisWindowLimiter {
	return new RedisWindowLimiter(redis, { limit: budget.limit, windowMs: budget.windowMs, prefix: AIRTABLE_RATE_PREFIX });
}
