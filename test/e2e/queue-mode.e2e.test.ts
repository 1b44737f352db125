import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { startPostgres, type RunningPostgres } from '../../sandbox/n8n/postgres';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { until, whatsappConversation } from '../support/conversation';
import { spawnFlusher, stopChild } from '../support/flusher';
import { freePortBlock } from '../support/free-ports';
import { startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const ACCOUNT = 'AC' + '6'.repeat(32);
const AUTH = 'f'.repeat(32);
const AIRTABLE_TOKEN = 'patQueueModeE2E.0123456789abcdef';

/**
 * n8n's queue mode as issue 8 scales past one process: PostgreSQL from Debian as n8n's database,
 * the main process taking Twilio's webhooks, and a separate `n8n worker` running the turns from
 * the queue in Redis. The package is installed once in the user folder both processes load it from.
 */
describe('queue mode: the assistant runs on an n8n worker', () => {
	let postgres: RunningPostgres;
	let redis: TestRedis;
	let redisClient: Redis;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;
	let pgDir: string | undefined;
	const chat = whatsappConversation({ accountSid: ACCOUNT, authToken: AUTH, webhookUrl: () => `${n8n.webhookBaseUrl}whatsapp/inbound`, twilioUrl: () => twilioStandIn.url, profileName: 'Bia' });
	const replies = chat.everything;
	const base = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId);
	// n8n's queue ("jobs", Bull's default prefix) numbers every job it enqueues.
	const jobsEnqueued = async () => Number((await redisClient.get('bull:jobs:id')) ?? 0);

	beforeAll(async () => {
		pgDir = mkdtempSync(join(tmpdir(), 'queue-pg-'));
		// As root the server runs as the postgres user, who must reach its folder.
		chmodSync(pgDir, 0o711);
		postgres = await startPostgres({ dir: join(pgDir, 'cluster'), port: await freePortBlock(1) });
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		// The test's own reads beside the flusher may meet a 429; the store forgives after 1 s instead of 30 s.
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'queue-airtable-')), rateLimitPenaltyMs: 1_000 });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'queue-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 50 });
		// One block for the main (n8n, its task broker) and the worker (health server, task broker).
		const ports = await freePortBlock(4);
		n8n = await startTestN8n({
			port: ports,
			taskBrokerPort: ports + 1,
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
			],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url },
			queue: { redisUrl: redis.url, postgres, workers: 1, firstPort: ports + 2 },
		});
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
	});

	afterAll(async () => {
		await stopChild(flusher, 'SIGTERM');
		await n8n?.stop();
		await postgres?.stop();
		if (pgDir) rmSync(pgDir, { recursive: true, force: true });
		await twilioStandIn?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('answers a conversation through the worker, reads its own writes, and the flusher writes each row once', async () => {
		expect(n8n.workers).toHaveLength(1);
		const before = await jobsEnqueued();
		const phone = '+5511933330001';
		await chat.send(phone, 'oi');
		await until('the consent prompt', async () => (await replies(phone)).length >= 1);
		await chat.send(phone, 'SIM');
		await until('the consent confirmation', async () => (await replies(phone)).length >= 2);
		const taskSid = await chat.send(phone, 'anota aí renovar o seguro');
		await until('the confirmation', async () => (await replies(phone)).length >= 3);
		await chat.send(phone, 'minhas tarefas');
		await until('the task list', async () => (await replies(phone)).length >= 4);

		const [, , confirmation, list] = await replies(phone);
		expect(confirmation).toMatch(/renovar o seguro/);
		expect(list).toMatch(/\*1\.\* renovar o seguro/);
		// Every turn (and its delivery status) went through n8n's queue to the worker.
		expect((await jobsEnqueued()) - before).toBeGreaterThanOrEqual(4);

		const store = new DataPathStore(redisClient);
		await until('the outbox to drain', async () => (await store.outboxDepth(airtable.baseId)) === 0, { timeoutMs: 90_000 });
		const tasks = (await base()('Tasks').select().all()).map((r) => r.fields as Record<string, unknown>);
		expect(tasks.filter((t) => t.Title === 'renovar o seguro')).toHaveLength(1);
		const messages = (await base()('Messages').select().all()).map((r) => String(r.get('Message SID')));
		expect(messages.filter((s) => s === taskSid)).toHaveLength(1);
	});
});
