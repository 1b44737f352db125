import { backoffDelayMs, DEFAULT_RETRY_POLICY, isTransientStatus, parseRetryAfter } from '../../../../core/retry/backoff';

describe('retry policy', () => {
	it.each([429, 500, 502, 503, 504])('retries %i', (status) => expect(isTransientStatus(status)).toBe(true));
	it.each([400, 401, 403, 404, 422])('does not retry %i', (status) => expect(isTransientStatus(status)).toBe(false));

	it('grows exponentially within [ceiling/2, ceiling] and is capped', () => {
		const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelayMs(1, policy, undefined, () => 0)).toBe(50);
		expect(backoffDelayMs(1, policy, undefined, () => 1)).toBe(100);
		expect(backoffDelayMs(3, policy, undefined, () => 1)).toBe(400);
		expect(backoffDelayMs(9, policy, undefined, () => 1)).toBe(1000);
	});

	it('honours a longer Retry-After, within reason', () => {
		expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, 3000, () => 0)).toBe(3000);
		expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, 10 * 60_000, () => 0)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs * 4);
	});

	it('parses Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('Sun, 22 Nov 2026 23:00:10 GMT', Date.parse('Sun, 22 Nov 2026 23:00:00 GMT'))).toBe(10_000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});
