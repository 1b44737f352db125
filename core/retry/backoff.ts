/**
 * Retry policy for HTTP calls to external services: 429 and 5xx are transient, everything else is
 * the caller's mistake and is not retried. Backoff is capped exponential with "equal jitter" (half the
 * ceiling fixed, half random, so a retry never comes back at once; see
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), and a server's
 * Retry-After wins when it asks for longer.
 */
export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8_000 };

export function isTransientStatus(status: number): boolean {
	return status === 429 || (status >= 500 && status <= 599);
}

/** Delay before retry number `attempt` (1 = the first retry). `random` is injectable for tests. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
	if (retryAfterMs !== undefined && retryAfterMs > jittered) return Math.min(retryAfterMs, policy.maxDelayMs * 4);
	return jittered;
}

/** Reads a Retry-After header: seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
