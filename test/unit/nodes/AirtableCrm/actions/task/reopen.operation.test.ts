import * as complete from '../../../../../../nodes/AirtableCrm/actions/task/complete.operation';
import * as create from '../../../../../../nodes/AirtableCrm/actions/task/create.operation';
import * as reopen from '../../../../../../nodes/AirtableCrm/actions/task/reopen.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

// The store lives for the whole file: each test gets keys of its own (tk_r0_<run>, tk_r1_<run>).
let run = 0;
const k = (name: string) => `${name}_${run}`;
beforeEach(() => run++);

/** Two tasks of phoneOf(0) keyed tk_r0 and tk_r1; the first completed. */
async function tasks(): Promise<string[]> {
	const { out } = await crm.run(create, { items: items(2), parameters: { phone: phoneOf(0), title: (i: number) => `tarefa ${i}` } });
	const ids = out.map((item) => item.json.id as string);
	await crm.store.api('PATCH', `/v0/${crm.store.baseId}/Tasks`, { records: ids.map((id, i) => ({ id, fields: { 'Task Key': k(`tk_r${i}`) } })) });
	await crm.run(complete, { items: items(1), parameters: { findBy: 'key', phone: phoneOf(0), taskKey: k('tk_r0') } });
	return ids;
}

describe('task: reopen (the undo of complete)', () => {
	it('puts a done task back with the status it had, Completed At cleared', async () => {
		const [id] = await tasks();
		const { out } = await crm.run(reopen, { items: items(1), parameters: { phone: phoneOf(0), taskKey: k('tk_r0'), status: 'doing' } });
		expect(out[0].json).toMatchObject({ reopened: true, id, fields: { Status: 'doing' } });
		const row = (await crm.records('Tasks')).find((r) => r.id === id);
		expect(row?.fields.Status).toBe('doing');
		expect(row?.fields['Completed At']).toBeUndefined();
	});

	it('writes nothing for a task that is not done, nor for one the user does not have', async () => {
		await tasks();
		const { out, requests } = await crm.run(reopen, { items: items(3), parameters: { phone: (i: number) => phoneOf(i === 2 ? 1 : 0), taskKey: (i: number) => [k('tk_r1'), 'tk_nope', k('tk_r0')][i], status: 'todo' } });
		expect(pairing(out)).toEqual(paired(3));
		expect(out[0].json).toMatchObject({ reopened: false, reason: 'not_done' });
		expect(out[1].json).toEqual({ reopened: false, reason: 'not_found' });
		expect(out[2].json).toEqual({ reopened: false, reason: 'not_found' });
		expect(requests).toBe(3);
	});

	it('refuses a status other than To Do or Doing', async () => {
		await tasks();
		const { out } = await crm.run(reopen, { items: items(1), continueOnFail: true, parameters: { phone: phoneOf(0), taskKey: k('tk_r0'), status: 'done' } });
		expectFailedItem(out[0], 0, /Status must be one of todo, doing/);
	});
});
