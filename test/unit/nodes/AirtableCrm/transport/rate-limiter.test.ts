import Redis from 'ioredis';

import { redisLimiter } from '../../../../../nodes/AirtableCrm/transport/rate-limiter';
import { airtableBaseBudget } from '../../../../../core/rate-limit/airtable-budget';
import { sharedAirtableWindow } from '../../../../../nodes/shared/airtable-base-budget';
import { baseKeys } from '../../../../../nodes/shared/datapath/keys';
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

	it('pauses the base where the flusher looks, so a 429 seen by direct mode stops the flusher too', async () => {
		const client = new Redis(redis.url);
		clients.push(client);
		await redisLimiter(redis.url, client).pause('appPAUSE', 5_000);
		expect(await client.pttl(baseKeys('appPAUSE').pause)).toBeGreaterThan(4_000);
	});

	it('books in the same window as the flusher: direct mode and flusher together stay within one budget', async () => {
		const [direct, flusher] = [0, 1].map(() => {
			const client = new Redis(redis.url);
			clients.push(client);
			return client;
		});
		const budget = airtableBaseBudget(4);
		const node = redisLimiter(redis.url, direct, budget);
		const drain = sharedAirtableWindow(flusher, budget);
		const stamps: number[] = [];
		await Promise.all(
			Array.from({ length: 12 }, async (_, i) => {
				await (i % 2 ? node.acquire('appONE') : drain.acquire('appONE'));
				stamps.push(Date.now());
			}),
		);
		stamps.sort((a, b) => a - b);
		// Any five grants, from either side, span at least the budget's window (a few ms of slack for clock reads).
		for (let i = 4; i < stamps.length; i++) expect(stamps[i] - stamps[i - 4]).toBeGreaterThanOrEqual(budget.windowMs - 15);
	});
});
