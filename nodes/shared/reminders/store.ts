import { createHash } from 'node:crypto';

import type Redis from 'ioredis';

import { DATAPATH_PREFIX, baseKeys } from '../datapath/keys';

/**
 * The scheduler's state in Redis, beside the data path replica of the same base (same hash tag, so
 * a claim's script may read the replica record in the same slot):
 *
 * | key | type | holds |
 * | --- | --- | --- |
 * | `rm:due` | sorted set | reminder key → epoch ms it may go out (its Due At, or the end of quiet hours) |
 * | `rm:claim:<key>` | hash | the claim of the reminder's current delivery: `due` (the Due At claimed), `state`, `job`, `at` |
 * | `rm:inflight` | sorted set | reminder keys claimed and not yet recorded as sent or failed → claim time |
 * | `rm:receipt:<job>` | hash | what the outbound queue's worker recorded: `sid`/`status`/`at` or `error`/`code` |
 * | `rm:sid:<MessageSid>` | string | the reminder key a message delivered (for status callbacks) |
 * | `rm:catchup` | string (TTL) | present while the last Airtable catch-up is recent enough |
 */
export const RECEIPT_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface ReminderKeys {
	due: string;
	inflight: string;
	catchup: string;
	claim(key: string): string;
	receipt(jobId: string): string;
	/** Prefix of `rm:sid:<MessageSid>`. */
	sidPrefix: string;
}

export function reminderKeys(base: string): ReminderKeys {
	const root = `${DATAPATH_PREFIX}{${base}}:rm:`;
	return {
		due: `${root}due`,
		inflight: `${root}inflight`,
		catchup: `${root}catchup`,
		claim: (key) => `${root}claim:${key}`,
		receipt: (jobId) => `${root}receipt:${jobId}`,
		sidPrefix: `${root}sid:`,
	};
}

/** The outbound job id of one delivery of one reminder: the same key and Due At always give the same id (BullMQ ids may not contain ":"). */
export function deliveryJobId(key: string, dueAt: string): string {
	return `rm-${createHash('sha256').update(`${key}|${dueAt}`).digest('hex').slice(0, 32)}`;
}

export interface Claim {
	key: string;
	/** The Due At (as the replica stores it, JSON) this claim is for. */
	due: string;
	state: 'claimed' | 'queued' | 'sent' | 'failed' | 'skipped';
	job: string;
	/** Epoch ms of the claim. */
	at: number;
}

export interface Receipt {
	sid?: string;
	status?: string;
	at?: number;
	error?: string;
	code?: string;
}

// Claims one delivery of a reminder, atomically with a look at the replica: only a reminder still
// scheduled, still due at the Due At the caller saw, and not claimed for that Due At before.
// KEYS: claim, due index, inflight, replica record. ARGV: due JSON, job id, now ms, reminder key.
const CLAIM = `
if redis.call('HGET', KEYS[4], 'f:Status') ~= '"scheduled"' then return -1 end
if redis.call('HGET', KEYS[4], 'f:Due At') ~= ARGV[1] then return -2 end
if redis.call('HGET', KEYS[1], 'due') == ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'due', ARGV[1], 'state', 'claimed', 'job', ARGV[2], 'at', ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
return 1
`;

/** Outcome of a claim: won, or why not. */
export type ClaimResult = 'claimed' | 'already_claimed' | 'not_scheduled' | 'due_changed';

/**
 * Redis side of the reminder scheduler (see the table above). Every method is one or a few
 * commands; `claim` is a Lua script, so two scheduler runs (or two n8n workers) that see the same
 * due reminder cannot both win it.
 */
export class ReminderStore {
	constructor(
		private readonly redis: Redis,
		readonly base: string,
	) {}

	private get keys(): ReminderKeys {
		return reminderKeys(this.base);
	}

	/** Files (or moves) a reminder in the due index at `atMs`. */
	async index(key: string, atMs: number): Promise<void> {
		await this.redis.zadd(this.keys.due, atMs, key);
	}

	/** Takes a reminder out of the due index (done, cancelled, gone). */
	async unindex(key: string): Promise<void> {
		await this.redis.zrem(this.keys.due, key);
	}

