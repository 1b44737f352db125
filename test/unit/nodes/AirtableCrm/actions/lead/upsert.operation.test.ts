import * as upsert from '../../../../../../nodes/AirtableCrm/actions/lead/upsert.operation';
import { expectFailedItem, items, paired, pairing, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

describe('lead: upsert', () => {
	it('creates or updates one lead per item by Email, 10 per request, each paired with its item', async () => {
		const params = { email: (i: number) => `lead${i}@empresa.com.br`, name: (i: number) => `Lead ${i}`, additionalFields: { stage: 'new' } };
		const first = await crm.run(upsert, { items: items(12), parameters: params });
		expect(first.requests).toBe(2);
		expect(pairing(first.out)).toEqual(paired(12));
		expect(first.out[3].json).toMatchObject({ created: true, fields: { Email: 'lead3@empresa.com.br', Name: 'Lead 3', Stage: 'new' } });

		const again = await crm.run(upsert, { items: items(1), parameters: { ...params, additionalFields: { stage: 'qualified' } } });
		expect(again.out[0].json).toMatchObject({ id: first.out[0].json.id, created: false, fields: { Stage: 'qualified' } });
	});

	it('with continue-on-fail, a bad email fails alone; without it, nothing is written', async () => {
		const { out } = await crm.run(upsert, { items: items(2), continueOnFail: true, parameters: { email: (i: number) => (i === 0 ? 'sem-arroba' : 'ok@x.com'), name: 'A' } });
		expectFailedItem(out[0], 0, /is not an email address/);
		expect(out[1].json.created).toBe(true);

		const before = (await crm.records('Leads')).length;
		await stoppedWith(crm.run(upsert, { items: items(2), parameters: { email: (i: number) => (i === 1 ? 'sem-arroba' : 'b@x.com'), name: 'B' } }));
		expect((await crm.records('Leads')).length).toBe(before);
	});
});
