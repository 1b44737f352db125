import { redisLimiter } from '../../../../../nodes/AirtableCrm/transport/rate-limiter';
import { airtableBaseBudget } from '../../../../../core/rate-limit/airtable-budget';
import { sharedAirtableWindow } from '../../../../../nodes/shared/airtable-base-budget';
import { baseKeys } from '../../../../../nodes/shared/datapath/keys';
import { useTestRedis } from '../../../../support/redis-server';

jest.setTimeout(30_000);

describe('the CRM node\'s Redis limiter pause (real redis-server)', () => {
	const redis = useTestRedis();

	it('shares a 429 pause between processes, per base, and lets it expire', async () => {
		const [one, two] = [0, 1].map(() => {
			const client = redis.connect();
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
		const client = redis.connect();
		await redisLimiter(redis.url, client).pause('appPAUSE', 5_000);
		expect(await client.pttl(baseKeys('appPAUSE').pause)).toBeGreaterThan(4_000);
	});

	it('books in the same window as the flusher: direct mode and flusher together stay within one budget', async () => {
		const [direct, flusher] = [redis.connect(), redis.connect()];
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
