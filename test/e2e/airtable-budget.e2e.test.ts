import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { messageFields } from '../../core/airtable/crm';
import { airtableBaseBudget } from '../../core/rate-limit/airtable-budget';
import { redisLimiter } from '../../nodes/AirtableCrm/transport/rate-limiter';
import { AirtableGateway } from '../../nodes/AirtableCrm/transport/request';
import { DataPathStore, type RecordWrite } from '../../nodes/shared/datapath/store';
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

const ACCOUNT = 'AC' + '5'.repeat(32);
const AUTH = 'c'.repeat(32);
const AIRTABLE_TOKEN = 'patBudgetE2E.0123456789abcdef';
const BUDGET = 4;

interface StoreHealth {
	requests: number;
	rateLimited: number;
	busiestSecond: Record<string, number>;
}

/**
 * One request budget per base, spent by three processes at once against the strict Airtable
 * stand-in (5 requests/s per base, 30 s of 429s after one): real n8n loading new users' rows
 * (the CRM node's direct-mode reads), `beststag flusher` draining a full outbox, and this test
 * process reading through the CRM node's gateway. The stand-in counts arrivals per base: no
 * second may see more than the budget, and none may be refused.
 */
describe('one Airtable request budget per base, shared by n8n, the flusher and another process', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let airtable: RunningAirtableStore;
	let twilioStandIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;

	const health = async () => (await (await fetch(`${airtable.url}/healthz`)).json()) as StoreHealth;
	const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 120_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	};

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'budget-airtable-')) });
		twilioStandIn = await startTwilioStandIn({ port: await freePortBlock(1), dataDir: mkdtempSync(join(tmpdir(), 'budget-twilio-')), accountSid: ACCOUNT, authToken: AUTH, statusDelayMs: 50 });
		n8n = await startTestN8n({
			credentials: [
				{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } },
				{ id: SANDBOX_TWILIO_CREDENTIAL_ID, name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: AUTH, from: SANDBOX_WHATSAPP_SENDER, baseUrl: twilioStandIn.url } },
			],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url, BESTSTAG_AIRTABLE_BUDGET: String(BUDGET) },
		});
	});

	afterAll(async () => {
		await stopChild(flusher);
		await n8n?.stop();
		await twilioStandIn?.close();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('never lets more than the budget reach the base in any 1 s, and nothing is refused or lost', async () => {
		const base = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: true }).base(airtable.baseId);
		// Twelve people Airtable already knows: each one's first turn loads four tables (four direct-mode reads in n8n).
		const known = Array.from({ length: 12 }, (_, i) => `+55119555500${String(i).padStart(2, '0')}`);
		for (let i = 0; i < known.length; i += 10) {
			await base()('Users').create(known.slice(i, i + 10).map((Phone) => ({ fields: { Phone } })));
			await new Promise((r) => setTimeout(r, 1_100));
		}
		// A full outbox for the flusher: 30 people and 200 messages, about 23 upserts of 10.
		const store = new DataPathStore(redisClient);
		const writers = Array.from({ length: 30 }, (_, i) => `+55119666600${String(i).padStart(2, '0')}`);
		const writes: RecordWrite[] = writers.map((phone) => ({ table: 'Users', keyField: 'Phone', key: phone, fields: { Name: `Pessoa ${phone.slice(-2)}` } }));
		const sids: string[] = [];
		for (let n = 0; n < 200; n++) {
			const sid = sequentialMessageSid(n, '7');
			sids.push(sid);
			const phone = writers[n % writers.length];
			const fields = messageFields({ messageSid: sid, phone, direction: 'inbound', text: `mensagem ${n}` }, new Date());
			delete fields['Message SID'];
			writes.push({ table: 'Messages', keyField: 'Message SID', key: sid, fields, parents: [{ table: 'Users', keyField: 'Phone', key: phone }] });
		}
		await store.write(airtable.baseId, writes);
		const before = await health();

		// All three at once: the flusher drains, n8n loads the known users, this process reads.
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url }, BUDGET);
		const hook = `${n8n.webhookBaseUrl}whatsapp/inbound`;
		const turns = known.map(async (phone, i) => {
			const sid = sequentialMessageSid(i + 1, '9');
			const { response } = await postInboundMessage(AUTH, hook, { accountSid: ACCOUNT, from: phone, to: SANDBOX_WHATSAPP_SENDER, body: 'oi', messageSid: sid, profileName: 'Bia' });
			expect(response.status).toBe(200);
		});
		const gateway = new AirtableGateway({ accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: redisLimiter(redis.url, redisClient, airtableBaseBudget(BUDGET)) });
		const reads = Array.from({ length: 16 }, (_, i) => gateway.listAll('Users', i % 2 ? { maxRecords: 1, filterByFormula: '{Name} != ""' } : { maxRecords: 1 }));
		await Promise.all([...turns, ...reads]);
		const twilioClient = twilioClientFor(twilioStandIn.url, ACCOUNT, AUTH);
		await until('every known user answered', async () => (await Promise.all(known.map(async (p) => (await twilioClient.messages.list({ to: `whatsapp:${p}`, limit: 1 })).length))).every((n) => n > 0));
		await until('the outbox to drain', async () => (await store.outboxDepth(airtable.baseId)) === 0);
		const after = await health();
		await stopChild(flusher);
		flusher = undefined;

		// The three processes really competed: loads (4 per known user), reads and about 25 upserts.
		expect(after.requests - before.requests).toBeGreaterThanOrEqual(12 * 4 + 16 + 10);
		expect(after.rateLimited).toBe(0);
		expect(after.busiestSecond[airtable.baseId]).toBeLessThanOrEqual(BUDGET);

		await new Promise((r) => setTimeout(r, 1_100));
		const messages = (await base()('Messages').select({ fields: ['Message SID'] }).all()).map((r) => String(r.get('Message SID')));
		for (const sid of sids) expect(messages.filter((m) => m === sid)).toHaveLength(1);
		expect(await store.deadLetters(airtable.baseId)).toEqual([]);
	});
});
