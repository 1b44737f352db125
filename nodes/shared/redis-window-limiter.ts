import { randomUUID } from 'node:crypto';

import type Redis from 'ioredis';

/**
 * A sliding-window limiter kept in Redis, so every n8n process, worker and the flusher share one
 * budget per key (one key per Airtable base). The check and the booking happen in one Lua script,
 * atomically, on Redis's own clock.
 *
 * Bookings are kept for `RETAIN_MS` (at least the caller's window) and counted over the caller's
 * own window, so a caller with a shorter window never erases bookings that a caller with a longer
 * one still counts: a process started with an older budget cannot make another overspend.
 */
const RETAIN_MS = 60_000;

const SCRIPT = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local member = ARGV[3]
local retain = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - retain)
local since = '(' .. (now - window)
local booked = redis.call('ZCOUNT', key, since, '+inf')
if booked < limit then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, retain)
  return 0
end
local blocking = redis.call('ZRANGEBYSCORE', key, since, '+inf', 'WITHSCORES', 'LIMIT', booked - limit, 1)
return math.max(1, tonumber(blocking[2]) + window - now)
`;

export interface RedisWindowLimiterOptions {
	/** Bookings allowed in any window. */
	limit: number;
	/** The window, ms. */
	windowMs: number;
	/** Prefix of the Redis key; the caller's key (a base id) follows it. */
	prefix: string;
}

export class RedisWindowLimiter {
	constructor(
		private readonly redis: Redis,
		private readonly options: RedisWindowLimiterOptions,
	) {}

	/** 0 when a slot was booked now; otherwise milliseconds to wait before trying again. Throws what Redis throws. */
	async tryAcquire(key: string): Promise<number> {
		const retain = Math.max(RETAIN_MS, this.options.windowMs);
		const wait = await this.redis.eval(SCRIPT, 1, `${this.options.prefix}${key}`, this.options.windowMs, this.options.limit, randomUUID(), retain);
		return Number(wait);
	}

	/** Waits until a slot is free for `key`, then books it. */
	async acquire(key: string): Promise<void> {
		for (;;) {
			const wait = await this.tryAcquire(key);
			if (wait === 0) return;
			await new Promise((resolve) => setTimeout(resolve, wait));
		}
	}
}
