import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';

import { contentMac } from '../../core/airtable/webhooks/mac';
import { selectTasks } from '../../core/datapath';
import { DataPathStore } from '../../nodes/shared/datapath/store';
import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { airtableService } from '../../sandbox/services';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';
import { startTestRedis, type TestRedis } from '../support/redis-server';

jest.setTimeout(240_000);

const TOKEN = 'patE2eChanges000.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const BASE_ID = 'appE2eChanges0001';
const WORKFLOW = 'bsTestAtChanges1';

interface Execution {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt?: string;
	data?: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
}

/** A manager's edit in Airtable reaches a workflow in real n8n: webhook registered on activation, signed ping, verified, payloads read. */
describe('Airtable Changes Trigger in real n8n', () => {
	let redis: TestRedis;
	let store: RunningAirtableStore;
	let n8n: RunningN8n;

	const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
		const response = await fetch(`${store.url}${path}`, {
			method,
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> & { webhooks?: Array<Record<string, unknown>> } };
	};
	const executions = async (): Promise<Execution[]> =>
		(await n8n.api.request<{ data: Execution[] }>('GET', `/executions?workflowId=${WORKFLOW}&includeData=true&limit=50`)).data.data;

	beforeAll(async () => {
		redis = await startTestRedis();
		const port = await freePortBlock(1);
		store = await startAirtableStore({ port, dataDir: mkdtempSync(join(tmpdir(), 'changes-store-')), token: TOKEN, baseId: BASE_ID, rateLimitPerSecond: 0 });
		const ports = { airtable: port } as Parameters<NonNullable<typeof airtableService.credentials>>[0];
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows-airtable-changes')],
			credentials: airtableService.credentials!(ports, { airtable: { token: TOKEN, baseId: BASE_ID } } as Parameters<NonNullable<typeof airtableService.credentials>>[1]),
			extraEnv: { BESTSTAG_REDIS_URL: redis.url },
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await store?.close();
		await redis?.stop();
	});

	it('registers the webhook on activation and turns a manager edit into one item, within seconds', async () => {
		// Activation returns before n8n has run the trigger's create hook; wait for the webhook to appear.
		let hooks: Array<Record<string, unknown>> = [];
		for (let i = 0; i < 150 && hooks.length === 0; i++) {
			hooks = (await api('GET', `/v0/bases/${BASE_ID}/webhooks`)).body.webhooks ?? [];
			if (hooks.length === 0) await new Promise((r) => setTimeout(r, 200));
		}
		expect(hooks.map((h) => h.notificationUrl)).toEqual([`${n8n.webhookBaseUrl}airtable/changes`]);

		const user = (await api('POST', `/v0/${BASE_ID}/Users`, { fields: { Phone: '+5511987654321', Timezone: 'America/Sao_Paulo' } })).body as { id: string };
		const edited = Date.now();
		await api('PATCH', `/v0/${BASE_ID}/Users/${user.id}`, { fields: { Timezone: 'America/Manaus' } }, { 'x-sandbox-change-source': 'client' });

		let found: { execution: Execution; items: Array<Record<string, unknown>> } | undefined;
		for (let i = 0; i < 150 && !found; i++) {
			for (const execution of await executions()) {
				const items = execution.data?.resultData.runData['Airtable Changes']?.[0]?.data.main[0].map((item) => item.json) ?? [];
				if (items.some((item) => item.recordId === user.id && item.kind === 'changed')) found = { execution, items };
			}
			if (!found) await new Promise((r) => setTimeout(r, 200));
		}
		expect(found).toBeDefined();
		const change = found!.items.find((item) => item.recordId === user.id && item.kind === 'changed');
		expect(change).toEqual(expect.objectContaining({ table: 'Users', source: 'client', fields: { Timezone: 'America/Manaus' } }));
		// The bot's own create (publicApi by this token) never becomes an item.
		expect(found!.items.some((item) => item.kind === 'created')).toBe(false);
		const latencyMs = Date.parse(found!.execution.stoppedAt ?? found!.execution.startedAt) - edited;
		console.log(`[airtable-changes e2e] edit → execution finished in ${latencyMs} ms`);
		expect(latencyMs).toBeLessThan(30_000);
	});

	it("applies a manager's edits to the replica the buffered CRM node reads (Apply to the BestStag Replica, on by default)", async () => {
		const phone = '+5521998765432';
		const client = { 'x-sandbox-change-source': 'client' };
		const connection = new Redis(redis.url);
		const replica = new DataPathStore(connection);
		const waitFor = async (what: string, check: () => Promise<boolean>) => {
			for (let i = 0; i < 150; i++) {
				if (await check()) return;
				await new Promise((r) => setTimeout(r, 200));
			}
			throw new Error(`The replica never showed ${what}.`);
		};
		const openTitles = async () => selectTasks(await replica.listOwned(BASE_ID, 'Tasks', phone), 'open', Date.now(), 50).map((t) => t.fields.Title);
		try {
			const user = (await api('POST', `/v0/${BASE_ID}/Users`, { fields: { Phone: phone, Timezone: 'America/Sao_Paulo', 'Opt-in Status': 'opted_in' } }, client)).body as { id: string };
			await waitFor('the new user', async () => (await replica.get(BASE_ID, 'Users', phone))?.recordId === user.id);
			await api('PATCH', `/v0/${BASE_ID}/Users/${user.id}`, { fields: { Timezone: 'Europe/Lisbon', 'Opt-in Status': 'opted_out' } }, client);
			await waitFor('the new time zone and opt-in', async () => {
				const fields = (await replica.get(BASE_ID, 'Users', phone))?.fields;
				return fields?.Timezone === 'Europe/Lisbon' && fields?.['Opt-in Status'] === 'opted_out';
			});

			const task = (await api('POST', `/v0/${BASE_ID}/Tasks`, { fields: { 'Task Key': 'tk_e2e_boleto', Title: 'pagar boleto', Status: 'todo', User: [user.id] } }, client)).body as { id: string };
			await waitFor('the new task', async () => (await openTitles()).includes('pagar boleto'));
			const renamed = Date.now();
			await api('PATCH', `/v0/${BASE_ID}/Tasks/${task.id}`, { fields: { Title: 'pagar boleto da luz' } }, client);
			await waitFor('the renamed task', async () => JSON.stringify(await openTitles()) === JSON.stringify(['pagar boleto da luz']));
			console.log(`[airtable-changes e2e] rename in Airtable → replica in ${Date.now() - renamed} ms (polled every 200 ms)`);
			expect(Date.now() - renamed).toBeLessThan(30_000);
			await api('PATCH', `/v0/${BASE_ID}/Tasks/${task.id}`, { fields: { Status: 'done' } }, client);
			await waitFor('the task done', async () => (await openTitles()).length === 0 && (await replica.get(BASE_ID, 'Tasks', 'tk_e2e_boleto'))?.fields.Status === 'done');
			await api('DELETE', `/v0/${BASE_ID}/Tasks/${task.id}`, undefined, client);
			await waitFor('the task deleted', async () => (await replica.get(BASE_ID, 'Tasks', 'tk_e2e_boleto')) === undefined);
		} finally {
			await connection.quit();
		}
	});

	it('answers 403 to a ping whose MAC does not match', async () => {
		const webhookId = ((await api('GET', `/v0/bases/${BASE_ID}/webhooks`)).body.webhooks ?? [])[0].id as string;
		const body = JSON.stringify({ base: { id: BASE_ID }, webhook: { id: webhookId }, timestamp: new Date().toISOString() });
		// Let the previous test's pings (coalesced, retried by the stand-in) finish their executions first.
		let before = (await executions()).length;
		for (let stableSince = Date.now(), end = Date.now() + 20_000; Date.now() - stableSince < 2_000 && Date.now() < end; ) {
			await new Promise((r) => setTimeout(r, 250));
			const now = (await executions()).length;
			if (now !== before) [before, stableSince] = [now, Date.now()];
		}
		const forged = await fetch(`${n8n.webhookBaseUrl}airtable/changes`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-airtable-content-mac': contentMac(Buffer.alloc(32, 9).toString('base64'), body) },
			body,
		});
		expect(forged.status).toBe(403);
		await new Promise((r) => setTimeout(r, 500));
		expect((await executions()).length).toBe(before);
	});
});
