import * as close from '../../../../../../nodes/AirtableCrm/actions/handoff/close.operation';
import * as open from '../../../../../../nodes/AirtableCrm/actions/handoff/open.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

async function openHandoffs(n: number): Promise<string[]> {
	const { out } = await crm.run(open, { items: items(n), parameters: { phone: phoneOf, reason: '' } });
	return out.map((item) => item.json.id as string);
}

describe('handoff: close', () => {
	it('closes one hand-off per item, 10 per request, each paired with its item', async () => {
		const ids = await openHandoffs(11);
		const { out, requests } = await crm.run(close, { items: items(11), parameters: { recordId: (i: number) => ids[i], consultantPhone: (i: number) => (i === 0 ? phoneOf(80) : '') } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual(paired(11));
		expect(out.map((item) => item.json.id)).toEqual(ids);
		expect(out[0].json).toMatchObject({ created: false, fields: { Status: 'closed', 'Closed At': expect.any(String) } });
	});

	it('with continue-on-fail, a bad consultant phone fails alone; without it, no hand-off is closed', async () => {
		const ids = await openHandoffs(2);
		const { out } = await crm.run(close, { items: items(2), continueOnFail: true, parameters: { recordId: (i: number) => ids[i], consultantPhone: (i: number) => (i === 0 ? '99' : '') } });
		expectFailedItem(out[0], 0, /Consultant Phone/);
		expect(out[1].json.fields).toMatchObject({ Status: 'closed' });

		const [id] = await openHandoffs(1);
		await stoppedWith(crm.run(close, { items: items(2), parameters: { recordId: id, consultantPhone: (i: number) => (i === 1 ? '99' : '') } }));
		expect((await crm.records('Handoffs')).find((r) => r.id === id)?.fields.Status).toBe('open');
	});
});
