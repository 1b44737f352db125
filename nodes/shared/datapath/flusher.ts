import type Redis from 'ioredis';

import { AIRTABLE_RATE_LIMIT_PAUSE_MS, classifyFailure, describeRecord, DEFAULT_FLUSH_WINDOW, flushDecision, largestGroup, mergeEntries, planFlush, recordsToSend, splitRequest, windowStart, withoutHeld, type FlushRequest, type FlushWindow, type PendingRecord } from '../../../core/datapath';
import { backoffDelayMs, DEFAULT_RETRY_POLICY } from '../../../core/retry/backoff';
import { baseKeys } from './keys';
import { BaseLease } from './lease';
import type { DataPathStore } from './store';

/** Sends one planned upsert to Airtable; resolves with the record ids in request order. */
export interface UpsertSender {
	upsert(base: string, request: FlushRequest): Promise<string[]>;
}

/** A refused or failed send, in Airtable's terms. */
export class SendError extends Error {
	constructor(
		message: string,
		readonly type: string,
		readonly status?: number,
	) {
		super(message);
		this.name = 'SendError';
	}
}

/** The request budget shared by every process writing to a base (see redis-window-limiter.ts). */
export interface RequestBudget {
	acquire(base: string): Promise<void>;
}

export interface FlusherOptions {
	window?: FlushWindow;
	/** Outbox entries read per cycle. */
	readCount?: number;
	/** Lease TTL, ms: how long a dead leader blocks a successor. */
	leaseTtlMs?: number;
	/** Shortest sleep between cycles, ms, so new writes are seen quickly. */
	pollMs?: number;
	/** A name for this process in the lease (host:pid). */
	holder: string;
	now?: () => number;
	log?: (line: string) => void;
}

/** What one cycle did, for tests, logs and status. */
export interface CycleResult {
	leader: boolean;
	/** Records acknowledged as written. */
	sent: number;
	/** Records moved to the dead-letter list. */
	dead: number;
	/** Airtable requests sent. */
	requests: number;
	/** Why the cycle stopped early, if it did. */
	stopped?: 'not-leader' | 'paused' | 'waiting' | 'rate-limited' | 'retry-later' | 'lost-lease' | 'empty';
	/** Suggested sleep before the next cycle, ms. */
	waitMs: number;
}

/**
 * Drains one base's outbox into Airtable: merge the waiting writes per record, plan upserts of 10
 * (parents first), spend the shared budget for each request, acknowledge each request's entries as
 * soon as Airtable took it. A 429 pauses the base for 30 s; a record refused as invalid goes to the
 * dead-letter list; other failures keep the entries and back off. Nothing is acknowledged before
 * Airtable accepted it, and upserts on stable keys make a resend after a crash harmless.
 */
export class BaseFlusher {
	private readonly lease: BaseLease;
	private readonly window: FlushWindow;
	private readonly now: () => number;
	private failures = 0;

	constructor(
		private readonly redis: Redis,
		private readonly store: DataPathStore,
		private readonly base: string,
		private readonly sender: UpsertSender,
		private readonly budget: RequestBudget,
		private readonly options: FlusherOptions,
	) {
		this.lease = new BaseLease(redis, base, options.holder, options.leaseTtlMs ?? 10_000);
		this.window = options.window ?? DEFAULT_FLUSH_WINDOW;
		this.now = options.now ?? Date.now;
	}

