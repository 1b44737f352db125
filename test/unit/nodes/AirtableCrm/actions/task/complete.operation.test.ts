import * as complete from '../../../../../../nodes/AirtableCrm/actions/task/complete.operation';
import * as create from '../../../../../../nodes/AirtableCrm/actions/task/create.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

async function newTasks(n: number, title = (i: number) => `tarefa ${i}`): Promise<string[]> {
	const { out } = await crm.run(create, { items: items(n), parameters: { phone: phoneOf, title } });
	return out.map((item) => item.json.id as string);
}

describe('task: complete', () => {
	it('by record ID, marks each task done through the shared write helper, 10 per request', async () => {
		const ids = await newTasks(12);
		const { out, requests } = await crm.run(complete, { items: items(12), parameters: { findBy: 'id', recordId: (i: number) => ids[i] } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual(paired(12));
		expect(out[5].json).toEqual({ completed: true, id: ids[5], fields: expect.objectContaining({ Status: 'done', 'Completed At': expect.any(String) }) });
	});

	it('by title, finds the user\'s open task (case-insensitive), and says when there is none', async () => {
		await newTasks(2, (i) => (i === 0 ? 'Enviar Relatório' : 'ligar pro João'));
		const { out, requests } = await crm.run(complete, {
			items: items(2),
			parameters: { findBy: 'title', phone: phoneOf, title: (i: number) => (i === 0 ? 'enviar relatório' : 'ir ao dentista') },
		});
		// One lookup per item, then one update request for the one task found.
		expect(requests).toBe(3);
		expect(out[0].json).toMatchObject({ completed: true, fields: { Title: 'Enviar Relatório', Status: 'done' } });
		expect(out[1]).toEqual({ json: { completed: false, reason: 'not_found' }, pairedItem: { item: 1 } });
	});

	it('with continue-on-fail, a bad phone fails its item alone', async () => {
		const [id] = await newTasks(1);
		const { out } = await crm.run(complete, {
			items: items(2),
			continueOnFail: true,
			parameters: { findBy: (i: number) => (i === 0 ? 'title' : 'id'), phone: 'abc', title: 'x', recordId: id },
		});
		expectFailedItem(out[0], 0, /Phone/);
		expect(out[1].json).toMatchObject({ completed: true, id });
	});

	it('without it, the bad item stops the node and no task is completed', async () => {
		const [id] = await newTasks(1);
		await stoppedWith(crm.run(complete, { items: items(2), parameters: { findBy: (i: number) => (i === 0 ? 'id' : 'title'), recordId: id, phone: 'abc', title: 'x' } }));
		const task = (await crm.records('Tasks')).find((r) => r.id === id);
		expect(task?.fields.Status).toBe('todo');
	});
});

describe('task: complete by key', () => {
	// The store lives for the whole file: each test gets keys of its own.
	let run = 0;
	let k = (name: string) => name;
	beforeEach(() => {
		run++;
		k = (name: string) => `${name}_${run}`;
	});

	/** Tasks of phoneOf(0) (and one of phoneOf(1)), the first two with a Task Key, the third typed in without one. */
	async function keyedTasks(): Promise<string[]> {
		const { out } = await crm.run(create, { items: items(4), parameters: { phone: (i: number) => phoneOf(i === 3 ? 1 : 0), title: (i: number) => `tarefa ${i}` } });
		const ids = out.map((item) => item.json.id as string);
		const keys = [k('tk_key_a'), k('tk_key_b'), '', k('tk_key_other')];
		await crm.store.api('PATCH', `/v0/${crm.store.baseId}/Tasks`, { records: ids.map((id, i) => ({ id, fields: { 'Task Key': keys[i] || null } })) });
		return ids;
	}

	it("finds the user's task by its Task Key or, without one, its record ID; never another user's", async () => {
		const ids = await keyedTasks();
		const { out } = await crm.run(complete, { items: items(4), parameters: { findBy: 'key', phone: phoneOf(0), taskKey: (i: number) => [k('tk_key_b'), ids[2], k('tk_key_other'), "x' , TRUE()) & '"][i] } });
		expect(out[0].json).toMatchObject({ completed: true, id: ids[1], fields: { Status: 'done', 'Task Key': k('tk_key_b') } });
		expect(out[1].json).toMatchObject({ completed: true, id: ids[2], fields: { Status: 'done' } });
		expect(out[2].json).toEqual({ completed: false, reason: 'not_found' });
		expect(out[3].json).toEqual({ completed: false, reason: 'not_found' });
		const other = (await crm.records('Tasks')).find((r) => r.id === ids[3]);
		expect(other?.fields.Status).toBe('todo');
	});

	it('a task done already answers already_done and keeps its first Completed At', async () => {
		await keyedTasks();
		const first = await crm.run(complete, { items: items(1), parameters: { findBy: 'key', phone: phoneOf(0), taskKey: k('tk_key_a') } });
		const completedAt = (first.out[0].json.fields as Record<string, unknown>)['Completed At'];
		const again = await crm.run(complete, { items: items(1), parameters: { findBy: 'key', phone: phoneOf(0), taskKey: k('tk_key_a') } });
		expect(again.out[0].json).toMatchObject({ completed: false, reason: 'already_done', fields: { 'Completed At': completedAt } });
		// One lookup, no write.
		expect(again.requests).toBe(1);
	});

	it('a blank key fails its item, naming Task Key', async () => {
		const { out } = await crm.run(complete, { items: items(1), continueOnFail: true, parameters: { findBy: 'key', phone: phoneOf(0), taskKey: '  ' } });
		expectFailedItem(out[0], 0, /Task Key/);
	});
});
