import Redis from 'ioredis';

import { redisLimiter } from '../../../../../nodes/AirtableCrm/transport/rate-limiter';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';

jest.setTimeout(30_000);

describe('the CRM node\'s Redis limiter pause (real redis-server)', () => {
	let redis: TestRedis;
	const clients: Redis[] = [];

	beforeAll(async () => {
		redis = await startTestRedis();
	});

	afterAll(async () => {
		await Promise.all(clients.map((c) => c.quit()));
		await redis.stop();
	});

	it('shares a 429 pause between processes, per base, and lets it expire', async () => {
		const [one, two] = [0, 1].map(() => {
			const client = new Redis(redis.url);
			clients.push(client);
			return redisLimiter(redis.url, client);
		});
		expect(await two.pausedMs('appSHARED')).toBe(0);
		await one.pause('appSHARED', 400);
		const left = await two.pausedMs('appSHARED');
		expect(left).toBeGreaterThan(300);
		expect(left).toBeLessThanOrEqual(400);
		expect(await two.pausedMs('appOTHER')).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 450));
		expect(await two.pausedMs('appSHARED')).toBe(0);
	});
});
