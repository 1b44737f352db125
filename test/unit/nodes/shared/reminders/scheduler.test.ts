import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';

import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { closeOutboundQueues } from '../../../../../nodes/shared/outbound-queue';
import { closeRedisConnections } from '../../../../../nodes/shared/redis';
import { ReminderScheduler, type SchedulerSettings } from '../../../../../nodes/shared/reminders/scheduler';
import { queueSender } from '../../../../../nodes/shared/reminders/sender';
import { recordDeliveryStatus } from '../../../../../nodes/shared/reminders/status';
import { ReminderStore, deliveryJobId } from '../../../../../nodes/shared/reminders/store';
import { twilioClientFor } from '../../../../../sandbox/twilio/client';
import { startTwilioStandIn } from '../../../../../sandbox/twilio/server';
import { freePortBlock } from '../../../../support/free-ports';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';

jest.setTimeout(60_000);

const ACCOUNT = 'AC' + '7'.repeat(32);
const TOKEN = 'c'.repeat(32);
const FROM = 'whatsapp:+14155238886';
const TEMPLATE = 'HX' + 'a'.repeat(32);
const BASE = 'appReminderUnit01';
// 2026-11-30 is a Monday; São Paulo is UTC-3.
const at = (local: string) => Date.parse(`${local}-03:00`);

