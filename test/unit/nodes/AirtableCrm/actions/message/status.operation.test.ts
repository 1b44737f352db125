import * as log from '../../../../../../nodes/AirtableCrm/actions/message/log.operation';
import * as status from '../../../../../../nodes/AirtableCrm/actions/message/status.operation';
import { items, phoneOf, useCrmHarness } from '../../harness';

const crm = useCrmHarness();

const sid = (i: number) => `SM${String(i).padStart(32, '0')}`;

describe('message: status (direct mode)', () => {
	it("a reply's status updates its turn's row, never backwards", async () => {
		await crm.run(log, { items: items(1), parameters: { messageSid: sid(1), phone: phoneOf(0), direction: 'inbound', text: 'oi', additionalFields: { reply: 'Oi!', replySid: sid(2), status: 'queued' } } });
		await crm.run(status, { items: items(1), parameters: { messageSid: sid(2), phone: `whatsapp:${phoneOf(0)}`, status: 'read' } });
		await crm.run(status, { items: items(1), parameters: { messageSid: sid(2), phone: `whatsapp:${phoneOf(0)}`, status: 'delivered' } });
		const rows = (await crm.records('Messages')).filter((r) => [sid(1), sid(2)].includes(String(r.fields['Message SID'])));
		expect(rows).toHaveLength(1);
		expect(rows[0].fields).toMatchObject({ 'Message SID': sid(1), 'Reply SID': sid(2), Status: 'read' });
	});

	it('Untracked Messages: "Own Row" files every status; "Failures Only" files only a failure and says when it wrote nothing', async () => {
		await crm.run(status, { items: items(1), parameters: { messageSid: sid(3), phone: `whatsapp:${phoneOf(1)}`, status: 'delivered' } });
		const skipped = await crm.run(status, { items: items(1), parameters: { messageSid: sid(4), untracked: 'failures', phone: `whatsapp:${phoneOf(1)}`, status: 'delivered' } });
		expect(skipped.out[0].json).toMatchObject({ messageSid: sid(4), status: 'delivered', recorded: false });
		await crm.run(status, { items: items(1), parameters: { messageSid: sid(5), untracked: 'failures', phone: `whatsapp:${phoneOf(1)}`, status: 'failed', additionalFields: { errorCode: '63016' } } });
		const rows = (await crm.records('Messages')).filter((r) => [sid(3), sid(4), sid(5)].includes(String(r.fields['Message SID'])));
		expect(rows.map((r) => [r.fields['Message SID'], r.fields.Status]).sort()).toEqual([
			[sid(3), 'delivered'],
			[sid(5), 'failed'],
		]);
	});
});
