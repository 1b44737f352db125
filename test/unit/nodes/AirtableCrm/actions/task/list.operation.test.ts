import * as create from '../../../../../../nodes/AirtableCrm/actions/task/create.operation';
import * as list from '../../../../../../nodes/AirtableCrm/actions/task/list.operation';
import { expectFailedItem, items, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

beforeAll(async () => {
	// User 0 has three tasks, user 1 has one.
	await crm.run(create, { items: items(4), parameters: { phone: (i: number) => phoneOf(i === 3 ? 1 : 0), title: (i: number) => `t${i}`, additionalFields: (i: number) => ({ due: `2030-01-0${3 - (i % 3)}T09:00:00Z` }) } });
});

describe('task: list', () => {
	it('runs one query per item and pairs every task found with the item that asked, soonest due first', async () => {
		const { out, requests } = await crm.run(list, { items: items(2), parameters: { phone: phoneOf, filter: 'open', limit: 50 } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 1 }]);
		expect(out.slice(0, 3).map((item) => (item.json.fields as { Title: string }).Title)).toEqual(['t2', 't1', 't0']);
		expect(Object.keys(out[0].json).sort()).toEqual(['createdTime', 'fields', 'id']);
	});

	it('honours the limit per item', async () => {
		const { out } = await crm.run(list, { items: items(1), parameters: { phone: phoneOf(0), filter: 'all', limit: 2 } });
		expect(out).toHaveLength(2);
	});

	it('with continue-on-fail, a bad phone fails its item alone; without it, the node stops', async () => {
		const { out } = await crm.run(list, { items: items(2), continueOnFail: true, parameters: { phone: (i: number) => (i === 0 ? 'abc' : phoneOf(1)), filter: 'open', limit: 50 } });
		expectFailedItem(out[0], 0, /Phone/);
		expect(pairing(out.slice(1))).toEqual([{ item: 1 }]);
		await stoppedWith(crm.run(list, { items: items(1), parameters: { phone: 'abc', filter: 'open', limit: 50 } }));
	});
});
