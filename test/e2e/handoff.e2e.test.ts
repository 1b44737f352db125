import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';
import { closeRedisConnections } from '../../nodes/shared/redis';
import { startPortal } from '../../portal/server';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import { writeEndpoints, type SandboxEndpoints } from '../../sandbox/endpoints';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import type { ServedStandIn } from '../../sandbox/stand-in/server';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { postInboundMessage, sequentialMessageSid } from '../../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '4'.repeat(32);
const AUTH = 'd'.repeat(32);
const AIRTABLE_TOKEN = 'patHandoffE2E000.0123456789abcdef';
const BASE_ID = 'appHandoffE2E0001';
const USER = '+5511911112222';
const CONSULTANT = '+5511933334444';
const TEMPLATE = 'HX' + 'a1'.repeat(16);

/**
 * The hand-off in real n8n: a small turn workflow (test/e2e/workflows-handoff) with the buffered
 * Check / Open hand-off operations, signed Twilio webhooks in, replies read from the Twilio
 * stand-in, the flusher as a child process, the portal's desk over HTTP, and a close made in
 * Airtable reaching the replica through the Airtable Changes Trigger.
 */
describe('hand-off: open → paused → consultant reply → close → resumed, in real n8n', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let store: DataPathStore;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;
	let portal: ServedStandIn;
	let sid = 0;

	const hookUrl = () => `${n8n.webhookBaseUrl}test/handoff`;
	const send = async (body: string) => {
		const messageSid = sequentialMessageSid(++sid, 'c');
		const { response } = await postInboundMessage(AUTH, hookUrl(), { accountSid: ACCOUNT, from: USER, to: SANDBOX_WHATSAPP_SENDER, body, messageSid, profileName: 'Ana' });
		expect(response.status).toBe(200);
		return messageSid;
	};
	const messagesTo = async (phone: string) => (await twilioClientFor(twilioStandIn.url, ACCOUNT, AUTH).messages.list({ to: `whatsapp:${phone}` })).map((m) => m.body).reverse();
	const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	};
	/** Sends a message and waits for the turn to finish: a new reply, or (paused) its inbound row logged. */
	const turn = async (body: string, expectReply: boolean): Promise<string | undefined> => {
		const before = (await messagesTo(USER)).length;
		const messageSid = await send(body);
		if (expectReply) {
			await until(`a reply to "${body}"`, async () => (await messagesTo(USER)).length > before);
			return (await messagesTo(USER)).at(-1);
		}
		await until(`"${body}" logged while paused`, async () => (await store.get(BASE_ID, 'Messages', messageSid)) !== undefined);
		return undefined;
	};
	const airtableBase = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(BASE_ID);
	const portalApi = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${portal.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		return { status: response.status, body: (await response.json()) as Record<string, unknown> & Array<Record<string, unknown>> };
	};

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		store = new DataPathStore(redisClient);
		airtable = await startAirtableStore({ port: await freePortBlock(1), token: AIRTABLE_TOKEN, baseId: BASE_ID, dataDir: mkdtempSync(join(tmpdir(), 'ho-airtable-')), rateLimitPerSecond: 0 });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'ho-twilio-')),
			accountSid: ACCOUNT,
			authToken: AUTH,
			statusDelayMs: 50,
			templates: [
				{
					sid: TEMPLATE,
					friendly_name: 'beststag_handoff',
					language: 'pt_BR',
					variables: { 1: 'Ana', 2: 'HO-20261130-000000', 3: 'quero falar com um humano' },
					types: { 'twilio/text': { body: 'Pedido de atendimento {{2}}: {{1}} escreveu "{{3}}". Abra o portal do BestStag.' } },
					approval: { name: 'beststag_handoff', category: 'UTILITY' },
				},
			],
		});
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows-handoff')],
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: BASE_ID, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
			],
			extraEnv: {
				BESTSTAG_REDIS_URL: redis.url,
				BESTSTAG_CONSULTANT_PHONES: CONSULTANT,
				BESTSTAG_HANDOFF_TEMPLATE_SID: TEMPLATE,
				// Always inside hours, so the promise is "soon" whenever the test runs.
				BESTSTAG_BUSINESS_HOURS: 'mon-sun 00:00-24:00',
				BESTSTAG_BUSINESS_HOLIDAYS: 'none',
			},
		});
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
		const dataDir = mkdtempSync(join(tmpdir(), 'ho-portal-'));
		// Only what the hand-off desk reads of a running sandbox.
		writeEndpoints(dataDir, {
			services: {
				airtable: { url: airtable.url, port: 0, credentials: { token: AIRTABLE_TOKEN, baseId: BASE_ID } },
				twilio: { url: twilioStandIn.url, port: 0, credentials: { accountSid: ACCOUNT, authToken: AUTH, whatsappSender: SANDBOX_WHATSAPP_SENDER } },
				redis: { url: redis.url, port: 0, credentials: { redisUrl: redis.url } },
			},
		} as unknown as SandboxEndpoints);
		portal = await startPortal({ port: 0, dataDir });
	});

	afterAll(async () => {
		await stopChild(flusher);
		await portal?.close();
		await closeRedisConnections();
		await n8n?.stop();
		await twilioStandIn?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('pauses the bot while a person answers, and resumes it on a close from the portal or from Airtable', async () => {
		expect(await turn('oi', true)).toBe('eco: oi');

		// The request: one hand-off, the user told when, the consultant notified (outside their 24-hour window: the template).
		const opened = await turn('quero falar com um humano', true);
		expect(opened).toMatch(/^handoff\.opened HO-\d{8}-[0-9A-F]{6} soon$/);
		const reference = opened!.split(' ')[1];
		await until('the consultant notice', async () => (await messagesTo(CONSULTANT)).length === 1);
		const [notice] = await messagesTo(CONSULTANT);
		expect(notice).toBe(`Pedido de atendimento ${reference}: Ana escreveu "quero falar com um humano". Abra o portal do BestStag.`);

		// Paused: logged for the consultant, never answered.
		const repliesBefore = (await messagesTo(USER)).length;
		await turn('alô?', false);

		// The consultant answers from the portal's desk once the hand-off reached Airtable.
		await until('the hand-off in Airtable', async () => (await airtableBase()('Handoffs').select().all()).length === 1);
		const listed = await portalApi('GET', '/api/handoffs');
		expect(listed.status).toBe(200);
		expect(listed.body).toEqual([expect.objectContaining({ reference, status: 'open', user: expect.objectContaining({ phone: USER, name: 'Ana' }) })]);
		expect((await portalApi('POST', `/api/handoffs/${reference}/reply`, { text: 'Oi Ana! Aqui é a Marina.', consultant: 'Marina' })).status).toBe(200);
		await until('the consultant reply', async () => (await messagesTo(USER)).includes('*Marina (equipe BestStag):* Oi Ana! Aqui é a Marina.'));
		await turn('obrigada!', false);
		expect((await messagesTo(USER)).length).toBe(repliesBefore + 1);

		// Closed from the portal: the user is told at once; their next turn is answered as usual.
		expect((await portalApi('POST', `/api/handoffs/${reference}/close`)).body).toMatchObject({ closed: true });
		await until('"I\'m back"', async () => (await messagesTo(USER)).at(-1)?.startsWith('Voltei! 👋') === true);
		expect(await turn('oi de novo', true)).toBe('eco: oi de novo');

		// A second request, closed by a manager in Airtable: the changes trigger brings it to the replica.
		const second = (await turn('quero falar com um atendente', true))!.split(' ')[1];
		expect(second).not.toBe(reference);
		await until('the second hand-off in Airtable, nothing pending', async () => (await store.outboxDepth(BASE_ID)) === 0 && (await airtableBase()('Handoffs').select({ filterByFormula: `{Reference} = '${second}'` }).all()).length === 1);
		await turn('alguém aí?', false);
		await until('the trigger to be registered', async () => {
			const response = await fetch(`${airtable.url}/v0/bases/${BASE_ID}/webhooks`, { headers: { authorization: `Bearer ${AIRTABLE_TOKEN}` } });
			return (((await response.json()) as { webhooks?: unknown[] }).webhooks ?? []).length > 0;
		});
		const [row] = await airtableBase()('Handoffs').select({ filterByFormula: `{Reference} = '${second}'` }).all();
		const patched = await fetch(`${airtable.url}/v0/${BASE_ID}/Handoffs/${row.id}`, {
			method: 'PATCH',
			headers: { authorization: `Bearer ${AIRTABLE_TOKEN}`, 'content-type': 'application/json', 'x-sandbox-change-source': 'client' },
			body: JSON.stringify({ fields: { Status: 'closed', 'Closed At': new Date().toISOString() } }),
		});
		expect(patched.status).toBe(200);
		await until('the close in the replica', async () => (await store.get(BASE_ID, 'Handoffs', second))?.fields.Status === 'closed');
		expect(await turn('e aí?', true)).toBe('resumed | eco: e aí?');
		expect(await turn('tudo certo', true)).toBe('eco: tudo certo');
	});
});
