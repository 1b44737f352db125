import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { BESTSTAG_SCHEMA } from '../../airtable-schema';
import { phoneDigitForms } from '../../core/airtable/crm';
import { DataPathStore } from '../../nodes/shared/datapath/store';
import { closeRedisConnections } from '../../nodes/shared/redis';
import { startPortal } from '../../portal/server';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import { writeEndpoints, type SandboxEndpoints } from '../../sandbox/endpoints';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { until, inAirtable, whatsappConversation, type ButtonTap } from '../support/conversation';
import { freePortBlock } from '../support/free-ports';
import { startTestN8n } from '../support/n8n';
import { redisContents, startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '7'.repeat(32);
const AUTH = 'f'.repeat(32);
const AIRTABLE_TOKEN = 'patAssistantPrivacyE2E.0123456789abcdef';
const CONSULTANT = '+5511933330000';
const CONSENT_PROMPT = /^Olá! 👋 Eu sou o \*BestStag\*/;

/**
 * LGPD and the hand-off through the SHIPPED inbound workflow (v2) in real n8n: signed Twilio
 * webhooks in, replies read from the Twilio stand-in, state read from the Airtable stand-in
 * through airtable.js once `beststag flusher` has drained the outbox.
 */
describe('assistant privacy and hand-off through the shipped inbound workflow', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let store: DataPathStore;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let portal: Awaited<ReturnType<typeof startPortal>>;
	let flusher: ChildProcess | undefined;

	const hookUrl = () => `${n8n.webhookBaseUrl}whatsapp/inbound`;
	const { send, everything, messagesTo, buttonsShown } = whatsappConversation({ accountSid: ACCOUNT, authToken: AUTH, webhookUrl: () => hookUrl(), twilioUrl: () => twilioStandIn.url });
	/** Sends a message and returns the next reply to it (the n-th message to the phone). */
	const ask = async (phone: string, body: string, button?: ButtonTap, timeoutMs = 60_000) => {
		const before = (await everything(phone)).length;
		await send(phone, body, button);
		await until(`a reply to "${body}"`, async () => (await everything(phone)).length > before, { timeoutMs });
		return (await everything(phone))[before];
	};
	const consent = async (phone: string) => {
		expect(await ask(phone, 'quero usar o assistente')).toMatch(CONSENT_PROMPT);
		expect(await ask(phone, 'SIM')).toMatch(/^Combinado! ✅/);
	};
	const base = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId);
	const rows = async (table: string) => (await base()(table).select().all()).map((r) => r.fields as Record<string, unknown>);
	const drained = () => inAirtable('the outbox drained', async () => (await store.outboxDepth(airtable.baseId)) === 0);

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		store = new DataPathStore(redisClient);
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'privacy-airtable-')), rateLimitPenaltyMs: 1_000 });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'privacy-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 300 });
		n8n = await startTestN8n({
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
			],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url, BESTSTAG_CONSULTANT_PHONES: CONSULTANT, BESTSTAG_BUSINESS_HOURS: 'mon-sun 00:00-24:00', BESTSTAG_BUSINESS_HOLIDAYS: 'none' },
		});
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
		const dataDir = mkdtempSync(join(tmpdir(), 'privacy-portal-'));
		writeEndpoints(dataDir, {
			services: {
				airtable: { url: airtable.url, port: 0, credentials: { token: AIRTABLE_TOKEN, baseId: airtable.baseId } },
				twilio: { url: twilioStandIn.url, port: 0, credentials: { accountSid: ACCOUNT, authToken: AUTH, whatsappSender: SANDBOX_WHATSAPP_SENDER } },
				redis: { url: redis.url, port: 0, credentials: { redisUrl: redis.url } },
			},
		} as unknown as SandboxEndpoints);
		portal = await startPortal({ port: 0, dataDir });
	});

	afterAll(async () => {
		await portal?.close();
		await closeRedisConnections();
		await stopChild(flusher);
		await n8n?.stop();
		await twilioStandIn?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('a new user gets only the consent prompt until SIM; NÃO stores nothing else', async () => {
		const phone = '+5511966660001';
		expect(await ask(phone, 'anota aí comprar pão amanhã')).toMatch(CONSENT_PROMPT);
		// The next request gets the short reminder, and within its 10 minutes a third gets nothing at all (no list, no reply).
		expect(await ask(phone, 'minhas tarefas')).toMatch(/^Antes de começar, preciso do seu ok/);
		await send(phone, 'menu');
		await new Promise((r) => setTimeout(r, 4_000));
		expect(await everything(phone)).toHaveLength(2);
		expect(await ask(phone, 'NÃO')).toMatch(/^Tudo bem, não guardei nada/);
		await drained();
		await inAirtable('the declined consent in Airtable', async () => (await rows('Users')).some((u) => u.Phone === phone && u['Consent Status'] === 'declined'));
		const [user] = (await rows('Users')).filter((u) => u.Phone === phone);
		expect(user.Name ?? '').toBe('');
		const texts = JSON.stringify([await rows('Messages'), await rows('Tasks'), await rows('Reminders')]);
		expect(texts).not.toContain('comprar pão');
		expect(texts).not.toContain('minhas tarefas');
		expect(texts).not.toContain(phone.slice(1));
		expect(await everything(phone)).toHaveLength(3);
	});

	it('"SAIR" confirms, the next message is still answered, "voltar" re-subscribes', async () => {
		const phone = '+5511966660002';
		await consent(phone);
		expect(await ask(phone, 'SAIR')).toMatch(/não vou mais te mandar avisos/);
		await inAirtable('the opt-out in Airtable', async () => (await rows('Users')).some((u) => u.Phone === phone && u['Opt-in Status'] === 'opted_out'));
		expect(await ask(phone, 'menu')).toMatch(/^(Eu posso|Posso|Aqui)|tarefas/i);
		expect(await ask(phone, 'voltar')).toMatch(/^Que bom te ver de volta!/);
		await inAirtable('the opt-in in Airtable', async () => (await rows('Users')).some((u) => u.Phone === phone && u['Opt-in Status'] !== undefined && u['Opt-in Status'] !== 'opted_out'));
	});

	it('"meus dados" sends what is stored', async () => {
		const phone = '+5511966660003';
		await consent(phone);
		expect(await ask(phone, 'anota aí pagar a luz')).toMatch(/pagar a luz/);
		const shown = await ask(phone, 'meus dados');
		expect(shown).toMatch(/^\*Seus dados no BestStag\* 📋/);
		expect(shown).toContain(`Telefone: ${phone}`);
		expect(shown).toContain('Nome: Ana Souza');
		expect(shown).toMatch(/\*Tarefas: 1\*/);
		expect(shown).toContain('pagar a luz');
	});

	it('"apaga meus dados" asks with buttons; *Apagar tudo* leaves no trace of the person in Airtable or Redis, and one AuditLog entry without PII', async () => {
		const phone = '+5511966660006';
		await consent(phone);
		expect(await ask(phone, 'anota aí pagar o IPTU do sítio')).toMatch(/pagar o IPTU do sítio/);
		expect(await ask(phone, 'me lembra amanhã às 9h de ligar pro Joaquim')).toMatch(/ligar pro Joaquim/);
		await drained();
		await inAirtable('the task in Airtable', async () => (await rows('Tasks')).some((t) => t.Title === 'pagar o IPTU do sítio'));

		const before = (await messagesTo(phone)).length;
		expect(await ask(phone, 'apaga meus dados')).toMatch(/^Quer mesmo apagar \*todos\* os seus dados\?/);
		const buttons = await buttonsShown((await messagesTo(phone))[before].sid);
		expect(buttons.map((b) => b.title)).toEqual(['Apagar tudo', 'Cancelar']);
		const yes = buttons[0];
		expect(await ask(phone, yes.title, { payload: yes.id, text: yes.title })).toMatch(/^Pronto, apaguei todos os seus dados/);
		// What follows the erasure (the reply's status callbacks, the turn's own bookkeeping) must not bring anything back.
		await new Promise((r) => setTimeout(r, 3_000));
		await drained();

		const pii = [...phoneDigitForms(phone), 'IPTU do sítio', 'Joaquim'];
		for (const table of BESTSTAG_SCHEMA.tables.map((t) => t.name)) {
			const text = JSON.stringify(await rows(table));
			for (const trace of pii) expect(`${table}: ${text}`).not.toContain(trace);
		}
		expect((await rows('AuditLog')).filter((a) => a.Event === 'user.erased')).toHaveLength(1);
		for (const [key, value] of await redisContents(redisClient)) {
			for (const trace of pii) expect(`${key} = ${value}`).not.toContain(trace);
		}
		// The person is a stranger again: the next message gets the consent prompt.
		expect(await ask(phone, 'oi')).toMatch(CONSENT_PROMPT);
	});

	it('"quero falar com um humano" opens a hand-off; the bot stays silent, and answers again after the close', async () => {
		const phone = '+5511966660005';
		await consent(phone);
		const opened = await ask(phone, 'quero falar com um humano');
		const reference = /HO-\d{8}-[0-9A-F]{6}/.exec(opened)?.[0];
		expect(reference).toBeDefined();
		const before = (await everything(phone)).length;
		const silent = await send(phone, 'alô? tem alguém aí?');
		await until('the paused turn logged', async () => (await store.get(airtable.baseId, 'Messages', silent)) !== undefined);
		await new Promise((r) => setTimeout(r, 2_000));
		expect(await everything(phone)).toHaveLength(before);
		await drained();
		await inAirtable('the hand-off in Airtable', async () => (await rows('Handoffs')).some((h) => h.Reference === reference));
		const closed = await fetch(`${portal.url}/api/handoffs/${reference}/close`, { method: 'POST', headers: { 'content-type': 'application/json' } });
		expect(closed.status).toBe(200);
		await until('"I\'m back"', async () => (await everything(phone)).at(-1)?.startsWith('Voltei! 👋') === true);
		expect(await ask(phone, 'anota aí pagar o aluguel')).toMatch(/pagar o aluguel/);
	});
});
