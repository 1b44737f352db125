import * as upsert from '../../../../../../nodes/AirtableCrm/actions/event/upsert.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

const START = '2030-03-10T14:00:00-03:00';

describe('event: upsert', () => {
	it('mirrors one event per item by Provider and External ID, 10 per request, each paired with its item', async () => {
		const params = { phone: phoneOf(0), provider: 'google', externalId: (i: number) => `evt${i}`, start: START, additionalFields: { title: 'Reunião' } };
		const first = await crm.run(upsert, { items: items(12), parameters: params });
		expect(first.requests).toBe(2);
		expect(pairing(first.out)).toEqual(paired(12));
		expect(first.out[7].json).toMatchObject({ created: true, fields: { Provider: 'google', 'External ID': 'evt7', Title: 'Reunião' } });

		const again = await crm.run(upsert, { items: items(1), parameters: { ...params, additionalFields: { title: 'Reunião (remarcada)' } } });
		expect(again.out[0].json).toMatchObject({ id: first.out[0].json.id, created: false, fields: { Title: 'Reunião (remarcada)' } });
	});

	it('with continue-on-fail, an event ending before it starts fails alone; without it, nothing is written', async () => {
		const params = { phone: phoneOf(0), provider: 'microsoft', externalId: (i: number) => `ms${i}`, start: START, additionalFields: (i: number) => (i === 0 ? { end: '2030-03-10T13:00:00-03:00' } : {}) };
		const { out } = await crm.run(upsert, { items: items(2), continueOnFail: true, parameters: params });
		expectFailedItem(out[0], 0, /End .* is before Start/);
		expect(out[1].json.created).toBe(true);

		const before = (await crm.records('Events')).length;
		await stoppedWith(crm.run(upsert, { items: items(2), parameters: { ...params, externalId: (i: number) => `x${i}`, additionalFields: (i: number) => (i === 1 ? { end: '2000-01-01T00:00:00Z' } : {}) } }));
		expect((await crm.records('Events')).length).toBe(before);
	});
});
