import { BUFFERED } from '../../../../../nodes/AirtableCrm/buffered/operations';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { mockExecuteContext } from '../../../../support/execute-context';
import { useTestRedis } from '../../../../support/redis-server';
import { startTestStore, TOKEN, type TestStore } from '../../../sandbox/airtable/helpers';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

jest.setTimeout(30_000);

const PHONE = '+5511987650001';

describe('buffered user upsert: Last Inbound At reaches the outbox only when it moved by 15 minutes', () => {
	const redis = useTestRedis();
	let airtable: TestStore;

	beforeAll(async () => {
		airtable = await startTestStore();
	});
	afterAll(async () => {
		await airtable.dispose();
	});

	it('queues the first time, skips a turn 5 minutes later, queues again 20 minutes later', async () => {
		const store = new DataPathStore(redis.client);
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: NO_RATE_LIMIT });
		const context = { store, base: airtable.baseId, gateway };
		const turn = async (lastInboundAt: string) => {
			const { ctx } = mockExecuteContext({ parameters: { phone: PHONE, additionalFields: { lastInboundAt, name: 'Ana' } } });
			const [out] = await BUFFERED.user.upsert.call(ctx, context);
			return out.json as { fields: Record<string, unknown> };
		};

		await turn('2026-11-29T12:00:00.000Z');
		const afterFirst = await store.outboxDepth(airtable.baseId);
		expect(afterFirst).toBe(1);

		const second = await turn('2026-11-29T12:05:00.000Z');
		expect(await store.outboxDepth(airtable.baseId)).toBe(afterFirst);
		// The turn still sees the profile; the replica keeps the coarse time.
		expect(second.fields).toMatchObject({ Name: 'Ana', 'Last Inbound At': '2026-11-29T12:00:00.000Z' });

		await turn('2026-11-29T12:20:00.000Z');
		expect(await store.outboxDepth(airtable.baseId)).toBe(afterFirst + 1);
		expect((await store.get(airtable.baseId, 'Users', PHONE))?.fields['Last Inbound At']).toBe('2026-11-29T12:20:00.000Z');
	});
});
