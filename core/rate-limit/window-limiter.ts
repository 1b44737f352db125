/**
 * A sliding-window limiter: at most `limit` events in any `windowMs`. Used on both sides of the
 * Airtable contract: the local store answers 429 past 5 requests/s per base, and the client
 * paces itself so it never gets there. The clock is injected, so it is testable without waiting.
 */
export interface WindowLimiterOptions {
	limit: number;
	windowMs: number;
	now?: () => number;
}

export class WindowLimiter {
	private readonly events = new Map<string, number[]>();
	private readonly now: () => number;

	constructor(private readonly options: WindowLimiterOptions) {
		if (!Number.isInteger(options.limit) || options.limit < 1) {
			throw new RangeError(`The limit must be a whole number of at least 1, got ${options.limit}.`);
		}
		if (!(options.windowMs > 0)) throw new RangeError(`The window must be a positive number of milliseconds, got ${options.windowMs}.`);
		this.now = options.now ?? Date.now;
	}

	/** Milliseconds until an event for `key` would be allowed; 0 means now. */
	waitMs(key: string): number {
		const recent = this.prune(key);
		if (recent.length < this.options.limit) return 0;
		return recent[recent.length - this.options.limit] + this.options.windowMs - this.now();
	}

	/** Records an event if allowed now; returns whether it was. */
	tryAcquire(key: string): boolean {
		if (this.waitMs(key) > 0) return false;
		this.prune(key).push(this.now());
		return true;
	}

	/** Waits until an event is allowed, then records it. */
	async acquire(key: string, sleep: (ms: number) => Promise<void> = defaultSleep): Promise<void> {
		for (;;) {
			const wait = this.waitMs(key);
			if (wait <= 0 && this.tryAcquire(key)) return;
			await sleep(Math.max(1, wait));
		}
	}

	private prune(key: string): number[] {
		const cutoff = this.now() - this.options.windowMs;
		const list = (this.events.get(key) ?? []).filter((t) => t > cutoff);
		this.events.set(key, list);
		return list;
	}
}

function defaultSleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
