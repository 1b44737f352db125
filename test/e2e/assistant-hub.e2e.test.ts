import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { until, inAirtable, whatsappConversation } from '../support/conversation';
import { freePortBlock } from '../support/free-ports';
import { startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '9'.repeat(32);
const AUTH = 'e'.repeat(32);
const AIRTABLE_TOKEN = 'patAssistantHubE2E.0123456789abcdef';
// Words that give a reply away as Portuguese / English (catalogue.test.ts checks the catalogue the same way).
const PORTUGUESE = /\b(você|seu|sua|não|tarefas?|lembrete|amanhã|digite|pronto|então|combinado)\b/i;

/**
 * The assistant's turn in real n8n: the project's inbound workflow v2 (buffered), signed Twilio
 * webhooks in, replies read from the Twilio stand-in, state from the Airtable stand-in through
 * airtable.js once `beststag flusher` has drained the outbox.
 */
describe('assistant turn: Receive → Remember → Understand → Act → Reply → Log in real n8n', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let store: DataPathStore;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;

	const hookUrl = () => `${n8n.webhookBaseUrl}whatsapp/inbound`;
	const { send, messagesTo, everything } = whatsappConversation({ accountSid: ACCOUNT, authToken: AUTH, webhookUrl: () => hookUrl(), twilioUrl: () => twilioStandIn.url });
	// Every user accepts the terms first (LGPD): the consent prompt and its confirmation are the first two replies.
	const CONSENT_REPLIES = 2;
	const replies = async (phone: string) => (await everything(phone)).slice(CONSENT_REPLIES);
	const consent = async (phone: string, first = 'quero usar o assistente', yes = 'SIM') => {
		await send(phone, first);
		await until(`the consent prompt to ${phone}`, async () => (await everything(phone)).length >= 1);
		await send(phone, yes);
		await until(`the consent confirmation to ${phone}`, async () => (await everything(phone)).length >= CONSENT_REPLIES);
	};
	const replyCount = (phone: string, count: number) => until(`${count} replies to ${phone}`, async () => (await replies(phone)).length >= count);
	const rows = async (table: string) => (await new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url }).base(airtable.baseId)(table).select().all()).map((r) => r.fields as Record<string, unknown>);

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		store = new DataPathStore(redisClient);
		// The flusher's 30 s pause after a 429 is the data path's business (its own tests); here a stray 429 from this test's own reads must not stall the turns.
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'hub-airtable-')), rateLimitPenaltyMs: 1_000 });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'hub-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 300 });
		n8n = await startTestN8n({
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
			],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url },
		});
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
	});

	afterAll(async () => {
		await stopChild(flusher);
		await n8n?.stop();
		await twilioStandIn?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('task create and list: the number and due date in words, then the list; one Messages row per turn with reply, intent, latency and the delivery status', async () => {
		const phone = '+5511955550001';
		await consent(phone);
		const created = await send(phone, 'anota aí comprar pão amanhã');
		await replyCount(phone, 1);
		expect((await replies(phone))[0]).toBe('✅ Anotado: *comprar pão* (nº 1), para amanhã, 09:00.\nQuando terminar, é só dizer *feito*.');
		await send(phone, 'minhas tarefas');
		await replyCount(phone, 2);
		expect((await replies(phone))[1]).toMatch(/^📋.*\n\*?1\.\*? comprar pão — amanhã, 09:00/s);

		await inAirtable('the rows in Airtable', async () => (await store.outboxDepth(airtable.baseId)) === 0 && (await rows('Tasks')).some((t) => t.Title === 'comprar pão'));
		const [replySid] = (await messagesTo(phone)).slice(CONSENT_REPLIES).map((m) => m.sid);
		await inAirtable('the delivery status on the turn', async () => (await rows('Messages')).some((m) => m['Message SID'] === created && m.Status === 'delivered'));
		const turns = (await rows('Messages')).filter((m) => m['Message SID'] === created);
		expect(turns).toHaveLength(1);
		expect(turns[0]).toMatchObject({ Direction: 'inbound', Text: 'anota aí comprar pão amanhã', Reply: '✅ Anotado: *comprar pão* (nº 1), para amanhã, 09:00.\nQuando terminar, é só dizer *feito*.', Intent: 'task.create', Engine: 'offline', 'Reply SID': replySid, Status: 'delivered' });
		expect(turns[0].Confidence).toBeGreaterThan(0.5);
		expect(turns[0]['Latency Ms']).toEqual(expect.any(Number));
		// Two turns, two rows: no separate row for the replies or their statuses.
		expect((await rows('Messages')).filter((m) => m.Text && String(m.Text).length > 0)).toHaveLength(2);
		expect((await rows('Messages')).filter((m) => m['Message SID'] === replySid)).toHaveLength(0);
	});

	it('"e amanhã?" after a list lists tomorrow only, from the context', async () => {
		const phone = '+5511955550002';
		await consent(phone);
		await send(phone, 'anota aí pagar o boleto amanhã');
		await replyCount(phone, 1);
		await send(phone, 'anota aí ligar pro João');
		await replyCount(phone, 2);
		await send(phone, 'minhas tarefas');
		await replyCount(phone, 3);
		expect((await replies(phone))[2]).toMatch(/\n\*?1\.\*? pagar o boleto — amanhã, 09:00\n\*?2\.\*? ligar pro João/);
		await send(phone, 'e amanhã?');
		await replyCount(phone, 4);
		expect((await replies(phone))[3]).toMatch(/amanhã/);
		expect((await replies(phone))[3]).toMatch(/\n\*?1\.\*? pagar o boleto — amanhã, 09:00/);
		expect((await replies(phone))[3]).not.toMatch(/ligar pro João/);
	});

	it('a burst of three messages within two seconds gets one answer', async () => {
		const phone = '+5511955550003';
		await consent(phone);
		await send(phone, 'oi');
		await new Promise((r) => setTimeout(r, 300));
		await send(phone, 'tudo bem?');
		await new Promise((r) => setTimeout(r, 300));
		await send(phone, 'me lembra amanhã às 9h de pagar o boleto');
		await replyCount(phone, 1);
		await new Promise((r) => setTimeout(r, 3_000));
		expect(await replies(phone)).toEqual(['Oi, Ana! 👋\n⏰ Combinado! Vou te lembrar amanhã às 09:00: *pagar o boleto*']);
		await inAirtable('the reminder in Airtable', async () => (await rows('Reminders')).some((r) => r.Text === 'pagar o boleto'));
	});

	it('an English writer gets English only, and keeps it', async () => {
		const phone = '+5511955550004';
		await consent(phone, 'hi, I would like to use this please', 'yes');
		for (const text of await everything(phone)) expect(text).not.toMatch(PORTUGUESE);
		await send(phone, 'remind me tomorrow at 9 to call John');
		await replyCount(phone, 1);
		await send(phone, 'menu');
		await replyCount(phone, 2);
		const [reminder, menu] = await replies(phone);
		expect(reminder).toBe('⏰ All set! I will ping you tomorrow at 09:00: *call John*');
		expect(menu).toMatch(/^I can help with:/);
		for (const text of [reminder, menu]) expect(text).not.toMatch(PORTUGUESE);
		await inAirtable('the stored language', async () => (await rows('Users')).some((u) => u.Phone === phone && u.Locale === 'en'));
	});

	it('the menu’s quick replies carry ids, and a tap does what it offered', async () => {
		const phone = '+5511955550005';
		await consent(phone);
		await send(phone, 'menu');
		await replyCount(phone, 1);
		const [menu] = (await messagesTo(phone)).slice(CONSENT_REPLIES);
		const auth = `Basic ${Buffer.from(`${ACCOUNT}:${AUTH}`).toString('base64')}`;
		const shown = (await (await fetch(`${twilioStandIn.url}/standin/v1/Messages/${menu.sid}`, { headers: { authorization: auth } })).json()) as { actions: Array<{ id: string; title: string }> };
		expect(shown.actions).toEqual([
			{ id: 'menu:tasks', title: 'Minhas tarefas' },
			{ id: 'menu:reminder', title: 'Criar lembrete' },
			{ id: 'menu:human', title: 'Falar com alguém' },
		]);
		await send(phone, 'Criar lembrete', { payload: 'menu:reminder', text: 'Criar lembrete' });
		await replyCount(phone, 2);
		expect((await replies(phone))[1]).toBe('Quando devo te lembrar? Ex.: "amanhã às 9h" ou "sexta 14h".');
	});

	it('completes a listed task by number, and "desfazer" reopens it', async () => {
		const phone = '+5511955550006';
		await consent(phone);
		await send(phone, 'anota aí pagar a luz');
		await replyCount(phone, 1);
		await send(phone, 'anota aí comprar pão');
		await replyCount(phone, 2);
		await send(phone, 'minhas tarefas');
		await replyCount(phone, 3);
		// "a 2" is the second task the list showed.
		const second = /\n\*?2\.\*? ([^\n—·]+?)\s*(—|·|\n|$)/.exec((await replies(phone))[2])![1];
		expect(['pagar a luz', 'comprar pão']).toContain(second);
		await send(phone, 'concluí a 2');
		await replyCount(phone, 4);
		expect((await replies(phone))[3]).toContain(second);
		await inAirtable('the task done in Airtable', async () => (await rows('Tasks')).some((t) => t.Title === second && t.Status === 'done'));
		await send(phone, 'desfazer');
		await replyCount(phone, 5);
		expect((await replies(phone))[4]).toContain(second);
		await inAirtable('the task open again in Airtable', async () => (await rows('Tasks')).some((t) => t.Title === second && t.Status !== 'done'));
	});
});