	/** Up to `limit` reminder keys whose index time is at or before `untilMs`, earliest first. */
	async due(untilMs: number, limit: number): Promise<string[]> {
		return this.redis.zrangebyscore(this.keys.due, '-inf', String(untilMs), 'LIMIT', 0, limit);
	}

	/**
	 * Claims the delivery of `key` for the Due At `dueJson` (the replica's JSON cell, compared
	 * byte for byte). Wins only when the replica still holds the reminder as scheduled at that Due
	 * At and no claim for that Due At exists; a win takes it off the due index and files it in flight.
	 */
	async claim(key: string, dueJson: string, jobId: string, nowMs: number): Promise<ClaimResult> {
		const k = this.keys;
		const result = Number(await this.redis.eval(CLAIM, 4, k.claim(key), k.due, k.inflight, baseKeys(this.base).record('Reminders', key), dueJson, jobId, String(nowMs), key));
		return result === 1 ? 'claimed' : result === 0 ? 'already_claimed' : result === -1 ? 'not_scheduled' : 'due_changed';
	}

	async getClaim(key: string): Promise<Claim | undefined> {
		const hash = await this.redis.hgetall(this.keys.claim(key));
		if (!hash.due) return undefined;
		return { key, due: hash.due, state: hash.state as Claim['state'], job: hash.job, at: Number(hash.at) };
	}

	async setClaimState(key: string, state: Claim['state']): Promise<void> {
		await this.redis.hset(this.keys.claim(key), 'state', state);
	}

	/** Ends a delivery: its claim keeps its final state (so the same Due At is never claimed again) and it leaves the in-flight set. */
	async finish(key: string, state: 'sent' | 'failed' | 'skipped'): Promise<void> {
		await this.redis.multi().hset(this.keys.claim(key), 'state', state).expire(this.keys.claim(key), RECEIPT_TTL_SECONDS).zrem(this.keys.inflight, key).exec();
	}

	/** Keys of every claimed delivery not yet finished, oldest claim first. */
	async inflight(limit = 500): Promise<string[]> {
		return this.redis.zrange(this.keys.inflight, '0', String(limit - 1));
	}

	async receipt(jobId: string): Promise<Receipt> {
		const hash = await this.redis.hgetall(this.keys.receipt(jobId));
		return {
			...(hash.sid ? { sid: hash.sid, status: hash.status, at: Number(hash.at) } : {}),
			...(hash.error !== undefined ? { error: hash.error, code: hash.code } : {}),
		};
	}

	/** Remembers which reminder a MessageSid delivered (the worker does this too, through the receipt). */
	async mapSid(sid: string, key: string): Promise<void> {
		await this.redis.set(`${this.keys.sidPrefix}${sid}`, key, 'EX', RECEIPT_TTL_SECONDS);
	}

	/** The reminder key a MessageSid delivered, or undefined when it was not a reminder (or is older than 30 days). */
	async keyOfSid(sid: string): Promise<string | undefined> {
		return (await this.redis.get(`${this.keys.sidPrefix}${sid}`)) ?? undefined;
	}

	/** True at most once per `everyMs` across all processes: whether this run should catch up from Airtable. */
	async catchUpDue(everyMs: number): Promise<boolean> {
		return (await this.redis.set(this.keys.catchup, String(Date.now()), 'PX', Math.max(1, everyMs), 'NX')) === 'OK';
	}

	/**
	 * Runs `fn` while holding the reminder's short lock, so read-modify-write steps on one reminder
	 * (a status callback, a tap, recording a send) do not interleave: two callbacks arriving together
	 * must not write "sent" over "delivered". Waits up to `waitMs` for the lock, then runs anyway
	 * (the lock only orders; the writes stay correct one by one). The lock expires after 5 s.
	 */
	async withLock<T>(key: string, fn: () => Promise<T>, waitMs = 3_000): Promise<T> {
		const lock = `${this.keys.claim(key)}:lock`;
		const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
		const deadline = Date.now() + waitMs;
		let held = false;
		while (!(held = (await this.redis.set(lock, token, 'PX', 5_000, 'NX')) === 'OK') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		try {
			return await fn();
		} finally {
			if (held) await this.redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, lock, token);
		}
	}

	/** Forgets the catch-up mark after a failed catch-up, so the next run tries again. */
	async resetCatchUp(): Promise<void> {
		await this.redis.del(this.keys.catchup);
	}
}
