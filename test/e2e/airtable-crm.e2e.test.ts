import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';

import { startAirtableStore, type RunningAirtableStore } from '../../sandbox/airtable/server';
import type { RunningN8n } from '../../sandbox/n8n/harness';
import { airtableService } from '../../sandbox/services';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';

jest.setTimeout(240_000);

const TOKEN = 'patE2eStore00000.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const BASE_ID = 'appE2eBestStag001';

/** The Airtable CRM node inside real n8n, against the local store, through a webhook flow. */
describe('Airtable CRM node in real n8n', () => {
	let store: RunningAirtableStore;
	let n8n: RunningN8n;
	let base: Airtable.Base;

	const health = async () => (await (await fetch(`${store.url}/healthz`)).json()) as { requests: number; rateLimited: number };
	const requests = async () => (await health()).requests;
	// The store is as strict as Airtable: after a 429 it refuses the base for 30 s. The node paces
	// itself, but this test's own reads share the base's 5 requests/s from another client, so each
	// side waits until the other's requests have left the one-second window.
	const settle = () => new Promise((resolve) => setTimeout(resolve, 1_100));
	const run = async (body: unknown) => {
		await settle();
		const response = await fetch(`${n8n.webhookBaseUrl}test/crm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		await settle();
		return response;
	};

	beforeAll(async () => {
		const port = await freePortBlock(1);
		store = await startAirtableStore({ port, dataDir: mkdtempSync(join(tmpdir(), 'crm-store-')), token: TOKEN, baseId: BASE_ID });
		// No hidden retry: a 429 here would mean the pacing above is wrong.
		base = new Airtable({ apiKey: TOKEN, endpointUrl: store.url, noRetryIfRateLimited: true }).base(BASE_ID);
		const ports = { airtable: port } as Parameters<NonNullable<typeof airtableService.credentials>>[0];
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows')],
			credentials: airtableService.credentials!(ports, {
				airtable: { token: TOKEN, baseId: BASE_ID },
			} as Parameters<NonNullable<typeof airtableService.credentials>>[1]),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await store?.close();
	});

	it('upserts the user, creates 25 tasks in 3 requests, and lists them', async () => {
		const titles = Array.from({ length: 25 }, (_, i) => `tarefa ${i + 1}`);
		titles[3] = `ligar pro João d'Ávila "urgente" {Status}`;
		const before = await requests();
		const response = await run({ phone: '(11) 98765-4321', name: 'Ana', titles });
		expect(response.status).toBe(200);
		const listed = (await response.json()) as Array<{ fields: { Title: string; Status: string } }>;
		expect(listed.map((t) => t.fields.Title).sort()).toEqual([...titles].sort());
		expect(listed.every((t) => t.fields.Status === 'todo')).toBe(true);
		// 1 user upsert + 3 batched creates (10+10+5) + 1 list page.
		expect((await requests()) - before).toBe(5);
	});

	it('updates the same user on the next message instead of duplicating', async () => {
		const response = await run({ phone: '+5511987654321', name: 'Ana Souza', titles: ['mais uma'] });
		expect(response.status).toBe(200);
		const users = await base('Users').select({ filterByFormula: "{Phone} = '+5511987654321'" }).all();
		expect(users).toHaveLength(1);
		expect(users[0].get('Name')).toBe('Ana Souza');
		expect(users[0].get('Opt-in Status')).toBe('opted_in');
		expect(((await response.json()) as unknown[]).length).toBe(26);
	});

	it('rejects a bad phone with a clear error and writes nothing', async () => {
		const usersBefore = (await base('Users').select().all()).length;
		const before = await requests();
		const response = await run({ phone: 'not a phone', name: 'X', titles: ['x'] });
		expect(response.status).toBeGreaterThanOrEqual(400);
		// n8n sent nothing to the store.
		expect((await requests()) - before).toBe(0);
		expect((await base('Users').select().all()).length).toBe(usersBefore);
		type Execution = { data: { resultData: { error: { message: string; description: string; node: { name: string } } } } };
		const { data } = await n8n.api.request<{ data: Execution[] }>('GET', '/executions?workflowId=bsTestCrmFlow001&status=error&includeData=true&limit=1');
		const error = data.data[0].data.resultData.error;
		expect(error.node.name).toBe('Upsert User');
		expect(error.message).toBe('Phone: "not a phone" is not a valid phone number. Use international format, e.g. +5511987654321.');
		expect(error.description).toBe('Check the "Phone" parameter.');
	});

	it('sends a failed item down the error output as { error, details } with its input, when the node continues on error', async () => {
		const tasks = [
			{ phone: '+5511987654321', title: 'ok 1' },
			{ phone: 'not a phone', title: 'bad' },
			{ phone: '+5511987654321', title: 'ok 2' },
		];
		const response = await fetch(`${n8n.webhookBaseUrl}test/crm-errors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tasks }) });
		expect(response.status).toBe(200);
		type Item = { json: Record<string, unknown> };
		type Execution = { status: string; data: { resultData: { runData: Record<string, Array<{ data: { main: Item[][] } }>> } } };
		let execution: Execution | undefined;
		for (let attempt = 0; attempt < 20 && !execution; attempt++) {
			const { data } = await n8n.api.request<{ data: Execution[] }>('GET', '/executions?workflowId=bsTestCrmErrors1&includeData=true&limit=1');
			execution = data.data[0];
			if (!execution) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(execution?.status).toBe('success');
		const [created, failed] = execution!.data.resultData.runData['Create Task'][0].data.main;
		expect(created.map((item) => (item.json.fields as { Title: string }).Title)).toEqual(['ok 1', 'ok 2']);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toEqual({
			phone: 'not a phone',
			title: 'bad',
			error: 'Phone: "not a phone" is not a valid phone number. Use international format, e.g. +5511987654321.',
			details: 'Check the "Phone" parameter.',
		});
	});

	it("never met a 429, with the store's 30 s penalty on (the default)", async () => {
		expect((await health()).rateLimited).toBe(0);
	});
});
