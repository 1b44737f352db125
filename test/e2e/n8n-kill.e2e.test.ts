import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { InboundJournal } from '../../nodes/shared/inbound-journal';
import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID, SANDBOX_TWILIO_CREDENTIAL_ID, SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { postInboundMessage, sequentialMessageSid } from '../../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn } from '../../sandbox/twilio/server';
import { spawnFlusher, stopChild } from '../support/flusher';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(420_000);

const ACCOUNT = 'AC' + '6'.repeat(32);
const AUTH = 'e'.repeat(32);
const AIRTABLE_TOKEN = 'patKillE2E.0123456789abcdef';
const REPLAY_AFTER_SECONDS = 20;

/**
 * `kill -9` of n8n in the middle of turns: the project's inbound workflow (its trigger's replay
 * delay shortened to 20 s for the test) in real n8n with the data path, a burst of messages all
 * accepted with 200, then SIGKILL to n8n's whole process group while those turns run. After a
 * restart on the same user folder, every accepted message has exactly one Messages row in Airtable.
 */
describe('kill -9 of n8n mid-load', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n | undefined;
	let flusher: ChildProcess | undefined;
	const userFolder = mkdtempSync(join(tmpdir(), 'beststag-kill-'));
	const workflowDir = mkdtempSync(join(tmpdir(), 'beststag-kill-workflows-'));

	const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 180_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	};
	const start = (owner?: RunningN8n['owner'], apiKey?: string) =>
		startTestN8n({
			userFolder,
			owner,
			apiKey,
			workflowDirs: [workflowDir],
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
			],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url },
		});

	beforeAll(async () => {
		// The project's inbound workflow, with the trigger's replay delay shortened so the test need not wait 2 minutes.
		const file = join(PROJECT_ROOT, 'workflows', 'beststag-whatsapp-inbound.json');
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
		const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-beststag.whatsAppTrigger');
		if (!trigger) throw new Error(`${file} has no WhatsApp trigger.`);
		trigger.parameters.replayAfterSeconds = REPLAY_AFTER_SECONDS;
		mkdirSync(workflowDir, { recursive: true });
		writeFileSync(join(workflowDir, 'beststag-whatsapp-inbound.json'), JSON.stringify(workflow, null, 2));
		// The replies' delivery statuses go to their own workflow, as in the project.
		copyFileSync(join(PROJECT_ROOT, 'workflows', 'beststag-delivery-status.json'), join(workflowDir, 'beststag-delivery-status.json'));

		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'kill-airtable-')) });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'kill-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 50 });
		n8n = await start();
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

	it('after a restart every accepted message has exactly one Messages row, none lost, none doubled', async () => {
		const running = n8n!;
		const hook = `${running.webhookBaseUrl}whatsapp/inbound`;
		const phones = Array.from({ length: 8 }, (_, i) => `+55119777700${String(i).padStart(2, '0')}`);
		let sid = 0;
		const send = async (phone: string, body: string) => {
			const messageSid = sequentialMessageSid(++sid, 'f');
			const { response } = await postInboundMessage(AUTH, hook, { accountSid: ACCOUNT, from: phone, to: SANDBOX_WHATSAPP_SENDER, body, messageSid, profileName: 'Caio' });
			expect(response.status).toBe(200);
			return messageSid;
		};
		// Everyone accepts the terms first (nothing is stored before consent), each turn settled.
		const journal = new InboundJournal(redisClient);
		for (const body of ['oi', 'sim']) {
			await Promise.all(phones.map((phone) => send(phone, body)));
			await until(`every "${body}" turn to finish`, async () => (await journal.depth()) === 0);
		}
		// Two messages per person at once: sixteen turns running when the kill lands.
		const accepted = await Promise.all(phones.flatMap((phone) => [send(phone, 'anota aí comprar café'), send(phone, 'minhas tarefas')]));
		process.kill(-running.process.pid!, 'SIGKILL');
		await running.process.exited;
		// Some turns were cut short: their messages are still in the journal.
		const unfinished = await journal.depth();
		expect(unfinished).toBeGreaterThan(0);

		n8n = await start(running.owner, running.apiKey);
		const store = new DataPathStore(redisClient);
		await until('every cut turn to be replayed and logged', async () => (await journal.depth()) === 0);
		await until('the outbox to drain', async () => (await store.outboxDepth(airtable.baseId)) === 0);
		await new Promise((r) => setTimeout(r, 1_100));

		const rows = (await new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId)('Messages').select({ fields: ['Message SID'] }).all()).map((r) => String(r.get('Message SID')));
		for (const messageSid of accepted) expect(rows.filter((row) => row === messageSid)).toHaveLength(1);
		// Each "anota aí" made its task once, replayed or not (the task key comes from the MessageSid).
		const tasks = (await new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId)('Tasks').select({ fields: ['Task Key'] }).all()).map((r) => String(r.get('Task Key')));
		expect(new Set(tasks).size).toBe(tasks.length);
		expect(tasks.length).toBeLessThanOrEqual(phones.length);
	});
});
