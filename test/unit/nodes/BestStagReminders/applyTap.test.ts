import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';

import { BestStagReminders } from '../../../../nodes/BestStagReminders/BestStagReminders.node';
import { DataPathStore } from '../../../../nodes/shared/datapath/store';
import { closeRedisConnections } from '../../../../nodes/shared/redis';
import { ReminderStore } from '../../../../nodes/shared/reminders/store';
import { startAirtableStore, type RunningAirtableStore } from '../../../../sandbox/airtable/server';
import { mockExecuteContext } from '../../../support/execute-context';
import { startTestRedis, type TestRedis } from '../../../support/redis-server';

jest.setTimeout(30_000);

const TOKEN = 'patApplyTapUnit.0123456789abcdef';
const PHONE = '+5511955550001';
const TASK_ID = 'recTASKAPPLY00001';

/** Apply Button Tap on a real Redis (replica + due index), as the inbound workflow calls it. */
describe('BestStag Reminders › Apply Button Tap', () => {
	let redis: TestRedis;
	let client: Redis;
	let airtable: RunningAirtableStore;
	let data: DataPathStore;
	const saved = { ...process.env };

	beforeAll(async () => {
		redis = await startTestRedis();
		client = new Redis(redis.url);
		data = new DataPathStore(client);
		airtable = await startAirtableStore({ port: 0, token: TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'tap-airtable-')) });
		process.env.BESTSTAG_REDIS_URL = redis.url;
		process.env.BESTSTAG_TEST_CLOCK = '1';
		const base = airtable.baseId;
		await data.ensureLoaded(base, PHONE, async () => []);
		await data.applyExternalChange(base, 'Tasks', 'tk_1', { fields: { Title: 'pagar o boleto', Status: 'todo', User: [PHONE] } }, { recordId: TASK_ID, owner: PHONE });
		await data.write(base, [
			{ table: 'Users', keyField: 'Phone', key: PHONE, fields: { Timezone: 'America/Sao_Paulo', Locale: 'en' } },
			{ table: 'Reminders', keyField: 'Reminder Key', key: 'rm_tap', fields: { Text: 'pay the bill', User: [PHONE], 'Due At': '2026-11-30T13:00:00.000Z', Status: 'sent', 'Message SID': 'SM1', Task: [TASK_ID] }, owner: PHONE },
		]);
	});

	afterAll(async () => {
		process.env = saved;
		await closeRedisConnections();
		await client.quit();
		await airtable.close();
		await redis.stop();
	});

	const tap = async (payload: string, phone = `whatsapp:${PHONE}`, now = '2026-11-30T13:05:00.000Z') => {
		const { ctx } = mockExecuteContext({
			items: [{}],
			parameters: { operation: 'applyTap', phone, buttonPayload: payload, repliedMessageSid: '', now },
			credentials: { airtableCrmApi: { accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
		});
		const [[item]] = await new BestStagReminders().execute.call(ctx);
		return item.json;
	};

	it('leaves payloads that are not reminder buttons to the other branches', async () => {
		expect(await tap('consent:yes')).toEqual({ matched: false });
	});

	it("answers someone else's reminder key like a missing one, changing nothing", async () => {
		expect(await tap('reminder:rm_tap:done', 'whatsapp:+5511955550002')).toMatchObject({ matched: true, outcome: 'not_found', replyKey: 'reminders.not_found' });
		expect((await data.get(airtable.baseId, 'Reminders', 'rm_tap'))!.fields.Status).toBe('sent');
	});

	it('Snooze 1h moves it and files it in the due index; a second tap changes nothing; Done completes it and its task', async () => {
		const snoozed = await tap('reminder:rm_tap:snooze');
		expect(snoozed).toMatchObject({ matched: true, outcome: 'snoozed', dueAt: '2026-11-30T14:05:00.000Z', locale: 'en', replyKey: 'reminders.snoozed' });
		const reminders = new ReminderStore(client, airtable.baseId);
		expect(await reminders.due(Date.parse('2026-11-30T14:05:00.000Z'), 10)).toEqual(['rm_tap']);
		expect(await tap('reminder:rm_tap:snooze', `whatsapp:${PHONE}`, '2026-11-30T13:06:00.000Z')).toMatchObject({ outcome: 'ignored', reason: 'already_rescheduled' });

		expect(await tap('reminder:rm_tap:done')).toMatchObject({ outcome: 'done', taskCompleted: true, replyKey: 'reminders.done', replyParams: { text: 'pay the bill' } });
		expect((await data.get(airtable.baseId, 'Reminders', 'rm_tap'))!.fields).toMatchObject({ Status: 'done', 'Done At': '2026-11-30T13:05:00.000Z' });
		expect((await data.get(airtable.baseId, 'Tasks', 'tk_1'))!.fields).toMatchObject({ Status: 'done' });
		expect(await reminders.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
		expect(await tap('reminder:rm_tap:done')).toMatchObject({ outcome: 'ignored', reason: 'already_done', taskCompleted: false });
	});

	it('refuses the test clock unless BESTSTAG_TEST_CLOCK=1', async () => {
		delete process.env.BESTSTAG_TEST_CLOCK;
		try {
			const { ctx } = mockExecuteContext({
				items: [{}],
				parameters: { operation: 'applyTap', phone: `whatsapp:${PHONE}`, buttonPayload: 'reminder:rm_tap:done', repliedMessageSid: '', now: '2030-01-01T00:00:00Z' },
				credentials: { airtableCrmApi: { accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
			});
			await expect(new BestStagReminders().execute.call(ctx)).rejects.toThrow(/tests only/);
		} finally {
			process.env.BESTSTAG_TEST_CLOCK = '1';
		}
	});
});
