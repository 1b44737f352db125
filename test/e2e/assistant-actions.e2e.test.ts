import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { startOpenAiStandIn } from '../../sandbox/llm/openai-server';
import type { RunningStandIn } from '../../sandbox/llm/standin';
import { oggOpusVoiceNote } from '../../sandbox/media/voice-note-file';
import { postInboundMedia } from '../../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { until, inAirtable, whatsappConversation } from '../support/conversation';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '9'.repeat(32);
const AUTH = 'e'.repeat(32);
const AIRTABLE_TOKEN = 'patAssistantActionsE2E.0123456789ab';
const OPENAI_KEY = 'sk-e2e-actions-standin';

/**
 * The branches that act, through the project's inbound workflow v2 in real n8n: signed Twilio webhooks in, replies read from the Twilio stand-in, state from the Airtable stand-in through
 * airtable.js once `beststag flusher` has drained the outbox.
 */
describe('the assistant acts through the shipped inbound workflow: completions, buttons, reminder taps, voice notes', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let store: DataPathStore;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;
	let openai: RunningStandIn;

	const hookUrl = () => `${n8n.webhookBaseUrl}whatsapp/inbound`;
	const { send, messagesTo, everything, buttonsShown } = whatsappConversation({ accountSid: ACCOUNT, authToken: AUTH, webhookUrl: () => hookUrl(), twilioUrl: () => twilioStandIn.url });
	// Every user accepts the terms first (LGPD): the consent prompt and its confirmation are the first two replies.
	const CONSENT_REPLIES = 2;
	const replies = async (phone: string) => (await everything(phone)).slice(CONSENT_REPLIES);
	const consent = async (phone: string, first = 'quero usar o assistente', yes = 'sim') => {
		await send(phone, first);
		await until(`the consent prompt to ${phone}`, async () => (await everything(phone)).length >= 1);
		await send(phone, yes);
		await until(`the consent confirmation to ${phone}`, async () => (await everything(phone)).length >= CONSENT_REPLIES);
	};
	const replyCount = (phone: string, count: number) => until(`${count} replies to ${phone}`, async () => (await replies(phone)).length >= count);
	const rows = async (table: string) => (await new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url }).base(airtable.baseId)(table).select().all()).map((r) => r.fields as Record<string, unknown>);

	/** The project's scheduler workflow with its Schedule Trigger replaced by a webhook that carries "now". */
	function schedulerUnderTest(): Record<string, unknown> {
		const workflow = JSON.parse(readFileSync(join(PROJECT_ROOT, 'workflows', 'beststag-reminders.json'), 'utf8'));
		const trigger = workflow.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-base.scheduleTrigger');
		Object.assign(trigger, {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: { httpMethod: 'POST', path: 'test/actions/run', responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			webhookId: '7d1c6a52-0000-4000-8000-00000000ab01',
		});
		const deliver = workflow.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-beststag.bestStagReminders');
		deliver.parameters = { ...deliver.parameters, statusCallback: `${n8n.webhookBaseUrl}whatsapp/status`, options: { now: '={{ $json.body.now }}', waitSeconds: 15 } };
		deliver.alwaysOutputData = true;
		return { ...workflow, id: 'bsTestActionsRn1', name: 'Test · reminders scheduler (clock)' };
	}
	/** One scheduler run at the injected instant; returns its outcomes (key, outcome, messageSid). */
	const runScheduler = async (nowMs: number) => {
		const response = await fetch(`${n8n.webhookBaseUrl}test/actions/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(nowMs).toISOString() }) });
		expect(response.status).toBe(200);
		const items = (await response.json()) as Array<{ key?: string; outcome?: string; messageSid?: string }> | { key?: string };
		return (Array.isArray(items) ? items : [items]).filter((o) => o && typeof o.key === 'string');
	};

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		store = new DataPathStore(redisClient);
		// The flusher's 30 s pause after a 429 is the data path's business (its own tests); here a stray 429 from this test's own reads must not stall the turns.
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'actions-airtable-')), rateLimitPenaltyMs: 1_000 });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'actions-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 300 });
		openai = await startOpenAiStandIn({ port: await freePortBlock(1), apiKey: OPENAI_KEY });
		// The shipped scheduler beside the shipped inbound workflow, its Schedule Trigger swapped for a webhook carrying "now"
		// (the injectable clock); the port is fixed first so the scheduler's status callback can name the delivery status workflow's webhook.
		const port = await freePortBlock(2);
		n8n = { webhookBaseUrl: `http://127.0.0.1:${port}/webhook/` } as RunningN8n;
		const dir = mkdtempSync(join(tmpdir(), 'actions-workflows-'));
		writeFileSync(join(dir, 'scheduler.json'), JSON.stringify(schedulerUnderTest()));
		n8n = await startTestN8n({
			port,
			taskBrokerPort: port + 1,
			workflowDirs: [join(PROJECT_ROOT, 'workflows'), dir],
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
				{ id: 'bsOpenAiSandbox1', name: 'BestStag OpenAI (sandbox)', type: 'bestStagOpenAiApi', data: { apiKey: OPENAI_KEY, baseUrl: `${openai.url}/v1` } },
			],
			// Quiet hours off: the deliveries here must not depend on the hour the test runs at (their own tests are unit tests).
			extraEnv: { BESTSTAG_REDIS_URL: redis.url, BESTSTAG_TEST_CLOCK: '1', BESTSTAG_QUIET_HOURS: 'off' },
		});
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
	});

	afterAll(async () => {
		await stopChild(flusher);
		await n8n?.stop?.();
		await twilioStandIn?.close();
		await openai?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	const tasksOf = async (titles: string[]) => (await rows('Tasks')).filter((t) => titles.includes(String(t.Title)));

	it('"terminei o relatório" completes the task by its fuzzy title', async () => {
		const phone = '+5511955560001';
		await consent(phone);
		await send(phone, 'anota aí enviar relatório mensal');
		await replyCount(phone, 1);
		await send(phone, 'anota aí comprar pão');
		await replyCount(phone, 2);
		await send(phone, 'terminei o relatório');
		await replyCount(phone, 3);
		expect((await replies(phone))[2]).toContain('enviar relatório mensal');
		expect((await replies(phone))[2]).not.toContain('comprar pão');
		await inAirtable('the task done in Airtable', async () => {
			const tasks = await tasksOf(['enviar relatório mensal', 'comprar pão']);
			return tasks.length === 2 && tasks.find((t) => t.Title === 'enviar relatório mensal')?.Status === 'done';
		});
		expect((await tasksOf(['comprar pão']))[0].Status).not.toBe('done');
	});

	it('an ambiguous completion asks with buttons; the tap completes exactly that task, a second tap not twice', async () => {
		const phone = '+5511955560002';
		await consent(phone);
		await send(phone, 'anota aí ligar pro dentista');
		await replyCount(phone, 1);
		await send(phone, 'anota aí ligar pro contador');
		await replyCount(phone, 2);
		await send(phone, 'terminei de ligar');
		await replyCount(phone, 3);
		const question = (await messagesTo(phone))[CONSENT_REPLIES + 2];
		const buttons = await buttonsShown(question.sid);
		expect(buttons.map((b) => b.title).sort()).toEqual(expect.arrayContaining([expect.stringContaining('dentis'), expect.stringContaining('contad')]));
		const chosen = buttons.find((b) => b.title.includes('contad'))!;
		await send(phone, chosen.title, { payload: chosen.id, text: chosen.title });
		await replyCount(phone, 4);
		expect((await replies(phone))[3]).toContain('ligar pro contador');
		// A second tap on the same one-time question is a duplicate: logged, answered with silence, nothing done twice.
		const again = await send(phone, chosen.title, { payload: chosen.id, text: chosen.title });
		await inAirtable('the second tap logged and exactly the tapped task done', async () => {
			const tasks = await tasksOf(['ligar pro dentista', 'ligar pro contador']);
			return (await rows('Messages')).some((m) => m['Message SID'] === again) && tasks.length === 2 && tasks.find((t) => t.Title === 'ligar pro contador')?.Status === 'done';
		});
		expect(await replies(phone)).toHaveLength(4);
		expect((await tasksOf(['ligar pro dentista']))[0].Status).not.toBe('done');
		expect(await tasksOf(['ligar pro contador'])).toHaveLength(1);
	});

	it('a reminder created by message is delivered once by the shipped scheduler (injected clock), snoozed by the *Adiar 1h* tap, delivered again', async () => {
		const phone = '+5511955560003';
		await consent(phone);
		// Relative times keep every delivery inside the 24-hour window whatever the hour the test runs at.
		await send(phone, 'me lembra daqui a 2 horas de ligar pro João');
		await replyCount(phone, 1);
		expect((await replies(phone))[0]).toMatch(/^⏰ Combinado! Vou te lembrar (hoje|amanhã) às \d\d:\d\d: \*ligar pro João\*$/);
		let reminder: Record<string, unknown> | undefined;
		await inAirtable('the reminder in Airtable', async () => {
			reminder = (await rows('Reminders')).find((r) => r.Text === 'ligar pro João');
			return reminder !== undefined && (await store.outboxDepth(airtable.baseId)) === 0;
		});
		const key = String(reminder!['Reminder Key']);
		const due = Date.parse(String(reminder!['Due At']));
		// Not due yet: nothing goes; at its time (the injected clock), it goes once, with its buttons.
		expect(await runScheduler(due - 60_000)).toEqual([]);
		expect(await runScheduler(due + 60_000)).toEqual([expect.objectContaining({ key, outcome: 'sent' })]);
		expect(await runScheduler(due + 120_000)).toEqual([]);
		await replyCount(phone, 2);
		const delivered = (await messagesTo(phone))[CONSENT_REPLIES + 1];
		expect(delivered.body).toContain('ligar pro João');
		expect((await buttonsShown(delivered.sid)).map((b) => b.id)).toEqual([`reminder:${key}:done`, `reminder:${key}:snooze`, `reminder:${key}:tomorrow`]);
		await send(phone, 'Adiar 1h', { payload: `reminder:${key}:snooze`, text: 'Adiar 1h' });
		await replyCount(phone, 3);
		expect((await replies(phone))[2]).toMatch(/^⏰ Combinado, te lembro de \*ligar pro João\* de novo/);
		const tappedAt = Date.now();
		await inAirtable('the snoozed due time in Airtable', async () => {
			const row = (await rows('Reminders')).find((r) => r['Reminder Key'] === key);
			return row !== undefined && Date.parse(String(row['Due At'])) !== due;
		});
		const snoozedTo = Date.parse(String((await rows('Reminders')).find((r) => r['Reminder Key'] === key)!['Due At']));
		expect(Math.abs(snoozedTo - (tappedAt + 3_600_000))).toBeLessThan(5 * 60_000);
		// Due again one hour later: the scheduler delivers it a second time, once.
		expect(await runScheduler(snoozedTo - 60_000)).toEqual([]);
		expect(await runScheduler(snoozedTo + 60_000)).toEqual([expect.objectContaining({ key, outcome: 'sent' })]);
		await replyCount(phone, 4);
		expect((await replies(phone))[3]).toContain('ligar pro João');
	});

	/** Sends a reminder request and waits until its row is in Airtable; returns its key and due instant (epoch ms). */
	const reminderFor = async (phone: string, request: string, text: string, replyNumber: number) => {
		await send(phone, request);
		await replyCount(phone, replyNumber);
		let reminder: Record<string, unknown> | undefined;
		await inAirtable(`the reminder "${text}" in Airtable`, async () => {
			reminder = (await rows('Reminders')).find((r) => r.Text === text);
			return reminder !== undefined && (await store.outboxDepth(airtable.baseId)) === 0;
		});
		return { key: String(reminder!['Reminder Key']), due: Date.parse(String(reminder!['Due At'])) };
	};

	it('after "SAIR" a due reminder is skipped, not sent; after "voltar" the next one arrives', async () => {
		const phone = '+5511955560006';
		await consent(phone);
		const first = await reminderFor(phone, 'me lembra daqui a 3 horas de pagar a escola', 'pagar a escola', 1);
		await send(phone, 'SAIR');
		await replyCount(phone, 2);
		await inAirtable('the opt-out in Airtable', async () => (await rows('Users')).some((u) => u.Phone === phone && u['Opt-in Status'] === 'opted_out'));
		expect(await runScheduler(first.due + 60_000)).toEqual([expect.objectContaining({ key: first.key, outcome: 'skipped_opted_out' })]);
		await inAirtable('the skipped reminder in Airtable', async () => (await rows('Reminders')).some((r) => r['Reminder Key'] === first.key && r.Status === 'skipped'));
		expect(await replies(phone)).toHaveLength(2);

		await send(phone, 'voltar');
		await replyCount(phone, 3);
		const second = await reminderFor(phone, 'me lembra daqui a 4 horas de buscar o terno', 'buscar o terno', 4);
		expect(await runScheduler(second.due + 60_000)).toEqual([expect.objectContaining({ key: second.key, outcome: 'sent' })]);
		await replyCount(phone, 5);
		expect((await replies(phone))[4]).toContain('buscar o terno');
	});

	it('*Feito* on a delivered reminder marks it done (a second tap changes nothing); *Amanhã* brings another back tomorrow at its time', async () => {
		const phone = '+5511955560007';
		await consent(phone);
		const done = await reminderFor(phone, 'me lembra daqui a 5 horas de renovar a CNH', 'renovar a CNH', 1);
		const later = await reminderFor(phone, 'me lembra daqui a 6 horas de regar as plantas', 'regar as plantas', 2);
		const localTime = (ms: number) => new Date(ms).toLocaleTimeString('pt-BR', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit' });
		expect(await runScheduler(later.due + 60_000)).toEqual(
			expect.arrayContaining([expect.objectContaining({ key: done.key, outcome: 'sent' }), expect.objectContaining({ key: later.key, outcome: 'sent' })]),
		);
		await replyCount(phone, 4);

		await send(phone, 'Feito', { payload: `reminder:${done.key}:done`, text: 'Feito' });
		await replyCount(phone, 5);
		expect((await replies(phone))[4]).toBe('✅ Feito! Marquei *renovar a CNH* como concluído.');
		await send(phone, 'Feito', { payload: `reminder:${done.key}:done`, text: 'Feito' });
		await send(phone, 'Amanhã', { payload: `reminder:${later.key}:tomorrow`, text: 'Amanhã' });
		await until('the answers to both taps', async () => (await replies(phone)).some((r) => r.startsWith('📅')));
		expect((await replies(phone)).find((r) => r.startsWith('📅'))).toBe(`📅 Combinado, te lembro de *regar as plantas* amanhã às ${localTime(later.due)}.`);
		await inAirtable('done and rescheduled in Airtable', async () => {
			const mine = (await rows('Reminders')).filter((r) => [done.key, later.key].includes(String(r['Reminder Key'])));
			const byKey = Object.fromEntries(mine.map((r) => [r['Reminder Key'], r]));
			return byKey[done.key]?.Status === 'done' && byKey[later.key]?.Status === 'scheduled';
		});
		const moved = (await rows('Reminders')).find((r) => r['Reminder Key'] === later.key)!;
		// The same local time as it was due, on the day after the tap.
		const dueAt = Date.parse(String(moved['Due At']));
		expect(localTime(dueAt)).toBe(localTime(later.due));
		const dayOf = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });
		expect(dayOf(dueAt)).toBe(dayOf(Date.now() + 86_400_000));
		expect((await rows('Reminders')).filter((r) => r['Reminder Key'] === done.key)).toHaveLength(1);
	});

	it('a voice note is transcribed through the OpenAI stand-in and answered as text, showing what was understood', async () => {
		const phone = '+5511955560004';
		await consent(phone);
		const said = 'anota aí pagar o aluguel';
		const { response } = await postInboundMedia({ url: twilioStandIn.url, accountSid: ACCOUNT, authToken: AUTH }, hookUrl(), {
			from: phone,
			to: SANDBOX_WHATSAPP_SENDER,
			file: { data: oggOpusVoiceNote({ transcript: said, durationSeconds: 3 }), contentType: 'audio/ogg' },
		});
		expect(response.status).toBe(200);
		await replyCount(phone, 1);
		const [reply] = await replies(phone);
		expect(reply).toContain('🎤');
		expect(reply).toContain(said);
		expect(reply).toContain('✅ Anotado: *pagar o aluguel*');
		expect(openai.requests.some((r) => r.path === '/v1/audio/transcriptions')).toBe(true);
		await inAirtable('the task from the voice note', async () => (await tasksOf(['pagar o aluguel'])).length === 1);
	});
});
