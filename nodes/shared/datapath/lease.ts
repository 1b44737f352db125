import type Redis from 'ioredis';

import { baseKeys } from './keys';

/**
 * One flusher leader per base across every process: a Redis key with a TTL holds
 * "<fencing token>:<holder>". The holder renews it on every cycle; when it dies the key expires
 * and the next process to ask becomes leader with a larger fencing token. Every acknowledgement
 * checks the token in the same script that changes the outbox (DataPathStore.acknowledge), so a
 * paused old leader that wakes up can no longer change anything.
 */
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current and current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return current
end
if current then return false end
local fence = redis.call('INCR', KEYS[2])
local token = fence .. ':' .. ARGV[3]
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export class BaseLease {
	private token: string | undefined;

	/** `ttlMs`: how long a dead leader blocks a successor. `holder`: a name for operators (host:pid). */
	constructor(
		private readonly redis: Redis,
		private readonly base: string,
		private readonly holder: string,
		private readonly ttlMs: number,
	) {
		if (!(ttlMs >= 100)) throw new RangeError(`The lease TTL must be at least 100 ms, got ${ttlMs}.`);
	}

	/** Acquires or renews the lease; returns the fencing token while this process leads, undefined otherwise. */
	async hold(): Promise<string | undefined> {
		const keys = baseKeys(this.base);
		const token = await this.redis.eval(ACQUIRE, 2, keys.lease, keys.fence, this.token ?? '', this.ttlMs, this.holder);
		this.token = typeof token === 'string' ? token : undefined;
		return this.token;
	}

	/** Gives the lease up (on a clean shutdown), so a successor need not wait for the TTL. */
	async release(): Promise<void> {
		if (!this.token) return;
		await this.redis.eval(RELEASE, 1, baseKeys(this.base).lease, this.token);
		this.token = undefined;
	}

	/** The current leader's "<fencing token>:<holder>", for status displays. */
	static async current(redis: Redis, base: string): Promise<string | undefined> {
		return (await redis.get(baseKeys(base).lease)) ?? undefined;
	}
}
