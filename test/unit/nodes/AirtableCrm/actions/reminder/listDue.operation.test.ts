import * as listDue from '../../../../../../nodes/AirtableCrm/actions/reminder/listDue.operation';
import { expectFailedItem, items, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

beforeAll(async () => {
	const user = await crm.seed('Users', [{ Phone: phoneOf(0) }]);
	await crm.seed('Reminders', [
		{ Text: 'cedo', 'Due At': '2030-01-01T08:00:00.000Z', Status: 'scheduled', User: user },
		{ Text: 'depois', 'Due At': '2030-01-01T10:00:00.000Z', Status: 'scheduled', User: user },
		{ Text: 'já enviado', 'Due At': '2030-01-01T07:00:00.000Z', Status: 'sent', User: user },
	]);
});

describe('reminder: listDue', () => {
	it('runs one query per item and pairs each due reminder with its item, earliest first', async () => {
		const { out, requests } = await crm.run(listDue, { items: items(2), parameters: { dueUntil: (i: number) => (i === 0 ? '2030-01-01T09:00:00Z' : '2030-01-01T11:00:00Z'), limit: 50 } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(out.map((item) => (item.json.fields as { Text: string }).Text)).toEqual(['cedo', 'cedo', 'depois']);
	});

	it('with continue-on-fail, a bad Due Until fails its item alone; without it, the node stops', async () => {
		const { out } = await crm.run(listDue, { items: items(2), continueOnFail: true, parameters: { dueUntil: (i: number) => (i === 0 ? 'amanhã' : '2030-01-01T09:00:00Z'), limit: 50 } });
		expectFailedItem(out[0], 0, /Due Until must be a date and time/);
		expect(pairing(out.slice(1))).toEqual([{ item: 1 }]);
		await stoppedWith(crm.run(listDue, { items: items(1), parameters: { dueUntil: 'amanhã', limit: 50 } }));
	});
});
