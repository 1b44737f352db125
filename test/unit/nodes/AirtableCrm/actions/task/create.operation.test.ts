import * as create from '../../../../../../nodes/AirtableCrm/actions/task/create.operation';
import { expectFailedItem, items, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

describe('task: create', () => {
	it('creates one task per item, 10 per request, each paired with its item', async () => {
		const { out, requests } = await crm.run(create, {
			items: items(12),
			parameters: { phone: phoneOf, title: (i: number) => `tarefa ${i}`, additionalFields: (i: number) => (i === 0 ? { priority: 'high', due: '2026-12-01T09:00:00-03:00' } : {}) },
		});
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual(items(12).map((_, i) => ({ item: i })));
		expect(out[3].json).toMatchObject({ id: expect.stringMatching(/^rec/), created: true, fields: { Title: 'tarefa 3', Status: 'todo' } });
		expect(out[0].json.fields).toMatchObject({ Priority: 'high' });
	});

	it('with continue-on-fail, a bad item fails alone and the others are written', async () => {
		const { out } = await crm.run(create, { items: items(3), continueOnFail: true, parameters: { phone: (i: number) => (i === 1 ? '123' : phoneOf(i)), title: 'pagar boleto' } });
		expect(pairing(out)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.created).toBe(true);
		expectFailedItem(out[1], 1, /Phone/);
		expect(out[2].json.created).toBe(true);
	});

	it('without it, a bad item stops the node before anything is written', async () => {
		const before = (await crm.records('Tasks')).length;
		const error = await stoppedWith(crm.run(create, { items: items(3), parameters: { phone: phoneOf, title: (i: number) => (i === 2 ? '' : 'x') } }));
		expect(error.message).toMatch(/Title is required/);
		expect(error.description).toBe('Check the "Title" parameter.');
		expect((await crm.records('Tasks')).length).toBe(before);
	});
});
