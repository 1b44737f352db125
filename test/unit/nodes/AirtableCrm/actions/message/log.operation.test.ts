import * as log from '../../../../../../nodes/AirtableCrm/actions/message/log.operation';
import { expectFailedItem, items, paired, pairing, phoneOf, stoppedWith, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

const sid = (i: number) => `SM${String(i).padStart(32, '0')}`;

describe('message: log', () => {
	it('logs one message per item by Message SID, 10 per request, each paired with its item', async () => {
		const { out, requests } = await crm.run(log, { items: items(11), parameters: { messageSid: sid, phone: phoneOf, direction: 'inbound', text: (i: number) => `oi ${i}` } });
		expect(requests).toBe(2);
		expect(pairing(out)).toEqual(paired(11));
		expect(out[2].json).toMatchObject({ created: true, fields: { 'Message SID': sid(2), Direction: 'inbound', Text: 'oi 2' } });
	});

	it('logs a redelivered message once: the same SID updates its row', async () => {
		const first = await crm.run(log, { items: items(1), parameters: { messageSid: sid(99), phone: phoneOf(0), direction: 'inbound', text: 'oi' } });
		const again = await crm.run(log, { items: items(1), parameters: { messageSid: sid(99), phone: phoneOf(0), direction: 'inbound', text: 'oi', additionalFields: { status: 'received' } } });
		expect(again.out[0].json).toMatchObject({ id: first.out[0].json.id, created: false });
	});

	it('with continue-on-fail, a bad SID fails its item alone; without it, the node stops', async () => {
		const { out } = await crm.run(log, { items: items(2), continueOnFail: true, parameters: { messageSid: (i: number) => (i === 0 ? 'SM123' : sid(50)), phone: phoneOf(0), direction: 'outbound', text: 'x' } });
		expectFailedItem(out[0], 0, /Message SID must look like SM/);
		expect(out[1].json.created).toBe(true);
		await stoppedWith(crm.run(log, { items: items(1), parameters: { messageSid: 'SM123', phone: phoneOf(0), direction: 'inbound', text: 'x' } }));
	});
});
