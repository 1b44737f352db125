import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ChildProcess } from 'node:child_process';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { airtableService, SANDBOX_WHATSAPP_SENDER, twilioService } from '../../sandbox/services';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { postInboundMessage, sequentialMessageSid } from '../../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { freePortBlock } from '../support/free-ports';
import { startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '4'.repeat(32);
const AUTH_TOKEN = 'd'.repeat(32);
const AIRTABLE_TOKEN = 'patE2eIdentity00.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const BASE_ID = 'appE2eIdentity001';
const WITH_NINTH = '+5511984658433';
const WITHOUT_NINTH = '+551184658433';

/**
 * One person, one user: the assistant flow in real n8n, a message from +55 11 9 8465-8433 and then
 * one from the same phone as WhatsApp still reports it (+55 11 8465-8433) land on one Users record
 * and one task list, and each reply goes to the address it answers.
 */
describe('WhatsApp identity across the ninth digit, in real n8n', () => {
	let n8n: RunningN8n;
	let store: RunningAirtableStore;
	let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let base: Airtable.Base;
	let redis: TestRedis;
	let redisClient: Redis;
	let flusher: ChildProcess;
	let sid = 0;

	const say = async (from: string, text: string) => {
		const { response } = await postInboundMessage(AUTH_TOKEN, `${n8n.webhookBaseUrl}whatsapp/inbound`, {
			accountSid: ACCOUNT,
			from,
			to: SANDBOX_WHATSAPP_SENDER,
			body: text,
			profileName: 'Ana',
			messageSid: sequentialMessageSid(++sid, 'c'),
		});
		expect(response.status).toBe(200);
	};
	const repliesTo = async (phone: string, count: number) => {
		const client = twilioClientFor(standIn.url, ACCOUNT, AUTH_TOKEN);
		for (let i = 0; i < 150; i++) {
			const sent = await client.messages.list({ to: `whatsapp:${phone}` });
			if (sent.length >= count) return sent.map((m) => m.body).reverse();
			await new Promise((r) => setTimeout(r, 150));
		}
		throw new Error(`Expected ${count} replies to ${phone}; the inbound workflow did not answer in time.`);
	};

	beforeAll(async () => {
		const airtablePort = await freePortBlock(2);
		const twilioPort = airtablePort + 1;
		// The 30 s penalty after a 429 is the data path's business (its own tests); here a read of this test racing the flusher must not stall it.
		store = await startAirtableStore({ port: airtablePort, dataDir: mkdtempSync(join(tmpdir(), 'identity-store-')), token: AIRTABLE_TOKEN, baseId: BASE_ID, rateLimitPenaltyMs: 1_000 });
		standIn = await startTwilioStandIn({ port: twilioPort, dataDir: mkdtempSync(join(tmpdir(), 'identity-twilio-')), accountSid: ACCOUNT, authToken: AUTH_TOKEN, statusDelayMs: 50 });
		base = new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: store.url }).base(BASE_ID);
		type Ports = Parameters<NonNullable<typeof airtableService.credentials>>[0];
		type Secrets = Parameters<NonNullable<typeof airtableService.credentials>>[1];
		const ports = { airtable: airtablePort, twilio: twilioPort } as Ports;
		const secrets = { airtable: { token: AIRTABLE_TOKEN, baseId: BASE_ID }, twilio: { accountSid: ACCOUNT, authToken: AUTH_TOKEN } } as Secrets;
		// The assistant writes through the data path: a Redis replica and outbox, sent to Airtable by the flusher.
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: store.url });
		n8n = await startTestN8n({ credentials: [...airtableService.credentials!(ports, secrets), ...twilioService.credentials!(ports, secrets)], extraEnv: { BESTSTAG_REDIS_URL: redis.url } });
	});

	afterAll(async () => {
		await stopChild(flusher);
		await n8n?.stop();
		await redisClient?.quit();
		await redis?.stop();
		await standIn?.close();
		await store?.close();
	});

	it('lands both spellings on one user and one task list, replying to the address each came from', async () => {
		// The person accepts the terms once (LGPD), from either spelling: two replies before the first task.
		await say(WITH_NINTH, 'quero usar o assistente');
		await repliesTo(WITH_NINTH, 1);
		await say(WITH_NINTH, 'SIM');
		await repliesTo(WITH_NINTH, 2);
		await say(WITH_NINTH, 'anota aí comprar pão');
		expect((await repliesTo(WITH_NINTH, 3))[2]).toMatch(/^✅ Anotado: \*comprar pão\* \(nº 1\)/);

		await say(WITHOUT_NINTH, 'anota aí pagar a luz');
		expect((await repliesTo(WITHOUT_NINTH, 1))[0]).toMatch(/^✅ Anotado: \*pagar a luz\* \(nº 2\)/);

		await say(WITHOUT_NINTH, 'minhas tarefas');
		const list = (await repliesTo(WITHOUT_NINTH, 2))[1];
		expect(list).toContain('comprar pão');
		expect(list).toContain('pagar a luz');

		const outbox = new DataPathStore(redisClient);
		for (let i = 0; i < 100 && (await outbox.outboxDepth(BASE_ID)) > 0; i++) await new Promise((r) => setTimeout(r, 200));
		expect(await outbox.outboxDepth(BASE_ID)).toBe(0);
		const users = await base('Users').select().all();
		expect(users.map((u) => u.get('Phone'))).toEqual([WITH_NINTH]);
		const tasks = await base('Tasks').select().all();
		expect(tasks).toHaveLength(2);
		expect(new Set(tasks.map((t) => JSON.stringify(t.get('User'))))).toEqual(new Set([JSON.stringify([users[0].id])]));
		// Each reply went where its message came from; nothing to a number nobody wrote from.
		expect(await repliesTo(WITH_NINTH, 3)).toHaveLength(3);
	});
});