/** The scheduler on a real Redis, the real outbound queue (BullMQ) and the Twilio stand-in. */
describe('the reminder scheduler', () => {
	let redis: TestRedis;
	let client: Redis;
	let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let data: DataPathStore;
	let n = 0;

	beforeAll(async () => {
		redis = await startTestRedis();
		client = new Redis(redis.url);
		data = new DataPathStore(client);
		standIn = await startTwilioStandIn({
			port: await freePortBlock(1),
			dataDir: mkdtempSync(join(tmpdir(), 'reminders-twilio-')),
			accountSid: ACCOUNT,
			authToken: TOKEN,
			statusDelayMs: 20,
			templates: [
				{
					sid: TEMPLATE,
					friendly_name: 'beststag_reminder',
					language: 'pt_BR',
					variables: { 1: 'lembrete', 2: 'rm_x' },
					types: {
						'twilio/quick-reply': {
							body: 'Lembrete: {{1}}',
							actions: [
								{ title: 'Feito', id: 'reminder:{{2}}:done' },
								{ title: 'Adiar 1h', id: 'reminder:{{2}}:snooze' },
								{ title: 'Amanhã', id: 'reminder:{{2}}:tomorrow' },
							],
						},
					},
					approval: { name: 'beststag_reminder', category: 'UTILITY' },
				},
			],
		});
	});

	afterAll(async () => {
		await closeOutboundQueues();
		await closeRedisConnections();
		await client.quit();
		await standIn.close();
		await redis.stop();
	});

	const credentials = () => ({ accountSid: ACCOUNT, authToken: TOKEN, from: FROM, baseUrl: standIn.url });
	const lastInbound = new Map<string, string>();
	const settings: SchedulerSettings = { quietHours: '22:00-07:00', templates: { 'pt-BR': TEMPLATE }, limit: 100, staleMs: 60_000 };
	const scheduler = (overrides: Partial<SchedulerSettings> = {}) =>
		new ReminderScheduler(
			data,
			new ReminderStore(client, BASE),
			queueSender(credentials(), { redisUrl: redis.url, messagesPerSecond: 50 }, { getLastInbound: async (p) => lastInbound.get(p) ?? null, setLastInbound: async () => undefined, firstDelivery: async () => true }),
			{ ...settings, ...overrides },
		);
	const store = () => new ReminderStore(client, BASE);
	const sentTo = async (phone: string) => twilioClientFor(standIn.url, ACCOUNT, TOKEN).messages.list({ to: `whatsapp:${phone}` });
	const rendered = async (sid: string) =>
		(await (await fetch(`${standIn.url}/standin/v1/Messages/${sid}`, { headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}` } })).json()) as {
			actions: Array<{ id: string; title: string }>;
			body: string;
			content_sid: string;
		};

	/** A user and one scheduled reminder in the replica, as a turn's buffered writes leave them. */
	async function seed(options: { dueAt: number; optIn?: string; lastInboundAt?: number | null; quiet?: string; locale?: string }) {
		const phone = `+55119888${String(++n).padStart(5, '0')}`;
		const key = `rm_unit${n}`;
		const inbound = options.lastInboundAt === undefined ? options.dueAt - 60_000 : options.lastInboundAt;
		await data.write(BASE, [
			{
				table: 'Users',
				keyField: 'Phone',
				key: phone,
				fields: { 'Opt-in Status': options.optIn ?? 'opted_in', Timezone: 'America/Sao_Paulo', Locale: options.locale ?? 'pt-BR', ...(options.quiet ? { 'Quiet Hours': options.quiet } : {}), ...(inbound !== null ? { 'Last Inbound At': new Date(inbound).toISOString() } : {}) },
			},
			{ table: 'Reminders', keyField: 'Reminder Key', key, fields: { Text: `pagar o boleto ${n}`, User: [phone], 'Due At': new Date(options.dueAt).toISOString(), Status: 'scheduled' }, owner: phone },
		]);
		await store().index(key, options.dueAt);
		return { phone, key };
	}
	const reminder = async (key: string) => (await data.get(BASE, 'Reminders', key))!.fields;

	it('sends a due reminder once, as a quick reply whose buttons carry its key, and records the Message SID', async () => {
		const due = at('2026-11-30T10:00:00');
		const { phone, key } = await seed({ dueAt: due });
		expect(await scheduler().run(due - 1000)).toEqual([]);
		const outcomes = await scheduler().settleQueued(await scheduler().run(due + 5_000), 10_000);
		expect(outcomes).toEqual([expect.objectContaining({ key, outcome: 'sent', phone, messageSid: expect.stringMatching(/^SM/) })]);
		const messages = await sentTo(phone);
		expect(messages).toHaveLength(1);
		const shown = await rendered(messages[0].sid);
		expect(shown.body).toBe(`⏰ *Lembrete:* pagar o boleto ${n}`);
		expect(shown.actions).toEqual([
			{ title: 'Feito', id: `reminder:${key}:done` },
			{ title: 'Adiar 1h', id: `reminder:${key}:snooze` },
			{ title: 'Amanhã', id: `reminder:${key}:tomorrow` },
		]);
		expect(await reminder(key)).toMatchObject({ Status: 'sent', 'Message SID': messages[0].sid, 'Sent At': expect.any(String) });
		expect(await store().keyOfSid(messages[0].sid)).toBe(key);
		// Later runs find nothing to do.
		expect(await scheduler().run(due + 120_000)).toEqual([]);
		expect(await sentTo(phone)).toHaveLength(1);
	});

	it('two overlapping runs send it once', async () => {
		const due = at('2026-11-30T11:00:00');
		const seeded = await Promise.all([0, 1, 2].map(() => seed({ dueAt: due })));
		const runs = await Promise.all(Array.from({ length: 4 }, () => scheduler().run(due + 1000)));
		const queued = runs.flat().filter((o) => o.outcome === 'queued');
		expect(queued.map((o) => o.key).sort()).toEqual(seeded.map((s) => s.key).sort());
		await scheduler().settleQueued(queued, 10_000);
		for (const { phone } of seeded) expect(await sentTo(phone)).toHaveLength(1);
	});

	it('a run that died between claim and queue is completed by a later run, once', async () => {
		const due = at('2026-11-30T12:00:00');
		const { phone, key } = await seed({ dueAt: due });
		const dueJson = JSON.stringify(new Date(due).toISOString());
		// What the dead run left: the claim, nothing queued, the replica still "scheduled".
		expect(await store().claim(key, dueJson, deliveryJobId(key, dueJson), Date.now())).toBe('claimed');
		// Not stale yet: a claim this fresh may still be queued by the run that made it.
		expect(await scheduler().run(due + 1000)).toEqual([]);
		const recovered = await scheduler({ staleMs: 0 }).recover(due + 2000);
		expect(recovered).toEqual([expect.objectContaining({ key, outcome: 'requeued' })]);
		// Two recoveries racing queue the same job id: BullMQ keeps one.
		await Promise.all([scheduler({ staleMs: 0 }).recover(due + 2000), scheduler({ staleMs: 0 }).recover(due + 2000)]);
		await scheduler().settleQueued(recovered, 10_000);
		await new Promise((r) => setTimeout(r, 300));
		expect(await sentTo(phone)).toHaveLength(1);
		expect(await reminder(key)).toMatchObject({ Status: 'sent' });
	});

	it('skips opted-out users without sending', async () => {
		const due = at('2026-11-30T13:00:00');
		const { phone, key } = await seed({ dueAt: due, optIn: 'opted_out' });
		expect(await scheduler().run(due + 1000)).toEqual([{ key, outcome: 'skipped_opted_out', phone }]);
		expect(await reminder(key)).toMatchObject({ Status: 'skipped', 'Error Code': 'opted_out' });
		expect(await sentTo(phone)).toHaveLength(0);
	});

	it('holds a reminder due in quiet hours until they end in the user zone (own setting or default)', async () => {
		const due = at('2026-11-30T23:10:00');
		const { phone, key } = await seed({ dueAt: due });
		expect(await scheduler().run(due + 1000)).toEqual([expect.objectContaining({ key, outcome: 'deferred_quiet_hours', sendAt: new Date(at('2026-12-01T07:00:00')).toISOString() })]);
		expect(await scheduler().run(at('2026-12-01T06:59:00'))).toEqual([]);
		expect(await sentTo(phone)).toHaveLength(0);
		lastInbound.set(phone, new Date(at('2026-12-01T06:00:00')).toISOString());
		const outcomes = await scheduler().settleQueued(await scheduler().run(at('2026-12-01T07:00:10')), 10_000);
		expect(outcomes).toEqual([expect.objectContaining({ key, outcome: 'sent' })]);
		// A user with quiet hours off gets it at 23:10.
		const late = await seed({ dueAt: due + 60_000, quiet: 'off' });
		const queued = await scheduler().run(due + 61_000);
		expect(queued).toEqual([expect.objectContaining({ key: late.key, outcome: 'queued' })]);
		await scheduler().settleQueued(queued, 10_000);
	});

	it('outside the 24-hour window sends the approved template with its variables, or fails clearly without one', async () => {
		const due = at('2026-11-30T15:00:00');
		const { phone, key } = await seed({ dueAt: due, lastInboundAt: due - 25 * 3_600_000 });
		const [outcome] = await scheduler().settleQueued(await scheduler().run(due + 1000), 10_000);
		expect(outcome).toMatchObject({ key, outcome: 'sent', kind: 'template' });
		const [message] = await sentTo(phone);
		const shown = await rendered(message.sid);
		expect(shown.content_sid).toBe(TEMPLATE);
		expect(shown.body).toBe(`Lembrete: pagar o boleto ${n}`);
		expect(shown.actions[1]).toEqual({ title: 'Adiar 1h', id: `reminder:${key}:snooze` });

		const never = await seed({ dueAt: due, lastInboundAt: null });
		expect(await scheduler({ templates: {} }).run(due + 1000)).toEqual([expect.objectContaining({ key: never.key, outcome: 'failed', error: 'outside_window_no_template' })]);
		expect(await reminder(never.key)).toMatchObject({ Status: 'failed', 'Error Code': 'outside_window_no_template' });
	});

	it('a snoozed reminder (new Due At) is claimed and sent again', async () => {
		const due = at('2026-11-30T16:00:00');
		const { phone, key } = await seed({ dueAt: due });
		await scheduler().settleQueued(await scheduler().run(due + 1000), 10_000);
		const later = due + 3_600_000;
		await data.write(BASE, [{ table: 'Reminders', keyField: 'Reminder Key', key, fields: { Status: 'scheduled', 'Due At': new Date(later).toISOString() }, owner: phone }]);
		await store().index(key, later);
		expect(await scheduler().run(later - 1000)).toEqual([]);
		const outcomes = await scheduler().settleQueued(await scheduler().run(later + 1000), 10_000);
		expect(outcomes).toEqual([expect.objectContaining({ key, outcome: 'sent' })]);
		expect(await sentTo(phone)).toHaveLength(2);
	});

	it('catch-up files Airtable reminders the replica did not know, and only scheduled ones', async () => {
		const due = at('2026-11-30T17:00:00');
		const phone = '+5511977770001';
		const filed = await scheduler().applyCatchUp([
			{ table: 'Reminders', key: 'recCATCHUP000001a', recordId: 'recCATCHUP000001a', fields: { Text: 'typed in Airtable', 'Due At': new Date(due).toISOString(), Status: 'scheduled', User: [phone] }, owner: phone },
			{ table: 'Reminders', key: 'rm_done', recordId: 'recCATCHUP000002b', fields: { Text: 'x', 'Due At': new Date(due).toISOString(), Status: 'done', User: [phone] }, owner: phone },
		]);
		expect(filed).toBe(1);
		expect(await store().due(due, 100)).toContain('recCATCHUP000001a');
		expect(await store().due(due, 100)).not.toContain('rm_done');
	});

	it('status callbacks reach the reminder they delivered, in order, even when they beat the scheduler or arrive together', async () => {
		const due = at('2026-11-30T18:00:00');
		const { phone, key } = await seed({ dueAt: due });
		const queued = await scheduler().run(due + 1000);
		// The worker's receipt maps the SID before the scheduler records the send.
		let sid: string | undefined;
		for (let i = 0; i < 100 && !sid; i++) {
			sid = (await store().receipt((await store().getClaim(key))!.job)).sid;
			await new Promise((r) => setTimeout(r, 50));
		}
		expect(sid).toMatch(/^SM/);
		expect(await recordDeliveryStatus(data, store(), { messageSid: sid!, status: 'delivered' })).toEqual({ matched: true, reminderKey: key, changed: true });
		expect(await reminder(key)).toMatchObject({ 'Message SID': sid, 'Delivery Status': 'delivered' });
		// Recording the send afterwards keeps "delivered".
		await scheduler().settleQueued(queued, 10_000);
		expect(await reminder(key)).toMatchObject({ Status: 'sent', 'Message SID': sid, 'Delivery Status': 'delivered' });
		// "sent" and "read" together: "read" wins whatever the order.
		await Promise.all([recordDeliveryStatus(data, store(), { messageSid: sid!, status: 'read' }), recordDeliveryStatus(data, store(), { messageSid: sid!, status: 'sent' })]);
		expect((await reminder(key))['Delivery Status']).toBe('read');
		expect(await recordDeliveryStatus(data, store(), { messageSid: 'SM' + 'f'.repeat(32), status: 'delivered' })).toEqual({ matched: false, changed: false });
		expect(await sentTo(phone)).toHaveLength(1);
	});

	it('a failed delivery records the error code and fails the reminder', async () => {
		const due = at('2026-11-30T19:00:00');
		const { key } = await seed({ dueAt: due });
		const [outcome] = await scheduler().settleQueued(await scheduler().run(due + 1000), 10_000);
		expect(await recordDeliveryStatus(data, store(), { messageSid: outcome.messageSid!, status: 'undelivered', errorCode: '63024' })).toMatchObject({ matched: true, changed: true });
		expect(await reminder(key)).toMatchObject({ Status: 'failed', 'Delivery Status': 'undelivered', 'Error Code': '63024' });
	});

	it('a message Twilio refuses (an unknown template) fails the reminder with Twilio\'s code, without retrying', async () => {
		const due = at('2026-11-30T20:00:00');
		const { phone, key } = await seed({ dueAt: due, lastInboundAt: null });
		const [outcome] = await scheduler({ templates: { 'pt-BR': 'HX' + '9'.repeat(32) } }).settleQueued(await scheduler({ templates: { 'pt-BR': 'HX' + '9'.repeat(32) } }).run(due + 1000), 10_000);
		expect(outcome).toMatchObject({ key, outcome: 'failed', error: expect.stringMatching(/^\d+ /) });
		expect(await reminder(key)).toMatchObject({ Status: 'failed', 'Delivery Status': 'failed', 'Error Code': expect.stringMatching(/^\d+$/) });
		expect(await sentTo(phone)).toHaveLength(0);
	});
});
