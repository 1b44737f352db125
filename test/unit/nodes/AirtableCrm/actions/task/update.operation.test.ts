import { NodeApiError } from 'n8n-workflow';

import * as create from '../../../../../../nodes/AirtableCrm/actions/task/create.operation';
import * as update from '../../../../../../nodes/AirtableCrm/actions/task/update.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

async function newTasks(n: number): Promise<string[]> {
	const { out } = await crm.run(create, { items: items(n), parameters: { phone: phoneOf, title: (i: number) => `tarefa ${i}` } });
	return out.map((item) => item.json.id as string);
}

describe('task: update', () => {
	it('updates one task per item, 10 per request, each paired with its item', async () => {
		const ids = await newTasks(11);
		const { out, requests } = await crm.run(update, { items: items(11), parameters: { recordId: (i: number) => ids[i], updateFields: (i: number) => ({ status: i % 2 ? 'doing' : 'done' }) } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual(paired(11));
		expect(out.map((item) => item.json.id)).toEqual(ids);
		expect(out[0].json).toMatchObject({ created: false, fields: { Status: 'done', 'Completed At': expect.any(String) } });
		expect(out[1].json.fields).toMatchObject({ Status: 'doing' });
	});

	it('with continue-on-fail, a bad item fails alone; a refused request fails each of its items', async () => {
		const [id] = await newTasks(1);
		const bad = await crm.run(update, { items: items(2), continueOnFail: true, parameters: { recordId: id, updateFields: (i: number) => ({ status: i === 0 ? 'someday' : 'doing' }) } });
		expectFailedItem(bad.out[0], 0, /Status must be one of/);
		expect(bad.out[1].json.fields).toMatchObject({ Status: 'doing' });

		const missing = await crm.run(update, { items: items(2), continueOnFail: true, parameters: { recordId: (i: number) => (i === 0 ? id : 'recAAAAAAAAAAAAAA'), updateFields: { title: 'novo' } } });
		expect(pairing(missing.out)).toEqual(paired(2));
		expectFailedItem(missing.out[0], 0, /./);
		expectFailedItem(missing.out[1], 1, /./);
	});

	it('without it, the refused request stops the node', async () => {
		const error = await stoppedWith(crm.run(update, { items: items(1), parameters: { recordId: 'recAAAAAAAAAAAAAA', updateFields: { title: 'novo' } } }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toMatch(/^4/);
	});
});
