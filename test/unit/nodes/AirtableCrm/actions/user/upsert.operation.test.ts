import * as upsert from '../../../../../../nodes/AirtableCrm/actions/user/upsert.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

describe('user: upsert', () => {
	it('creates or updates one user per item by Phone, 10 per request, each paired with its item', async () => {
		const first = await crm.run(upsert, { items: items(12), parameters: { phone: phoneOf, additionalFields: (i: number) => ({ name: `Pessoa ${i}` }) } });
		expect(first.requests).toBe(2);
		expect(pairing(first.out)).toEqual(paired(12));
		expect(first.out.every((item) => item.json.created === true)).toBe(true);
		expect(first.out[4].json.fields).toMatchObject({ Phone: phoneOf(4), Name: 'Pessoa 4' });

		const again = await crm.run(upsert, { items: items(2), parameters: { phone: phoneOf, additionalFields: { name: 'Renomeada' } } });
		expect(again.out.map((item) => [item.json.id, item.json.created])).toEqual([
			[first.out[0].json.id, false],
			[first.out[1].json.id, false],
		]);
	});

	it('sends the same phone twice in one run as two requests, so Airtable never sees a duplicate key', async () => {
		const { out, requests } = await crm.run(upsert, { items: items(2), parameters: { phone: phoneOf(90), additionalFields: (i: number) => ({ name: `v${i}` }) } });
		expect(requests).toBe(2);
		expect(out[0].json.id).toBe(out[1].json.id);
		expect(out[1].json.fields).toMatchObject({ Name: 'v1' });
	});

	it('with continue-on-fail, a bad item fails alone; without it, nothing is written', async () => {
		const { out } = await crm.run(upsert, { items: items(2), continueOnFail: true, parameters: { phone: phoneOf(50), additionalFields: (i: number) => (i === 0 ? { email: 'not-an-email' } : {}) } });
		expectFailedItem(out[0], 0, /Email "not-an-email" is not an email address/);
		expect(out[1].json.created).toBe(true);

		const before = (await crm.records('Users')).length;
		const error = await stoppedWith(crm.run(upsert, { items: items(2), parameters: { phone: (i: number) => (i === 1 ? '+55' : phoneOf(60 + i)) } }));
		expect(error.description).toBe('Check the "Phone" parameter.');
		expect((await crm.records('Users')).length).toBe(before);
	});
});
