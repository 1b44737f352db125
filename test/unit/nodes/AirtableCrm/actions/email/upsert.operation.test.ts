import * as upsert from '../../../../../../nodes/AirtableCrm/actions/email/upsert.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

describe('email: upsert', () => {
	it('mirrors one email per item by Provider and External ID, 10 per request, each paired with its item', async () => {
		const params = { phone: phoneOf(0), provider: 'google', externalId: (i: number) => `msg${i}`, additionalFields: { subject: 'Proposta', priority: 'high', needsReply: true } };
		const first = await crm.run(upsert, { items: items(11), parameters: params });
		expect(first.requests).toBe(2);
		expect(pairing(first.out)).toEqual(paired(11));
		expect(first.out[10].json).toMatchObject({ created: true, fields: { 'External ID': 'msg10', Subject: 'Proposta', Priority: 'high', 'Needs Reply': true } });

		const again = await crm.run(upsert, { items: items(1), parameters: { ...params, additionalFields: { category: 'fyi' } } });
		expect(again.out[0].json).toMatchObject({ id: first.out[0].json.id, created: false });
	});

	it('with continue-on-fail, an unknown priority fails alone; without it, nothing is written', async () => {
		const params = { phone: phoneOf(0), provider: 'microsoft', externalId: (i: number) => `o${i}`, additionalFields: (i: number) => (i === 0 ? { priority: 'urgentíssimo' } : {}) };
		const { out } = await crm.run(upsert, { items: items(2), continueOnFail: true, parameters: params });
		expectFailedItem(out[0], 0, /Priority must be one of/);
		expect(out[1].json.created).toBe(true);

		const before = (await crm.records('Emails')).length;
		await stoppedWith(crm.run(upsert, { items: items(2), parameters: { ...params, externalId: (i: number) => `p${i}`, additionalFields: (i: number) => (i === 1 ? { triageScore: 500 } : {}) } }));
		expect((await crm.records('Emails')).length).toBe(before);
	});
});
