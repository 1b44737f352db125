import { redisConnection, redisOrMemory } from '../../shared/redis';
import { windowKey } from '../../shared/conversation-store';

/**
 * The LLM tokens each person used per day for brief answers (Assistant → Answer Briefly). Redis when
 * BESTSTAG_REDIS_URL is set, so every n8n process counts against the same budget, and each add is one
 * atomic INCRBY; in-process otherwise. The key names the canonical phone under `beststag:`, so the LGPD
 * erasure sweep (nodes/shared/datapath/erase.ts) removes it, and it expires on its own after two days.
 */
export interface TokenBudgetStore {
	/**
	 * Adds `tokens` (negative to give some back) to the person's count for `day` ("YYYY-MM-DD" in their
	 * zone) and returns the new count. The count never goes below 0.
	 */
	add(phone: string, day: string, tokens: number): Promise<number>;
}

/** Kept past the day it counts (a day in any zone has ended by then), then gone. */
export const TOKEN_BUDGET_TTL_SECONDS = 2 * 24 * 60 * 60;

const PREFIX = 'beststag:as:llm:';

export const tokenBudgetKey = (phone: string, day: string) => `${PREFIX}${windowKey(phone)}:${day}`;

// INCRBY, floored at 0 (a give-back after a crash or a race must not leave credit), and the TTL set on every write.
const ADD = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
if total < 0 then
	redis.call('SET', KEYS[1], 0)
	total = 0
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return total
`;

class RedisTokenBudgetStore implements TokenBudgetStore {
	constructor(private readonly url: string) {}

	async add(phone: string, day: string, tokens: number): Promise<number> {
		return Number(await redisConnection(this.url).eval(ADD, 1, tokenBudgetKey(phone, day), String(Math.round(tokens)), String(TOKEN_BUDGET_TTL_SECONDS)));
	}
}

/** One n8n process: the same counts in memory (entries expire lazily, on the next add). */
export class MemoryTokenBudgetStore implements TokenBudgetStore {
	private readonly counts = new Map<string, { tokens: number; until: number }>();

	constructor(private readonly now: () => number = Date.now) {}

	async add(phone: string, day: string, tokens: number): Promise<number> {
		const key = tokenBudgetKey(phone, day);
		const entry = this.counts.get(key);
		const current = entry && entry.until > this.now() ? entry.tokens : 0;
		const total = Math.max(0, current + Math.round(tokens));
		this.counts.set(key, { tokens: total, until: this.now() + TOKEN_BUDGET_TTL_SECONDS * 1000 });
		return total;
	}
}

/** The process's budget store: Redis on BESTSTAG_REDIS_URL, else one in-memory store. */
export const tokenBudgetStore = redisOrMemory<TokenBudgetStore>((url) => new RedisTokenBudgetStore(url), () => new MemoryTokenBudgetStore());
