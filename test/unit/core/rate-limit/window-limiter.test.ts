import { WindowLimiter } from '../../../../core/rate-limit/window-limiter';

function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('WindowLimiter', () => {
	it('allows the limit per window, per key', () => {
		const c = clock();
		const limiter = new WindowLimiter({ limit: 5, windowMs: 1000, now: c.now });
		for (let i = 0; i < 5; i++) expect(limiter.tryAcquire('appA')).toBe(true);
		expect(limiter.tryAcquire('appA')).toBe(false);
		expect(limiter.tryAcquire('appB')).toBe(true);
	});

	it('frees a slot exactly when the oldest event leaves the window', () => {
		const c = clock();
		const limiter = new WindowLimiter({ limit: 2, windowMs: 1000, now: c.now });
		limiter.tryAcquire('k');
		c.advance(300);
		limiter.tryAcquire('k');
		expect(limiter.waitMs('k')).toBe(700);
		c.advance(699);
		expect(limiter.tryAcquire('k')).toBe(false);
		c.advance(1);
		expect(limiter.tryAcquire('k')).toBe(true);
	});

	it('never lets more than the limit through in any window while acquiring', async () => {
		const c = clock();
		const limiter = new WindowLimiter({ limit: 5, windowMs: 1000, now: c.now });
		const stamps: number[] = [];
		const sleep = async (ms: number) => void c.advance(ms);
		for (let i = 0; i < 23; i++) {
			await limiter.acquire('base', sleep);
			stamps.push(c.now());
		}
		for (let i = 5; i < stamps.length; i++) expect(stamps[i] - stamps[i - 5]).toBeGreaterThanOrEqual(1000);
		expect(stamps[stamps.length - 1] - stamps[0]).toBeLessThan(5000);
	});

	it('rejects nonsense settings', () => {
		expect(() => new WindowLimiter({ limit: 0, windowMs: 1000 })).toThrow(/at least 1/);
		expect(() => new WindowLimiter({ limit: 5, windowMs: 0 })).toThrow(/positive number of milliseconds/);
	});
});
