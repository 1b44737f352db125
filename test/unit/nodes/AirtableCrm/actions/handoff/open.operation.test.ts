import * as open from '../../../../../../nodes/AirtableCrm/actions/handoff/open.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

describe('handoff: open', () => {
	it('opens one hand-off per item, 10 per request, each paired with its item', async () => {
		const { out, requests } = await crm.run(open, { items: items(12), parameters: { phone: phoneOf, reason: (i: number) => (i === 0 ? 'quero falar com alguém' : '') } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual(paired(12));
		expect(out[0].json).toMatchObject({ created: true, fields: { Status: 'open', Reason: 'quero falar com alguém', Reference: expect.any(String) } });
		expect(out[1].json.fields).toMatchObject({ Reason: 'Pedido do usuário / user request' });
	});

	it('with continue-on-fail, a bad phone fails alone; without it, nothing is written', async () => {
		const { out } = await crm.run(open, { items: items(2), continueOnFail: true, parameters: { phone: (i: number) => (i === 1 ? 'x' : phoneOf(0)), reason: '' } });
		expect(out[0].json.created).toBe(true);
		expectFailedItem(out[1], 1, /Phone/);

		const before = (await crm.records('Handoffs')).length;
		await stoppedWith(crm.run(open, { items: items(2), parameters: { phone: (i: number) => (i === 1 ? 'x' : phoneOf(0)), reason: '' } }));
		expect((await crm.records('Handoffs')).length).toBe(before);
	});
});
