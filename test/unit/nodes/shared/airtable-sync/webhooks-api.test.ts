import { AirtableApiError, AirtableWebhooksApi } from '../../../../../nodes/shared/airtable-sync/webhooks-api';
import { startTestStore, type TestStore } from '../../../sandbox/airtable/helpers';

jest.setTimeout(30_000);

describe('AirtableWebhooksApi against the Airtable stand-in', () => {
	let store: TestStore;

	afterEach(async () => {
		await store.dispose();
	});

	it("waits out a 429 (Airtable's pause, shortened here) and then succeeds", async () => {
		store = await startTestStore({ rateLimitPerSecond: 1, rateLimitPenaltyMs: 1000 });
		const pauses: number[] = [];
		const api = new AirtableWebhooksApi({
			token: store.token,
			baseId: store.baseId,
			endpointUrl: store.url,
			rateLimitPauseMs: 1100,
			sleep: async (ms) => {
				pauses.push(ms);
				await new Promise((r) => setTimeout(r, ms));
			},
		});
		const answers = await Promise.all([api.listWebhooks(), api.listWebhooks(), api.listWebhooks()]);
		expect(answers).toEqual([[], [], []]);
		expect(pauses.length).toBeGreaterThanOrEqual(2);
		expect(pauses.every((ms) => ms === 1100)).toBe(true);
	});

	it('does not retry a refusal, and names its status and type', async () => {
		store = await startTestStore();
		let slept = 0;
		const api = new AirtableWebhooksApi({ token: store.token, baseId: store.baseId, endpointUrl: store.url, sleep: async () => void slept++ });
		const error = (await api.refreshWebhook('achAAAAAAAAAAAAAA').catch((e: unknown) => e)) as AirtableApiError;
		expect(error).toBeInstanceOf(AirtableApiError);
		expect(error.status).toBe(404);
		expect(error.type).toBe('NOT_FOUND');
		expect(slept).toBe(0);
		const bad = new AirtableWebhooksApi({ token: 'wrong', baseId: store.baseId, endpointUrl: store.url, sleep: async () => void slept++ });
		await expect(bad.listWebhooks()).rejects.toMatchObject({ status: 401, type: 'AUTHENTICATION_REQUIRED' });
		expect(slept).toBe(0);
	});
});
