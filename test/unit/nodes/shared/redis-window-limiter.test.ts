import { RedisWindowLimiter } from '../../../../nodes/shared/redis-window-limiter';
import { useTestRedis } from '../../../support/redis-server';

jest.setTimeout(30_000);

describe('RedisWindowLimiter (real redis-server)', () => {
	const redis = useTestRedis();

	it('shares one budget between separate processes-worth of connections', async () => {
		const options = { limit: 5, windowMs: 500, prefix: 'test:rate:' };
		const workers = [0, 1, 2].map(() => {
			const client = redis.connect();
			return new RedisWindowLimiter(client, options);
		});
		const stamps: number[] = [];
		await Promise.all(
			Array.from({ length: 21 }, async (_, i) => {
				await workers[i % workers.length].acquire('appBASE');
				stamps.push(Date.now());
			}),
		);
		stamps.sort((a, b) => a - b);
		// Any 6 consecutive grants span at least the window (a few ms of slack for clock reads).
		for (let i = 5; i < stamps.length; i++) expect(stamps[i] - stamps[i - 5]).toBeGreaterThanOrEqual(options.windowMs - 15);
		// ...and the limiter does not starve: 21 grants at 5 per 500 ms take about 2 s; the bound is loose on purpose.
		expect(stamps[stamps.length - 1] - stamps[0]).toBeLessThan(10_000);
	});

	it('keeps bases independent', async () => {
		const client = redis.connect();
		const limiter = new RedisWindowLimiter(client, { limit: 1, windowMs: 60_000, prefix: 'test:indep:' });
		expect(await limiter.tryAcquire('appA')).toBe(0);
		expect(await limiter.tryAcquire('appA')).toBeGreaterThan(0);
		expect(await limiter.tryAcquire('appB')).toBe(0);
	});

	it('counts every booking over each caller\'s own window: a shorter window never erases what a longer one counts', async () => {
		const client = redis.connect();
		const long = new RedisWindowLimiter(client, { limit: 2, windowMs: 1_000, prefix: 'test:mixed:' });
		const short = new RedisWindowLimiter(client, { limit: 5, windowMs: 100, prefix: 'test:mixed:' });
		expect(await long.tryAcquire('appM')).toBe(0);
		expect(await long.tryAcquire('appM')).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 150));
		// The short window is empty again, so it books...
		expect(await short.tryAcquire('appM')).toBe(0);
		// ...but the long one still sees its two bookings and the short one's: it must wait for the oldest to leave.
		const wait = await long.tryAcquire('appM');
		expect(wait).toBeGreaterThan(700);
		expect(wait).toBeLessThanOrEqual(850);
	});
});
