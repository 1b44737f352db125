/**
 * A circuit breaker for an LLM service: after `failureThreshold` consecutive failures it opens and no call
 * is made for `openMs`; then it is half-open and lets exactly one trial call through, which closes it on
 * success or opens it again on failure. While open, messages get the offline answer at once instead of
 * each waiting out a timeout. The clock is injected, so it is testable without waiting.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
	/** Consecutive failures that open the circuit; default 5. */
	failureThreshold?: number;
	/** How long it stays open; default 60 s. */
	openMs?: number;
	now?: () => number;
}

export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_OPEN_MS = 60_000;

export class CircuitBreaker {
	private readonly threshold: number;
	private readonly openMs: number;
	private readonly now: () => number;
	private failures = 0;
	private openedAt: number | undefined;
	private trialInFlight = false;

	constructor(options: CircuitBreakerOptions = {}) {
		this.threshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
		this.openMs = options.openMs ?? DEFAULT_OPEN_MS;
		if (!Number.isInteger(this.threshold) || this.threshold < 1) {
			throw new RangeError(`The failure threshold must be a whole number of at least 1, got ${this.threshold}.`);
		}
		if (!(this.openMs > 0)) throw new RangeError(`The open time must be a positive number of milliseconds, got ${this.openMs}.`);
		this.now = options.now ?? Date.now;
	}

	state(): CircuitState {
		if (this.openedAt === undefined) return 'closed';
		return this.now() - this.openedAt < this.openMs ? 'open' : 'half-open';
	}

	/** Milliseconds until a trial call is allowed; 0 when closed or half-open. */
	retryInMs(): number {
		return this.state() === 'open' ? this.openedAt! + this.openMs - this.now() : 0;
	}

	/**
	 * Whether a call may go ahead now. In half-open state only the first caller gets true, until that
	 * trial reports back; every caller that gets true must report with recordSuccess or recordFailure.
	 */
	tryAcquire(): boolean {
		const state = this.state();
		if (state === 'closed') return true;
		if (state === 'open' || this.trialInFlight) return false;
		this.trialInFlight = true;
		return true;
	}

	recordSuccess(): void {
		this.failures = 0;
		this.openedAt = undefined;
		this.trialInFlight = false;
	}

	recordFailure(): void {
		const state = this.state();
		// Already open: a late failure from a call made before it opened changes nothing.
		if (state === 'open') return;
		this.trialInFlight = false;
		this.failures++;
		if (state === 'half-open' || this.failures >= this.threshold) this.openedAt = this.now();
	}
}
