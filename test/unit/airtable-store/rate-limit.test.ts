import { startTestStore, type TestStore } from './helpers';

const RATE_LIMITED = { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }] };

async function burst(store: TestStore, n: number): Promise<Array<{ status: number; body: unknown }>> {
	return Promise.all(Array.from({ length: n }, () => store.api('GET', `/v0/${store.baseId}/Users?maxRecords=1`)));
}

describe('rate limit', () => {
	let store: TestStore;
	afterEach(() => store?.dispose());

	it('answers 429 past 5 requests per second per base by default, and recovers after a second', async () => {
		store = await startTestStore({ rateLimitPerSecond: undefined });
		const answers = await burst(store, 20);
		expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
		const limited = answers.filter((a) => a.status === 429);
		expect(limited).toHaveLength(15);
		for (const answer of limited) expect(answer.body).toEqual(RATE_LIMITED);
		// Requests without a base (health, list of bases) are not limited.
		expect((await store.api('GET', '/v0/meta/bases')).status).toBe(200);

		await new Promise((resolve) => setTimeout(resolve, 1_050));
		expect((await store.api('GET', `/v0/${store.baseId}/Users`)).status).toBe(200);
	});

	it('can be turned off with 0', async () => {
		store = await startTestStore({ rateLimitPerSecond: 0 });
		const answers = await burst(store, 20);
		expect(answers.every((a) => a.status === 200)).toBe(true);
	});
});
