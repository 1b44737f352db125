import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';
import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { SANDBOX_AIRTABLE_CREDENTIAL_ID } from '../../sandbox/services';
import { spawnFlusher, stopChild } from '../support/flusher';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(300_000);

const AIRTABLE_TOKEN = 'patTasksBufferedE2E.0123456789abcdef';
const ANA = '+5511911112222';
const CARLA = '+5511933334444';

type Item = Record<string, unknown> & { fields?: Record<string, unknown> };

/**
 * Buffered task complete / reopen / update in real n8n: the AirtableCrm node in Buffered mode in a small
 * test workflow (test/e2e/workflows-tasks), the replica and outbox in a real redis-server, `beststag
 * flusher` as a child process, Airtable read back through airtable.js.
 */
describe('buffered task completion and undo in real n8n', () => {
	let redis: TestRedis;
	let redisClient: Redis;
	let store: DataPathStore;
	let airtable: RunningAirtableStore;
	let n8n: RunningN8n;
	let flusher: ChildProcess | undefined;

	const call = async (op: string, body: Record<string, unknown>): Promise<Item[]> => {
		const response = await fetch(`${n8n.webhookBaseUrl}test/tasks/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect(response.status).toBe(200);
		const json = (await response.json()) as Item | Item[];
		return Array.isArray(json) ? json : [json];
	};
	const openKeys = async (phone: string) => (await call('list', { phone, filter: 'open' })).map((t) => t.key).filter(Boolean);
	const base = () => new Airtable({ apiKey: AIRTABLE_TOKEN, endpointUrl: airtable.url, noRetryIfRateLimited: false }).base(airtable.baseId);
	const tasks = async () => (await base()('Tasks').select().all()).map((r) => ({ id: r.id, fields: r.fields as Record<string, unknown> }));
	const drained = async () => {
		const deadline = Date.now() + 60_000;
		while ((await store.outboxDepth(airtable.baseId)) > 0) {
			if (Date.now() > deadline) throw new Error('timed out waiting for the outbox to drain');
			await new Promise((r) => setTimeout(r, 200));
		}
	};

	beforeAll(async () => {
		redis = await startTestRedis();
		redisClient = new Redis(redis.url);
		store = new DataPathStore(redisClient);
		airtable = await startAirtableStore({ port: 0, token: AIRTABLE_TOKEN, dataDir: mkdtempSync(join(tmpdir(), 'tasks-airtable-')), rateLimitPenaltyMs: 1_000 });
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows-tasks')],
			credentials: [{ id: SANDBOX_AIRTABLE_CREDENTIAL_ID, name: 'BestStag Airtable (sandbox)', type: 'airtableCrmApi', data: { accessToken: AIRTABLE_TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url } }],
			extraEnv: { BESTSTAG_REDIS_URL: redis.url },
		});
		flusher = spawnFlusher({ redisUrl: redis.url, airtableToken: AIRTABLE_TOKEN, airtableUrl: airtable.url });
	});

	afterAll(async () => {
		await stopChild(flusher);
		await n8n?.stop();
		await airtable?.close();
		await redisClient?.quit();
		await redis?.stop();
	});

	it('completes by key, reads its own write, writes once, and "desfazer" reopens it with its status', async () => {
		await call('create', { phone: ANA, title: 'Enviar relatório', taskKey: 'tk_e2e_rel' });
		await call('create', { phone: ANA, title: 'Comprar pão', taskKey: 'tk_e2e_pao' });

		const [done] = await call('complete', { phone: ANA, taskKey: 'tk_e2e_rel' });
		expect(done).toMatchObject({ completed: true, key: 'tk_e2e_rel', buffered: true, fields: { Status: 'done' } });
		// The next read, in another execution, already sees it (the replica, not Airtable).
		expect(await openKeys(ANA)).toEqual(['tk_e2e_pao']);
		const [again] = await call('complete', { phone: ANA, taskKey: 'tk_e2e_rel' });
		expect(again).toMatchObject({ completed: false, reason: 'already_done' });

		await drained();
		let rows = await tasks();
		expect(rows).toHaveLength(2);
		const relatorio = rows.find((r) => r.fields['Task Key'] === 'tk_e2e_rel')!;
		expect(relatorio.fields).toMatchObject({ Title: 'Enviar relatório', Status: 'done', 'Completed At': expect.any(String) });

		const [reopened] = await call('reopen', { phone: ANA, taskKey: 'tk_e2e_rel', status: 'doing' });
		expect(reopened).toMatchObject({ reopened: true, key: 'tk_e2e_rel', fields: { Status: 'doing' } });
		expect((await openKeys(ANA)).sort()).toEqual(['tk_e2e_pao', 'tk_e2e_rel']);
		const [twice] = await call('reopen', { phone: ANA, taskKey: 'tk_e2e_rel', status: 'todo' });
		expect(twice).toMatchObject({ reopened: false, reason: 'not_done' });

		const [renamed] = await call('update', { phone: ANA, taskKey: 'tk_e2e_pao', title: 'Comprar pão integral' });
		expect(renamed).toMatchObject({ key: 'tk_e2e_pao', fields: { Title: 'Comprar pão integral' } });

		await drained();
		rows = await tasks();
		expect(rows).toHaveLength(2);
		const after = rows.find((r) => r.id === relatorio.id)!;
		expect(after.fields.Status).toBe('doing');
		expect(after.fields['Completed At']).toBeUndefined();
		expect(rows.find((r) => r.fields['Task Key'] === 'tk_e2e_pao')?.fields.Title).toBe('Comprar pão integral');
	});

	it("never touches another user's task, and completes a row typed in Airtable in place", async () => {
		// Carla exists in Airtable with a task a manager typed in (no Task Key) before her first turn.
		const [carla] = (await base()('Users').create([{ fields: { Phone: CARLA } }])).map((r) => r.id);
		const [typed] = (await base()('Tasks').create([{ fields: { Title: 'Digitada pelo gerente', User: [carla], Status: 'todo' } }])).map((r) => r.id);
		const count = (await tasks()).length;
		// The test's own requests share the base's 5 requests/s with n8n's first load (4 requests): let them
		// leave the one-second window, or the load meets a 429 and the turn goes on with an empty replica.
		await new Promise((resolve) => setTimeout(resolve, 2_100));

		const [other] = await call('complete', { phone: CARLA, taskKey: 'tk_e2e_pao' });
		expect(other).toEqual({ completed: false, reason: 'not_found' });
		// Her first turn loaded her rows into the replica; the row without a Task Key is keyed by its record id.
		expect(await openKeys(CARLA)).toEqual([typed]);
		const [done] = await call('complete', { phone: CARLA, taskKey: typed });
		expect(done).toMatchObject({ completed: true, id: typed, key: typed });
		await drained();
		const rows = await tasks();
		expect(rows).toHaveLength(count);
		expect(rows.find((r) => r.id === typed)?.fields.Status).toBe('done');
	});
});
