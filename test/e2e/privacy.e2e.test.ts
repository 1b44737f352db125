import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { BESTSTAG_SCHEMA } from '../../airtable-schema';
import { phoneDigitForms } from '../../core/airtable/crm';
import { CONSENT_TEXT_VERSION } from '../../core/assistant/catalogue/privacy';
import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID } from '../../sandbox/services';
import { spawnFlusher, stopChild } from '../support/flusher';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const AIRTABLE_TOKEN = 'patPrivacyE2E.0123456789abcdef';
const ANA = '+5511944440001';
const BIA = '+5511944440002';

/**
 * LGPD in real n8n: the package's AirtableCrm node in buffered mode records consent, the flusher
 * carries it to Airtable, "meus dados" reads it back, and "apaga meus dados" erases the user from every
 * table of the base and from the data path, including writes still waiting in the outbox. Airtable is
 * read through the official airtable.js client.
 */
describe('privacy: consent, export and erasure through the data path in real n8n', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let store: DataPathStore;
	let airtable: RunningAirtableStore;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;

	const post = async (path: string, body: Record<string, unknown>) => {
		const response = await fetch(`${n8n.webhookBaseUrl}test/privacy/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const text = await response.text();
		expect([path, response.status, response.status === 200 ? '' : text]).toEqual([path, 200, '']);
		return JSON.parse(text) as Array<Record<string, unknown>>;
	};
	const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!(await check())) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	};
	const base = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId);
	const rows = async (table: string) => (await base()(table).select().all()).map((r) => r.fields as Record<string, unknown>);
	// The test's own airtable.js reads bypass the shared budget: let the store's 1 s window empty before a node reads.
	const quiet = () => new Promise((r) => setTimeout(r, 1_100));
	const drained = () => until('the outbox to drain', async () => (await store.outboxDepth(airtable.baseId)) === 0);

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		store = new DataPathStore(redisClient);
		// The 30 s penalty after a 429 is the data path's business (its own tests); a stray 429 from this test's own
		// reads, which bypass the shared budget, must not cost the erasure half a minute per race on a busy machine.
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'privacy-airtable-')), rateLimitPenaltyMs: 1_000 });
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows-privacy')],
			credentials: [{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } }],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url },
		});
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
	});

	afterAll(async () => {
		await stopChild(flusher, 'SIGTERM');
		await n8n?.stop();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('records consent with its time and version, shows it in "meus dados", and erases everything on "apaga meus dados"', async () => {
		// First contact: only the phone and the consent state; then SIM.
		await post('choice', { phone: ANA, choice: 'consent_prompted', version: CONSENT_TEXT_VERSION });
		await drained();
		expect((await rows('Users')).filter((u) => u.Phone === ANA).map((u) => Object.keys(u).sort())).toEqual([['Consent Prompted At', 'Consent Status', 'Consent Version', 'Phone']]);
		await post('choice', { phone: `whatsapp:${ANA}`, choice: 'consent_accepted', version: CONSENT_TEXT_VERSION });
		for (const [phone, who] of [[ANA, 'Ana'], [BIA, 'Bia']]) {
			await post('task', { phone, title: `segredo de ${who}`, key: `tk_${who}` });
			await post('message', { phone, sid: `SM${(who === 'Ana' ? 'a' : 'b').repeat(32)}`, text: `mensagem secreta de ${who}` });
		}
		await drained();
		const [user] = (await rows('Users')).filter((u) => u.Phone === ANA);
		expect(user).toMatchObject({ 'Consent Status': 'accepted', 'Consent Version': CONSENT_TEXT_VERSION, 'Opt-in Status': 'opted_in' });
		expect((await rows('AuditLog')).filter((a) => a.Actor === ANA).map((a) => a.Event)).toEqual(['consent.accepted']);

		await quiet();
		const [exported] = await post('export', { phone: ANA });
		expect(exported).toMatchObject({ found: true, counts: { tasks: 1, reminders: 0, messages: 1, handoffs: 0 } });
		expect((exported.messages as string[]).join('\n')).toContain('segredo de Ana');

		// A write still waiting for the flusher when the user asks to be erased must never reach Airtable.
		await stopChild(flusher, 'SIGTERM');
		flusher = undefined;
		await post('task', { phone: ANA, title: 'segredo pendente de Ana', key: 'tk_Ana_2' });
		expect(await store.outboxDepth(airtable.baseId)).toBe(1);

		await quiet();
		const [erased] = await post('erase', { phone: ANA });
		expect(erased).toMatchObject({ erased: true, counts: { Users: 1, Tasks: 1, Messages: 1, AuditLog: 1 }, dataPath: { outboxEntries: 1 } });
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
		await new Promise((r) => setTimeout(r, 2_000));
		await drained();

		for (const table of BESTSTAG_SCHEMA.tables.map((t) => t.name)) {
			const text = JSON.stringify(await rows(table));
			for (const pii of [...phoneDigitForms(ANA), 'de Ana']) expect(`${table}: ${text}`).not.toContain(pii);
		}
		expect((await rows('Tasks')).map((t) => t.Title)).toEqual(['segredo de Bia']);
		const audit = (await rows('AuditLog')).filter((a) => a.Event === 'user.erased');
		expect(audit).toHaveLength(1);
		expect(audit[0].Actor).toBe(erased.pseudonym);
		await until('the flusher to be idle', async () => (await store.outboxDepth(airtable.baseId)) === 0);
		await quiet();
		const [after] = await post('export', { phone: ANA });
		expect(after).toMatchObject({ found: false, counts: { tasks: 0, reminders: 0, messages: 0, handoffs: 0 } });
	});
});
