import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { baseKeys } from '../../nodes/shared/datapath/keys';
import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { postInboundMessage, sequentialMessageSid } from '../../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { freePortBlock } from '../support/free-ports';
import { startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '2'.repeat(32);
const AUTH = 'b'.repeat(32);
const AIRTABLE_TOKEN = 'patDataPathE2E.0123456789abcdef';

/**
 * The data path in real n8n: the project's own inbound workflow in buffered mode, signed Twilio
 * webhooks in, replies read from the Twilio stand-in, Airtable read through airtable.js, and
 * `beststag flusher` as a real child process that the test kills with SIGKILL.
 */
describe('data path: replica + outbox + flusher in real n8n', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let store: DataPathStore;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;
	let sid = 0;

	const hookUrl = () => `${n8n.webhookBaseUrl}whatsapp/inbound`;
	const send = async (from: string, body: string) => {
		const messageSid = sequentialMessageSid(++sid, 'e');
		const { response } = await postInboundMessage(AUTH, hookUrl(), { accountSid: ACCOUNT, from, to: SANDBOX_WHATSAPP_SENDER, body, messageSid, profileName: 'Ana' });
		expect(response.status).toBe(200);
		return messageSid;
	};
	// Every user accepts the terms first (LGPD); those two replies are left out of what a test reads.
	const allReplies = async (phone: string) => (await twilioClientFor(twilioStandIn.url, ACCOUNT, AUTH).messages.list({ to: `whatsapp:${phone}` })).map((m) => m.body).reverse();
	const replies = async (phone: string) => (await allReplies(phone)).slice(2);
	const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	};
	const consent = async (phone: string) => {
		await send(phone, 'quero usar o assistente');
		await until('the consent prompt', async () => (await allReplies(phone)).length >= 1);
		await send(phone, 'SIM');
		await until('the consent confirmation', async () => (await allReplies(phone)).length >= 2);
	};
	const base = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId);
	const rows = async (table: string) => (await base()(table).select().all()).map((r) => r.fields as Record<string, unknown>);

	const startFlusher = (budgetPerSecond = 4) => {
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url }, budgetPerSecond);
		return flusher;
	};
	const stopFlusher = async (signal: NodeJS.Signals = 'SIGTERM') => {
		const child = flusher;
		flusher = undefined;
		await stopChild(child, signal);
	};

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		store = new DataPathStore(redisClient);
		// The flusher's own 30 s pause after a 429 is what these tests are about; the store forgives after 1 s
		// so one test's stray 429 (the test's own reads beside the flusher) does not refuse the next test's first turn.
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'dp-airtable-')), rateLimitPenaltyMs: 1_000 });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'dp-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 50 });
		n8n = await startTestN8n({
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
			],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url },
		});
	});

	afterAll(async () => {
		await stopFlusher();
		await n8n?.stop();
		await twilioStandIn?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('a task written in one turn is listed by the next quick turn, before anything reached Airtable; the flusher then writes each row once', async () => {
		const phone = '+5511911110001';
		await consent(phone);
		await send(phone, 'anota aí comprar pão amanhã');
		await until('the confirmation', async () => (await replies(phone)).length >= 1);
		await send(phone, 'minhas tarefas');
		await until('the task list', async () => (await replies(phone)).length >= 2);
		const [confirmation, list] = await replies(phone);
		expect(confirmation).toMatch(/comprar pão/);
		expect(list).toMatch(/\*1\.\* comprar pão/);
		// No flusher ran: both turns were answered from the replica and Airtable has nothing yet.
		expect(await rows('Tasks')).toHaveLength(0);
		expect(await store.outboxDepth(airtable.baseId)).toBeGreaterThanOrEqual(5);

		startFlusher();
		await until('the outbox to drain', async () => (await store.outboxDepth(airtable.baseId)) === 0);
		const tasks = await rows('Tasks');
		expect(tasks).toHaveLength(1);
		expect(String(tasks[0].Title)).toMatch(/comprar pão/);
		expect(String(tasks[0]['Task Key'])).toMatch(/^tk_SM/);
		expect((await rows('Users')).filter((u) => u.Phone === phone)).toHaveLength(1);
		// One row per turn, each once; the consent replies' delivery statuses have outbound rows without text.
		expect((await rows('Messages')).filter((m) => typeof m.Text === 'string' && m.Text.length > 0)).toHaveLength(2);
		await stopFlusher();
	});

	it('kill -9 of the flusher in the middle of a flush loses nothing and doubles nothing', async () => {
		const phones = Array.from({ length: 6 }, (_, i) => `+55119222200${String(i).padStart(2, '0')}`);
		const sids: string[] = [];
		for (const phone of phones) await consent(phone);
		// Requests, not greetings: a greeting waits for the rest of its burst and shares one turn with it.
		for (let round = 0; round < 5; round++) for (const phone of phones) sids.push(await send(phone, `anota aí item ${round}`));
		await until('every turn answered', async () => {
			const counts = await Promise.all(phones.map(async (p) => (await replies(p)).length));
			return counts.every((c) => c >= 5);
		});
		const waiting = await store.outboxDepth(airtable.baseId);
		expect(waiting).toBeGreaterThanOrEqual(60);

		// One request per second, so the kill lands between requests of one flush.
		startFlusher(1);
		await until('the flush to be under way', async () => (await store.outboxDepth(airtable.baseId)) < waiting, 30_000);
		await stopFlusher('SIGKILL');
		expect(await store.outboxDepth(airtable.baseId)).toBeGreaterThan(0);

		// A successor waits out the dead leader's lease, then finishes the job.
		startFlusher();
		await until('the outbox to drain', async () => (await store.outboxDepth(airtable.baseId)) === 0, 90_000);
		const messages = await rows('Messages');
		for (const s of sids) expect(messages.filter((m) => m['Message SID'] === s)).toHaveLength(1);
		const users = await rows('Users');
		for (const p of phones) expect(users.filter((u) => u.Phone === p)).toHaveLength(1);
		expect(await store.deadLetters(airtable.baseId)).toEqual([]);
		await stopFlusher();
	});

	it('a 429 storm at the store pauses the flusher and loses nothing', async () => {
		const phone = '+5511933330001';
		// A new user's first turn loads their rows from Airtable, and fails while the base is paused after a 429
		// (one pause per base, shared by the node and the flusher): start once it is off.
		const paused = async () => redisClient.pttl(baseKeys(airtable.baseId).pause);
		await until('no pause on the base', async () => (await paused()) <= 0, 40_000);
		// The previous test's own reads bypass the shared budget: let the store's 1 s window empty first.
		await new Promise((r) => setTimeout(r, 1_100));
		await consent(phone);
		const sids = [await send(phone, 'anota aí ligar pro João'), await send(phone, 'anota aí pagar o boleto')];
		await until('both turns answered', async () => (await replies(phone)).length >= 2);
		// Someone else hammers the base past Airtable's 5 requests/s for a few seconds while the flusher starts.
		let pausedNow = false;
		let throttled = 0;
		startFlusher();
		const stormEnds = Date.now() + 6_000;
		while (Date.now() < stormEnds && !pausedNow) {
			const burst = await Promise.all(Array.from({ length: 8 }, () => fetch(`${airtable.url}/v0/${airtable.baseId}/Users?maxRecords=1`, { headers: { authorization: `Bearer ${AIRTABLE_TOKEN}` } }).then((r) => r.status)));
			throttled += burst.filter((status) => status === 429).length;
			pausedNow = (await redisClient.pttl(baseKeys(airtable.baseId).pause)) > 0;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(throttled).toBeGreaterThan(0);
		expect(pausedNow).toBe(true);
		expect(await store.outboxDepth(airtable.baseId)).toBeGreaterThan(0);
		// The paused base resumes after Airtable's 30 s.
		await until('the outbox to drain after the pause', async () => (await store.outboxDepth(airtable.baseId)) === 0, 120_000);
		await new Promise((r) => setTimeout(r, 1_100));
		const messages = await rows('Messages');
		for (const s of sids) expect(messages.filter((m) => m['Message SID'] === s)).toHaveLength(1);
		expect((await rows('Tasks')).filter((t) => ['ligar pro João', 'pagar o boleto'].includes(String(t.Title)))).toHaveLength(2);
		await stopFlusher();
	});
});
