/**
 * When the flusher sends. Waiting a little lets a turn's writes (user, message, task) and the
 * next turns' share requests of 10; waiting too long makes Airtable stale. The flusher sends as
 * soon as one request (one table) is full. Otherwise a write waits `windowMs` for company; while
 * writes keep arriving (the base is busy: a new one came within `quietMs`) the window widens up to
 * `busyWindowMs`, so sparse tables (tasks, reminders) ride in fewer, fuller requests under load,
 * and a lone write on a quiet base still leaves after `windowMs`.
 * Counting per table matters: 5 users and 5 messages waiting are two half-empty requests.
 */
export interface FlushWindow {
	/** Shortest wait for company, ms, and the whole wait on a quiet base. Issue 8 asks for 1–2 s. */
	windowMs: number;
	/** Longest a write waits while the base is busy, ms; omitted = windowMs (no widening). */
	busyWindowMs?: number;
	/** The base is quiet when no write came for this long, ms; default windowMs / 2. */
	quietMs?: number;
	/** Send at once when this many records are waiting (a full Airtable request). */
	fullBatch: number;
	/**
	 * Longest a record waits from its first write, ms, a hold included (see windowStart); omitted =
	 * no cap. Issue 8 asks for p99 ≤ 10 s from a turn to its row in Airtable.
	 */
	maxAgeMs?: number;
}

/** 2 s, widened up to 5 s under load, and never past 9 s from a record's first write: inside issue 8's 10 s p99. */
export const DEFAULT_FLUSH_WINDOW: FlushWindow = { windowMs: 2_000, busyWindowMs: 5_000, quietMs: 1_000, fullBatch: 10, maxAgeMs: 9_000 };

export type FlushDecision = { send: true } | { send: false; waitMs: number };

/**
 * `waiting`: distinct records waiting for the fullest table (see largestGroup); `oldestAt` and
 * `newestAt`: the `at` (ms) of the oldest and newest waiting writes, or undefined when nothing
 * waits; `now`: ms. With nothing waiting the answer is to wait a full window (the caller also
 * wakes on new writes). Without `newestAt` the window never widens.
 */
export function flushDecision(waiting: number, oldestAt: number | undefined, now: number, window: FlushWindow = DEFAULT_FLUSH_WINDOW, newestAt?: number): FlushDecision {
	if (waiting <= 0 || oldestAt === undefined) return { send: false, waitMs: window.windowMs };
	if (waiting >= window.fullBatch) return { send: true };
	const age = now - oldestAt;
	if (age < window.windowMs) return { send: false, waitMs: window.windowMs - age };
	const widest = window.busyWindowMs ?? window.windowMs;
	if (newestAt === undefined || age >= widest) return { send: true };
	const quietMs = window.quietMs ?? window.windowMs / 2;
	const silence = now - newestAt;
	if (silence >= quietMs) return { send: true };
	return { send: false, waitMs: Math.max(1, Math.min(widest - age, quietMs - silence)) };
}

/**
 * Which waiting records a cycle sends. When the oldest one has waited its window (widened while
 * the base is busy), all of them. When only a table filled a request before that (at 4 msg/s the
 * Messages rows fill one in about a second), only its full requests of `fullBatch`: sparse tables
 * (tasks, reminders, users) keep waiting for company instead of leaving half empty beside it.
 * Records keep their order; parents left behind are linked by key (typecast), as planFlush says.
 * @param now ms; `newestAt` the newest waiting write's `at`, ms (without it the window never widens)
 */
export function recordsToSend<R extends { table: string; keyField: string; firstAt: number; releasedAt?: number }>(records: readonly R[], now: number, window: FlushWindow = DEFAULT_FLUSH_WINDOW, newestAt?: number): R[] {
	if (records.length === 0) return [];
	const oldestAt = Math.min(...records.map((r) => windowStart(r, window)));
	// Asked with one record waiting, the decision is the window's alone.
	if (flushDecision(1, oldestAt, now, window, newestAt).send) return [...records];
	const groups = new Map<string, R[]>();
	for (const r of records) {
		const key = `${r.table}\u0000${r.keyField}`;
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	const chosen = new Set<R>();
	for (const list of groups.values()) {
		const full = Math.floor(list.length / window.fullBatch) * window.fullBatch;
		for (const r of list.slice(0, full)) chosen.add(r);
	}
	return records.filter((r) => chosen.has(r));
}

/**
 * When a record's flush window starts, ms: its first write, or the write that released its hold.
 * A row released by its status after 4 s starts a fresh window, so it waits for company like any
 * new write instead of sending every half-empty table at once; but no later than the widest window
 * still ends `maxAgeMs` after its first write, so a late release cannot make the row stale.
 */
export function windowStart(record: { firstAt: number; releasedAt?: number }, window: FlushWindow = DEFAULT_FLUSH_WINDOW): number {
	if (record.releasedAt === undefined) return record.firstAt;
	if (window.maxAgeMs === undefined) return record.releasedAt;
	const widest = window.busyWindowMs ?? window.windowMs;
	return Math.max(record.firstAt, Math.min(record.releasedAt, record.firstAt + window.maxAgeMs - widest));
}

/**
 * Splits off the records their writer asked to hold (`heldUntil` after `now`): a turn's Messages
 * row waits a few seconds for its reply's delivery status, so row and status cost one record in
 * one request instead of one in each of two. Held records are left out of every decision, so
 * neither a full table nor an expired window sends them early.
 * @returns the records to decide on, in order, and ms until the first hold runs out (undefined when none is held)
 */
export function withoutHeld<R extends { firstAt: number; heldUntil?: number }>(records: readonly R[], now: number): { ready: R[]; releaseInMs?: number } {
	const ready: R[] = [];
	let release: number | undefined;
	for (const r of records) {
		if (r.heldUntil !== undefined && r.heldUntil > now) release = Math.min(release ?? Infinity, r.heldUntil - now);
		else ready.push(r);
	}
	return { ready, releaseInMs: release };
}

/** The number of distinct records of the table (and key field) with the most records waiting. */
export function largestGroup(records: ReadonlyArray<{ table: string; keyField: string }>): number {
	const counts = new Map<string, number>();
	let largest = 0;
	for (const r of records) {
		const key = `${r.table}\u0000${r.keyField}`;
		const n = (counts.get(key) ?? 0) + 1;
		counts.set(key, n);
		largest = Math.max(largest, n);
	}
	return largest;
}