	/** One cycle; never throws for Airtable failures (they are classified), only for Redis errors. */
	async cycle(): Promise<CycleResult> {
		const poll = this.options.pollMs ?? 100;
		const result: CycleResult = { leader: false, sent: 0, dead: 0, requests: 0, waitMs: poll };
		let token = await this.lease.hold();
		if (!token) return { ...result, stopped: 'not-leader', waitMs: Math.max(poll, (this.options.leaseTtlMs ?? 10_000) / 4) };
		result.leader = true;
		const keys = baseKeys(this.base);
		const pause = Math.max(await this.redis.pttl(keys.pause), await this.redis.pttl(keys.hold));
		if (pause > 0) return { ...result, stopped: 'paused', waitMs: pause };

		const entries = await this.store.readOutbox(this.base, this.options.readCount ?? 100);
		if (entries.length === 0) return { ...result, stopped: 'empty' };
		const { ready: records, releaseInMs } = withoutHeld(mergeEntries(entries), this.now());
		if (records.length === 0) return { ...result, stopped: 'waiting', waitMs: Math.min(poll, releaseInMs ?? poll) };
		const newestAt = Math.max(...entries.map((e) => e.at));
		const decision = flushDecision(largestGroup(records), Math.min(...records.map((r) => windowStart(r, this.window))), this.now(), this.window, newestAt);
		if (!decision.send) return { ...result, stopped: 'waiting', waitMs: Math.min(poll, decision.waitMs) };

		for (const request of planFlush(recordsToSend(records, this.now(), this.window, newestAt))) {
			token = await this.lease.hold();
			if (!token) return { ...result, leader: false, stopped: 'lost-lease' };
			const outcome = await this.send(request, token, result);
			if (outcome) return { ...result, ...outcome };
		}
		this.failures = 0;
		return { ...result, waitMs: 0 };
	}

	/** Sends one request; returns how the cycle must stop, or undefined to go on. */
	private async send(request: FlushRequest, token: string, result: CycleResult): Promise<Partial<Pick<CycleResult, 'stopped' | 'waitMs' | 'leader'>> | undefined> {
		await this.budget.acquire(this.base);
		result.requests++;
		let ids: string[];
		try {
			ids = await this.sender.upsert(this.base, request);
		} catch (error) {
			const failure = error instanceof SendError ? error : new SendError((error as Error).message, 'UNEXPECTED_ERROR');
			const action = classifyFailure(failure);
			if (action === 'pause-base') {
				await this.redis.set(baseKeys(this.base).pause, String(this.now() + AIRTABLE_RATE_LIMIT_PAUSE_MS), 'PX', AIRTABLE_RATE_LIMIT_PAUSE_MS);
				this.options.log?.(`[flusher] ${this.base}: Airtable answered 429; pausing the base for ${AIRTABLE_RATE_LIMIT_PAUSE_MS / 1000} s, nothing is lost.`);
				return { stopped: 'rate-limited', waitMs: AIRTABLE_RATE_LIMIT_PAUSE_MS };
			}
			if (action === 'invalid') {
				if (request.records.length > 1) {
					// Airtable refuses the whole request for one bad record: find it by sending each alone.
					for (const single of splitRequest(request)) {
						const outcome = await this.send(single, token, result);
						if (outcome) return outcome;
					}
					return undefined;
				}
				const error = { status: failure.status, type: failure.type, message: failure.message };
				if (!(await this.store.acknowledge(this.base, token, [], [{ record: request.records[0], error }]))) return { stopped: 'lost-lease', waitMs: 0, leader: false };
				result.dead++;
				this.options.log?.(`[flusher] ${this.base}: ${describeRecord(request.records[0])} refused (${failure.type}); moved to the dead-letter list.`);
				return undefined;
			}
			this.failures++;
			const waitMs = backoffDelayMs(this.failures, DEFAULT_RETRY_POLICY);
			this.options.log?.(`[flusher] ${this.base}: ${failure.type}${failure.status ? ` (${failure.status})` : ''}: ${failure.message}; retrying in ${waitMs} ms.`);
			return { stopped: 'retry-later', waitMs };
		}
		const sent = request.records.map((record: PendingRecord, i) => ({ record, recordId: ids[i] }));
		if (!(await this.store.acknowledge(this.base, token, sent))) return { stopped: 'lost-lease', waitMs: 0, leader: false };
		result.sent += sent.length;
		return undefined;
	}

	/** Runs cycles until `signal` aborts, then gives the lease up. Redis errors are logged and retried. */
	async run(signal: AbortSignal): Promise<void> {
		while (!signal.aborted) {
			let wait: number;
			try {
				wait = (await this.cycle()).waitMs;
			} catch (error) {
				this.options.log?.(`[flusher] ${this.base}: ${(error as Error).message}; retrying in 1 s.`);
				wait = 1_000;
			}
			// A leader sleeps less than its lease lasts, or it would hand the base over while waiting out a pause.
			if (wait > 0) await sleep(Math.min(wait, (this.options.leaseTtlMs ?? 10_000) / 3), signal);
		}
		await this.lease.release().catch(() => undefined);
	}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, { once: true });
	});
}
