import * as create from '../../../../../../nodes/AirtableCrm/actions/reminder/create.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

const FUTURE = '2099-01-01T12:00:00-03:00';

describe('reminder: create', () => {
	it('schedules one reminder per item, 10 per request, each paired with its item', async () => {
		const { out, requests } = await crm.run(create, { items: items(12), parameters: { phone: phoneOf, text: (i: number) => `lembrete ${i}`, dueAt: FUTURE, taskId: '' } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual(paired(12));
		expect(out[11].json).toMatchObject({ created: true, fields: { Text: 'lembrete 11', Status: 'scheduled' } });
	});

	it('with continue-on-fail, a reminder in the past fails alone; without it, nothing is written', async () => {
		const { out } = await crm.run(create, { items: items(2), continueOnFail: true, parameters: { phone: phoneOf(0), text: 'x', dueAt: (i: number) => (i === 0 ? '2001-01-01T00:00:00Z' : FUTURE), taskId: '' } });
		expectFailedItem(out[0], 0, /in the past/);
		expect(out[1].json.created).toBe(true);

		const before = (await crm.records('Reminders')).length;
		await stoppedWith(crm.run(create, { items: items(2), parameters: { phone: phoneOf(0), text: 'x', dueAt: FUTURE, taskId: (i: number) => (i === 1 ? 'task-1' : '') } }));
		expect((await crm.records('Reminders')).length).toBe(before);
	});
});
