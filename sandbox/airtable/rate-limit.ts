import { WindowLimiter } from '../../core/rate-limit/window-limiter';

/**
 * Airtable's per-base rate limit as the store enforces it: a sliding window of N requests per
 * second, and after a 429 a penalty during which every request to that base is refused.
 *
 * Airtable: "If you exceed this rate, you will receive a 429 status code and will need to wait
 * 30 seconds before subsequent requests will succeed."
 * (https://airtable.com/developers/web/api/rate-limits). The docs do not say whether a request
 * sent during those 30 seconds restarts them; the store takes the strict reading: every 429,
 * including one answered during the penalty, starts a new full penalty. A client that keeps
 * knocking stays locked out, which is the failure the sandbox must show.
 */

export interface BaseRateLimitOptions {
	/** Requests per second per base; at least 1. */
	perSecond: number;
	/** How long a base stays refused after a 429, in milliseconds; 0 forgives as soon as the window allows. */
	penaltyMs: number;
	/** The clock, in milliseconds; injectable for tests. */
	now?: () => number;
}

export class BaseRateLimit {
	private readonly window: WindowLimiter;
	private readonly penaltyEnds = new Map<string, number>();
	private readonly now: () => number;

	constructor(private readonly options: BaseRateLimitOptions) {
		if (!Number.isInteger(options.penaltyMs) || options.penaltyMs < 0) {
			throw new RangeError(`The rate-limit penalty must be a whole number of milliseconds (0 = none), got ${options.penaltyMs}.`);
		}
		this.now = options.now ?? Date.now;
		this.window = new WindowLimiter({ limit: options.perSecond, windowMs: 1000, now: this.now });
	}

	/** Whether a request to `baseId` is served now. A refusal (the caller answers 429) starts or restarts the penalty. */
	admit(baseId: string): boolean {
		const now = this.now();
		const ends = this.penaltyEnds.get(baseId);
		if (ends !== undefined && now < ends) return this.refuse(baseId, now);
		if (ends !== undefined) this.penaltyEnds.delete(baseId);
		return this.window.tryAcquire(baseId) || this.refuse(baseId, now);
	}

	/** Milliseconds until `baseId` is served again; 0 when it is not penalised. */
	penaltyLeftMs(baseId: string): number {
		return Math.max(0, (this.penaltyEnds.get(baseId) ?? 0) - this.now());
	}

	private refuse(baseId: string, now: number): false {
		if (this.options.penaltyMs > 0) this.penaltyEnds.set(baseId, now + this.options.penaltyMs);
		return false;
	}
}

/**
 * Per base, the most requests that arrived in any 1 s (sliding, on arrival, served or refused):
 * what Airtable's own limit counts. Benchmarks and tests read it from /healthz to check that all
 * BestStag processes together stayed within their budget. Keeps only the last second per base.
 */
export class ArrivalMeter {
	private readonly recent = new Map<string, number[]>();
	private readonly busiest = new Map<string, number>();

	constructor(private readonly now: () => number = Date.now) {}

	/** Counts one request to `baseId` arriving now. */
	record(baseId: string): void {
		const at = this.now();
		const list = (this.recent.get(baseId) ?? []).filter((t) => t > at - 1000);
		list.push(at);
		this.recent.set(baseId, list);
		this.busiest.set(baseId, Math.max(this.busiest.get(baseId) ?? 0, list.length));
	}

	/** Base id → the most requests seen in any 1 s since the store started. */
	busiestSecond(): Record<string, number> {
		return Object.fromEntries(this.busiest);
	}
}
