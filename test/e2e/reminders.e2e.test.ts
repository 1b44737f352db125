import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { inboundMessageParams, postWebhook, signFormWebhook } from '../../sandbox/twilio/inbound-webhook';
import { SANDBOX_REMINDER_TEMPLATE_SID, SANDBOX_REMINDER_TEMPLATE_SID_EN, SANDBOX_REMINDER_TEMPLATES } from '../../sandbox/twilio/reminder-templates';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '5'.repeat(32);
const AUTH = 'd'.repeat(32);
const AIRTABLE_TOKEN = 'patRemindersE2E.0123456789abcdef';
const MINUTE = 60_000;

type Outcome = { key: string; outcome: string; messageSid?: string; kind?: string; phone?: string };

/**
 * Reminders in real n8n: the project's scheduler workflow (its Schedule Trigger swapped for a
 * webhook that carries the injected clock), buffered reminder creates, a signed WhatsApp Trigger
 * for button taps and status callbacks, the Twilio stand-in with its approved reminder templates,
 * and `beststag flusher` writing Airtable, read back through airtable.js.
 */
describe('reminders that arrive, in real n8n', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let data: DataPathStore;
	let airtable: RunningAirtableStore;
	let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;

	const base = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId);
	const twilio = () => twilioClientFor(standIn.url, ACCOUNT, AUTH);
	const sentTo = async (phone: string) => (await twilio().messages.list({ to: `whatsapp:${phone}` })).reverse();
	const rendered = async (sid: string) =>
		(await (await fetch(`${standIn.url}/standin/v1/Messages/${sid}`, { headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${AUTH}`).toString('base64')}` } })).json()) as {
			body: string;
			content_sid: string;
			actions: Array<{ id: string; title: string }>;
		};
	// Polls Airtable every 2 s at most: the test's own reads share the base's 5 requests/s with the flusher.
	const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 90_000, everyMs = 2_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, everyMs));
		}
	};
	const post = async (path: string, body: unknown) => {
		const response = await fetch(`${n8n.webhookBaseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect(response.status).toBe(200);
		return response.json();
	};
	/** One scheduler run at the injected instant; returns its outcomes. */
	const runScheduler = async (nowMs: number): Promise<Outcome[]> => {
		const items = (await post('test/reminders/run', { now: new Date(nowMs).toISOString() })) as Outcome[] | Outcome;
		return (Array.isArray(items) ? items : [items]).filter((o) => o && typeof o.key === 'string');
	};
	const inboundUrl = () => `${n8n.webhookBaseUrl}test/reminders/inbound`;
	const tap = async (phone: string, payload: string, title: string) => {
		const params = inboundMessageParams({ accountSid: ACCOUNT, from: `whatsapp:${phone}`, to: SANDBOX_WHATSAPP_SENDER, body: title, button: { payload, text: title } });
		expect((await postWebhook(signFormWebhook(AUTH, inboundUrl(), params))).status).toBe(200);
	};
	/** A user in Airtable (as a returning user would be), loaded into the replica by the create workflow. */
	const addUser = async (phone: string, fields: Record<string, unknown>) =>
		(await base()('Users').create([{ fields: { Phone: phone, 'Opt-in Status': 'opted_in', Locale: 'pt-BR', Timezone: 'America/Sao_Paulo', 'Quiet Hours': 'off', ...fields } }], { typecast: true }))[0].id;
	const airtableReminder = async (key: string) => (await base()('Reminders').select({ filterByFormula: `{Reminder Key} = '${key}'` }).all()).map((r) => r.fields as Record<string, unknown>)[0];

	/** The project's scheduler workflow with its Schedule Trigger replaced by a webhook that carries "now". */
	function schedulerUnderTest(): Record<string, unknown> {
		const workflow = JSON.parse(readFileSync(join(PROJECT_ROOT, 'workflows', 'beststag-reminders.json'), 'utf8'));
		const trigger = workflow.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-base.scheduleTrigger');
		Object.assign(trigger, {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: { httpMethod: 'POST', path: 'test/reminders/run', responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			webhookId: '7d1c6a52-0000-4000-8000-00000000aa01',
		});
		const deliver = workflow.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-beststag.bestStagReminders');
		deliver.parameters = { ...deliver.parameters, statusCallback: inboundUrl(), options: { now: '={{ $json.body.now }}', waitSeconds: 15 } };
		// A run with nothing to do still answers the webhook (an empty item the test ignores).
		deliver.alwaysOutputData = true;
		return { ...workflow, id: 'bsTestRemindRun1', name: 'Test · reminders scheduler' };
	}

	function testWorkflows(): Array<Record<string, unknown>> {
		const airtableCredential = { airtableCrmApi: { id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)' } };
		const create = {
			id: 'bsTestRemindNew1',
			name: 'Test · create reminder',
			active: true,
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: '7d1c6a52-0000-4000-8000-000000000001', name: 'Create', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { httpMethod: 'POST', path: 'test/reminders/create', responseMode: 'lastNode', options: {} }, webhookId: '7d1c6a52-0000-4000-8000-00000000aa02' },
				{ id: '7d1c6a52-0000-4000-8000-000000000002', name: 'Load User', type: 'n8n-nodes-beststag.airtableCrm', typeVersion: 1, position: [220, 0], parameters: { resource: 'user', operation: 'upsert', writeMode: 'buffered', phone: '={{ $json.body.phone }}', additionalFields: {} }, credentials: airtableCredential },
				{
					id: '7d1c6a52-0000-4000-8000-000000000003',
					name: 'Create Reminder',
					type: 'n8n-nodes-beststag.airtableCrm',
					typeVersion: 1,
					position: [440, 0],
					parameters: { resource: 'reminder', operation: 'create', writeMode: 'buffered', phone: "={{ $('Create').item.json.body.phone }}", text: "={{ $('Create').item.json.body.text }}", dueAt: "={{ $('Create').item.json.body.dueAt }}", taskId: '', reminderKey: "={{ $('Create').item.json.body.key }}" },
					credentials: airtableCredential,
				},
			],
			connections: { Create: { main: [[{ node: 'Load User', type: 'main', index: 0 }]] }, 'Load User': { main: [[{ node: 'Create Reminder', type: 'main', index: 0 }]] } },
		};
		const inbound = {
			id: 'bsTestRemindIn01',
			name: 'Test · reminder taps and statuses',
			active: true,
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: '7d1c6a52-0000-4000-8000-000000000011', name: 'WhatsApp Inbound', type: 'n8n-nodes-beststag.whatsAppTrigger', typeVersion: 1, position: [0, 0], parameters: { path: 'test/reminders/inbound', skipSignatureCheck: false, statusUpdates: 'all' }, webhookId: '7d1c6a52-0000-4000-8000-00000000aa03', credentials: { twilioWhatsAppApi: { id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)' } } },
				{ id: '7d1c6a52-0000-4000-8000-000000000012', name: 'Apply Reminder Tap', type: 'n8n-nodes-beststag.bestStagReminders', typeVersion: 1, position: [260, -100], parameters: { operation: 'applyTap', repliedMessageSid: "={{ $json.raw.OriginalRepliedMessageSid || '' }}" }, credentials: airtableCredential },
				{ id: '7d1c6a52-0000-4000-8000-000000000013', name: 'Record Reminder Status', type: 'n8n-nodes-beststag.bestStagReminders', typeVersion: 1, position: [260, 100], parameters: { operation: 'recordStatus' }, credentials: airtableCredential },
			],
			connections: { 'WhatsApp Inbound': { main: [[{ node: 'Apply Reminder Tap', type: 'main', index: 0 }], [{ node: 'Record Reminder Status', type: 'main', index: 0 }]] } },
		};
		return [schedulerUnderTest(), create, inbound];
	}

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		data = new DataPathStore(redisClient);
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'rm-airtable-')), rateLimitPenaltyMs: 1_000 });
		standIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'rm-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 50, readReceipts: true, templates: SANDBOX_REMINDER_TEMPLATES });
		const credentials = [
			{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
			{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: standIn.url } },
		];
		// The webhook base URL is known only once n8n picks its port, so the workflows are written after a first start.
		const dir = mkdtempSync(join(tmpdir(), 'rm-workflows-'));
		mkdirSync(dir, { recursive: true });
		const env = { BESTSTAG_REDIS_URL: redis.url, BESTSTAG_TEST_CLOCK: '1', BESTSTAG_REMINDER_TEMPLATE_SID: SANDBOX_REMINDER_TEMPLATE_SID, BESTSTAG_REMINDER_TEMPLATE_SID_EN: SANDBOX_REMINDER_TEMPLATE_SID_EN };
		const port = await freePortBlock(2);
		n8n = { webhookBaseUrl: `http://127.0.0.1:${port}/webhook/` } as RunningN8n;
		for (const workflow of testWorkflows()) writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
		n8n = await startTestN8n({ port, taskBrokerPort: port + 1, workflowDirs: [dir], credentials, extraEnv: env });
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
	});

	afterAll(async () => {
		await stopChild(flusher);
		await n8n?.stop?.();
		await standIn?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('a reminder is delivered once with its buttons, snoozed with Adiar 1h, delivered again; statuses reach Airtable', async () => {
		const phone = '+5511933330001';
		const now = Date.now();
		await addUser(phone, { 'Last Inbound At': new Date(now - 5 * MINUTE).toISOString() });
		const dueAt = new Date(now + 2 * MINUTE).toISOString();
		await post('test/reminders/create', { phone, text: 'pagar o boleto', dueAt, key: 'rm_e2e_snooze' });

		expect(await runScheduler(now + MINUTE)).toEqual([]);
		const first = await runScheduler(now + 3 * MINUTE);
		expect(first).toEqual([expect.objectContaining({ key: 'rm_e2e_snooze', outcome: 'sent', kind: 'quickReply', messageSid: expect.stringMatching(/^SM/) })]);
		expect(await runScheduler(now + 4 * MINUTE)).toEqual([]);
		let messages = await sentTo(phone);
		expect(messages).toHaveLength(1);
		const shown = await rendered(messages[0].sid);
		expect(shown.body).toBe('⏰ *Lembrete:* pagar o boleto');
		expect(shown.actions.map((a) => [a.title, a.id])).toEqual([
			['Feito', 'reminder:rm_e2e_snooze:done'],
			['Adiar 1h', 'reminder:rm_e2e_snooze:snooze'],
			['Amanhã', 'reminder:rm_e2e_snooze:tomorrow'],
		]);

		// Adiar 1h, tapped now (the real clock): due again one hour from the tap.
		const tappedAt = Date.now();
		await tap(phone, 'reminder:rm_e2e_snooze:snooze', 'Adiar 1h');
		await until('the snooze in the replica', async () => (await data.get(airtable.baseId, 'Reminders', 'rm_e2e_snooze'))?.fields.Status === 'scheduled', 30_000, 100);
		const snoozedTo = Date.parse(String((await data.get(airtable.baseId, 'Reminders', 'rm_e2e_snooze'))!.fields['Due At']));
		expect(snoozedTo - tappedAt).toBeGreaterThanOrEqual(59 * MINUTE);
		expect(snoozedTo - tappedAt).toBeLessThanOrEqual(61 * MINUTE);
		// A second tap on the same button changes nothing.
		await tap(phone, 'reminder:rm_e2e_snooze:snooze', 'Adiar 1h');
		await new Promise((r) => setTimeout(r, 1500));
		expect(Date.parse(String((await data.get(airtable.baseId, 'Reminders', 'rm_e2e_snooze'))!.fields['Due At']))).toBe(snoozedTo);

		expect(await runScheduler(snoozedTo - MINUTE)).toEqual([]);
		const second = await runScheduler(snoozedTo + MINUTE);
		expect(second).toEqual([expect.objectContaining({ key: 'rm_e2e_snooze', outcome: 'sent' })]);
		messages = await sentTo(phone);
		expect(messages).toHaveLength(2);
		expect(second[0].messageSid).toBe(messages[1].sid);

		// Status callbacks (sent → delivered → read) and the flusher bring it all to Airtable.
		await until('the second delivery read in Airtable', async () => {
			const row = await airtableReminder('rm_e2e_snooze');
			return row?.['Message SID'] === messages[1].sid && row?.['Delivery Status'] === 'read' && row?.Status === 'sent';
		});
	});

	it('outside the 24-hour window the reminder goes as the approved template; a reminder typed in Airtable is caught up', async () => {
		const phone = '+5511933330002';
		const now = Date.now();
		const userId = await addUser(phone, { 'Last Inbound At': new Date(now - 3 * 24 * 60 * MINUTE).toISOString() });
		// Typed straight into Airtable: the scheduler finds it through its catch-up, not the due index.
		await base()('Reminders').create([{ fields: { Text: 'renovar   a CNH', User: [userId], 'Due At': new Date(now + 2 * MINUTE).toISOString(), Status: 'scheduled', 'Reminder Key': 'rm_e2e_template' } }], { typecast: true });
		await redisClient.del(`beststag:dp:{${airtable.baseId}}:rm:catchup`);
		// A catch-up that meets Airtable's rate limit (the flusher shares the base) is retried by the next run.
		let outcomes: Outcome[] = [];
		await until('the catch-up to find it', async () => (outcomes = await runScheduler(now + 3 * MINUTE)).length > 0, 90_000, 2_000);
		expect(outcomes).toEqual([expect.objectContaining({ key: 'rm_e2e_template', outcome: 'sent', kind: 'template' })]);
		const [message] = await sentTo(phone);
		const shown = await rendered(message.sid);
		expect(shown.content_sid).toBe(SANDBOX_REMINDER_TEMPLATE_SID);
		expect(shown.body).toBe('⏰ Lembrete do BestStag: renovar a CNH');
		expect(shown.actions[0]).toEqual({ title: 'Feito', id: 'reminder:rm_e2e_template:done' });

		// Feito from the template: done in Airtable, and a second Feito is harmless.
		await tap(phone, 'reminder:rm_e2e_template:done', 'Feito');
		await tap(phone, 'reminder:rm_e2e_template:done', 'Feito');
		await until('Feito in Airtable', async () => (await airtableReminder('rm_e2e_template'))?.Status === 'done');
		expect((await airtableReminder('rm_e2e_template'))?.['Done At']).toEqual(expect.any(String));
		expect(await sentTo(phone)).toHaveLength(1);
	});

	it('overlapping scheduler runs send each reminder once', async () => {
		const phones = ['+5511933330003', '+5511933330004', '+5511933330005'];
		const now = Date.now();
		for (const [i, phone] of phones.entries()) {
			await addUser(phone, { 'Last Inbound At': new Date(now - MINUTE).toISOString() });
			// Load User fills the replica from Airtable on a miss. While the base is paused after a 429 (the earlier
			// tests' reads beside the flusher) it goes on unloaded, by design, and the next call loads it; without
			// the user's row the scheduler would apply the default quiet hours (22:00-07:00) instead of their "off".
			await until(
				`user ${i} in the replica`,
				async () => {
					await post('test/reminders/create', { phone, text: `reunião ${i}`, dueAt: new Date(now + 2 * MINUTE).toISOString(), key: `rm_e2e_overlap_${i}` });
					return Boolean((await data.get(airtable.baseId, 'Users', phone))?.recordId);
				},
				90_000,
				2_000,
			);
		}
		const runs = await Promise.all(Array.from({ length: 4 }, () => runScheduler(now + 3 * MINUTE)));
		// Each reminder is queued by exactly one run; an overlapping run may only record it ("recorded").
		const sent = runs.flat().filter((o) => o.outcome === 'sent' || o.outcome === 'queued' || o.outcome === 'requeued');
		expect(sent.map((o) => o.key).sort()).toEqual(['rm_e2e_overlap_0', 'rm_e2e_overlap_1', 'rm_e2e_overlap_2']);
		await runScheduler(now + 4 * MINUTE);
		await new Promise((r) => setTimeout(r, 1000));
		for (const phone of phones) expect(await sentTo(phone)).toHaveLength(1);
	});
});
