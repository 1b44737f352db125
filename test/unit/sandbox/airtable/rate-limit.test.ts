import { ArrivalMeter, BaseRateLimit } from '../../../../sandbox/airtable/rate-limit';
import { startTestStore, type TestStore } from './helpers';

const RATE_LIMITED = { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }] };

async function burst(store: TestStore, n: number): Promise<Array<{ status: number; body: unknown }>> {
	return Promise.all(Array.from({ length: n }, () => store.api('GET', `/v0/${store.baseId}/Users?maxRecords=1`)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limit', () => {
	let store: TestStore;
	afterEach(() => store?.dispose());

	it('answers 429 past 5 requests per second per base by default, and keeps answering 429 after a second (30 s penalty on by default)', async () => {
		store = await startTestStore({ rateLimitPerSecond: undefined });
		const answers = await burst(store, 20);
		expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
		const limited = answers.filter((a) => a.status === 429);
		expect(limited).toHaveLength(15);
		for (const answer of limited) expect(answer.body).toEqual(RATE_LIMITED);
		// Requests without a base (health, list of bases) are not limited.
		expect((await store.api('GET', '/v0/meta/bases')).status).toBe(200);

		await sleep(1_050);
		// The window has room again, but Airtable's penalty has 29 s to go.
		expect((await store.api('GET', `/v0/${store.baseId}/Users`)).status).toBe(429);
		const health = (await (await fetch(`${store.url}/healthz`)).json()) as { rateLimited: number };
		expect(health.rateLimited).toBe(16);
	});

	it('serves again once a shortened penalty has passed with no request, and each 429 restarts it', async () => {
		store = await startTestStore({ rateLimitPerSecond: 5, rateLimitPenaltyMs: 1_500 });
		await burst(store, 6);
		await sleep(1_100);
		// Still inside the penalty: refused, and the penalty starts again from here.
		expect((await store.api('GET', `/v0/${store.baseId}/Users`)).status).toBe(429);
		await sleep(1_100);
		expect((await store.api('GET', `/v0/${store.baseId}/Users`)).status).toBe(429);
		await sleep(1_600);
		expect((await store.api('GET', `/v0/${store.baseId}/Users`)).status).toBe(200);
	});

	it('forgives as soon as the window allows with a penalty of 0', async () => {
		store = await startTestStore({ rateLimitPerSecond: 5, rateLimitPenaltyMs: 0 });
		await burst(store, 20);
		await sleep(1_050);
		expect((await store.api('GET', `/v0/${store.baseId}/Users`)).status).toBe(200);
	});

	it('can be turned off with 0', async () => {
		store = await startTestStore({ rateLimitPerSecond: 0 });
		const answers = await burst(store, 20);
		expect(answers.every((a) => a.status === 200)).toBe(true);
	});

	it('refuses a penalty that is not a whole number of milliseconds', async () => {
		await expect(startTestStore({ rateLimitPenaltyMs: -1 })).rejects.toThrow(RangeError);
		await expect(startTestStore({ rateLimitPenaltyMs: 1.5 })).rejects.toThrow(/whole number of milliseconds/);
	});
});

describe('BaseRateLimit', () => {
	let clock = 0;
	const now = () => clock;

	it('refuses every request to a base for 30 s after a 429, restarting on each refusal, without touching other bases', () => {
		const limit = new BaseRateLimit({ perSecond: 5, penaltyMs: 30_000, now });
		for (let i = 0; i < 5; i++) expect(limit.admit('appA')).toBe(true);
		expect(limit.admit('appA')).toBe(false);
		expect(limit.penaltyLeftMs('appA')).toBe(30_000);
		expect(limit.admit('appB')).toBe(true);

		clock += 29_999;
		expect(limit.admit('appA')).toBe(false);
		expect(limit.penaltyLeftMs('appA')).toBe(30_000);
		clock += 30_000;
		expect(limit.penaltyLeftMs('appA')).toBe(0);
		expect(limit.admit('appA')).toBe(true);
	});

	it('counts five requests in any sliding second', () => {
		const limit = new BaseRateLimit({ perSecond: 5, penaltyMs: 0, now });
		clock = 100_000;
		for (let i = 0; i < 5; i++) {
			expect(limit.admit('appA')).toBe(true);
			clock += 199;
		}
		// 995 ms after the first: still five in the last second.
		expect(limit.admit('appA')).toBe(false);
		clock += 6;
		expect(limit.admit('appA')).toBe(true);
	});
});

describe('ArrivalMeter', () => {
	it('reports per base the most requests that arrived in any 1 s, sliding', () => {
		let t = 0;
		const meter = new ArrivalMeter(() => t);
		const arriveAt = (ms: number) => {
			t = ms;
			meter.record('appA');
		};
		[0, 300, 600, 999].forEach(arriveAt);
		// 0 has left the window at 1000: 300, 600, 999, 1000 are four, never five.
		[1000, 1500, 1999].forEach(arriveAt);
		t = 2000;
		meter.record('appB');
		expect(meter.busiestSecond()).toEqual({ appA: 4, appB: 1 });
		t = 2100;
		meter.record('appA');
		meter.record('appA');
		// 1500, 1999, 2100, 2100 plus nothing older than 1100: still four.
		expect(meter.busiestSecond().appA).toBe(4);
		meter.record('appA');
		expect(meter.busiestSecond().appA).toBe(5);
	});
});
