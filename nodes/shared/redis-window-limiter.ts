import { randomUUID } from 'node:crypto';

import type Redis from 'ioredis';

/**
 * A sliding-window limiter kept in Redis, so every n8n worker and webhook process shares one
 * budget per key (Airtable: 5 requests/s per base). The check and the booking happen in one Lua
 * script, atomically, on Redis's own clock.
 */
const SCRIPT = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local member = ARGV[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export class RedisWindowLimiter {
	constructor(
		private readonly redis: Redis,
		private readonly options: { limit: number; windowMs: number; prefix: string },
	) {}

	/** 0 when a slot was booked now; otherwise milliseconds to wait before trying again. */
	async tryAcquire(key: string): Promise<number> {
		const wait = await this.redis.eval(SCRIPT, 1, `${this.options.prefix}${key}`, this.options.windowMs, this.options.limit, randomUUID());
		return Number(wait);
	}

	async acquire(key: string): Promise<void> {
		for (;;) {
			const wait = await this.tryAcquire(key);
			if (wait === 0) return;
			await new Promise((resolve) => setTimeout(resolve, wait));
		}
	}
}
