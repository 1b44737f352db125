import type { IHookFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

import { contentMac } from '../../../../core/airtable/webhooks/mac';
import { AirtableChangesTrigger } from '../../../../nodes/AirtableChangesTrigger/AirtableChangesTrigger.node';
import { DataPathStore } from '../../../../nodes/shared/datapath/store';
import { closeRedisConnections } from '../../../../nodes/shared/redis';
import { startTestStore, type Loose, type TestStore } from '../../sandbox/airtable/helpers';
import { startTestRedis, type TestRedis } from '../../../support/redis-server';

jest.setTimeout(30_000);

const NOTIFICATION_URL = 'http://127.0.0.1:9/webhook/airtable/changes';

interface Answer {
	status?: number;
	body?: string;
}

/**
 * The trigger's hooks and webhook, called as n8n calls them, with the n8n context reduced to what
 * the node reads; Airtable (the stand-in) and Redis are real. The stand-in's own pings go to a closed
 * port here: the test posts each ping itself, so it controls the raw bytes and the MAC.
 */
describe('AirtableChangesTrigger', () => {
	let redis: TestRedis;
	let store: TestStore;
	const node = new AirtableChangesTrigger();
	const previousRedisUrl = process.env.BESTSTAG_REDIS_URL;

	function context(request?: { raw?: Buffer; mac?: string }, answer: Answer = {}): IHookFunctions & IWebhookFunctions {
		const response = {
			status(code: number) {
				answer.status = code;
				return response;
			},
			type() {
				return response;
			},
			send(body: string) {
				answer.body = body;
				return response;
			},
			end() {
				return response;
			},
		};
		return {
			getNode: () => ({ id: 'n1', name: 'Airtable Changes', type: 'n8n-nodes-beststag.airtableChangesTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCredentials: async () => ({ accessToken: store.token, baseId: store.baseId, endpointUrl: store.url }),
			getNodeParameter: (name: string, fallback?: unknown) => (name === 'tables' ? 'Users, Tasks' : fallback),
			getNodeWebhookUrl: () => NOTIFICATION_URL,
			getRequestObject: () => ({ rawBody: request?.raw, header: (name: string) => (name.toLowerCase() === 'x-airtable-content-mac' ? request?.mac : undefined) }),
			getResponseObject: () => response,
		} as unknown as IHookFunctions & IWebhookFunctions;
	}

	async function secret(): Promise<{ webhookId: string; macSecretBase64: string }> {
		const { default: Redis } = await import('ioredis');
		const client = new Redis(redis.url);
		const state = await client.hgetall(`beststag:airtable-sync:${store.baseId}`);
		await client.quit();
		return { webhookId: state.webhookId, macSecretBase64: state.macSecretBase64 };
	}

	beforeAll(async () => {
		redis = await startTestRedis();
		process.env.BESTSTAG_REDIS_URL = redis.url;
		store = await startTestStore();
	});

	afterAll(async () => {
		await closeRedisConnections();
		await store.dispose();
		await redis.stop();
		if (previousRedisUrl === undefined) delete process.env.BESTSTAG_REDIS_URL;
		else process.env.BESTSTAG_REDIS_URL = previousRedisUrl;
	});

	it('registers one Airtable webhook on activation, verifies pings, and emits one item per change after the resync', async () => {
		const hooks = node.webhookMethods.default;
		expect(await hooks.checkExists.call(context())).toBe(false);
		expect(await hooks.create.call(context())).toBe(true);
		expect(await hooks.checkExists.call(context())).toBe(true);
		const listed = (await store.api('GET', `/v0/bases/${store.baseId}/webhooks`)).body.webhooks;
		expect(listed.map((h: Loose) => h.notificationUrl)).toEqual([NOTIFICATION_URL]);

		const { webhookId, macSecretBase64 } = await secret();
		const user = (await store.api('POST', `/v0/${store.baseId}/Users`, { fields: { Phone: '+5511987654321' } })).body;
		await store.api('PATCH', `/v0/${store.baseId}/Users/${user.id}`, { fields: { 'Opt-in Status': 'opted_out' } }, { 'x-sandbox-change-source': 'client' });
		const raw = Buffer.from(JSON.stringify({ base: { id: store.baseId }, webhook: { id: webhookId }, timestamp: new Date().toISOString() }));

		const forged: Answer = {};
		expect(await node.webhook.call(context({ raw, mac: contentMac(Buffer.alloc(32, 1).toString('base64'), raw) }, forged))).toEqual({ noWebhookResponse: true });
		expect(forged.status).toBe(403);

		const ok: Answer = {};
		const result = await node.webhook.call(context({ raw, mac: contentMac(macSecretBase64, raw) }, ok));
		expect(ok.status).toBe(204);
		const items = result.workflowData?.[0].map((i) => i.json);
		// The resync found at activation comes first, then the manager's edit; the bot's own create is left out.
		expect(items).toEqual([
			{ kind: 'resync', table: 'Tasks' },
			{ kind: 'resync', table: 'Users' },
			expect.objectContaining({ table: 'Users', recordId: user.id, kind: 'changed', source: 'client', fields: { 'Opt-in Status': 'opted_out' }, unchanged: expect.objectContaining({ Phone: '+5511987654321' }) }),
		]);

		// "Apply to the BestStag Replica" (on by default) also put the edit in the replica the bot reads.
		const { default: Redis } = await import('ioredis');
		const client = new Redis(redis.url);
		const profile = await new DataPathStore(client).get(store.baseId, 'Users', '+5511987654321');
		await client.quit();
		expect(profile).toEqual(expect.objectContaining({ recordId: user.id, fields: expect.objectContaining({ 'Opt-in Status': 'opted_out' }) }));

		// The same ping again: nothing new, no execution.
		expect(await node.webhook.call(context({ raw, mac: contentMac(macSecretBase64, raw) }, {}))).toEqual({ noWebhookResponse: true });

		expect(await hooks.delete.call(context())).toBe(true);
		expect((await store.api('GET', `/v0/bases/${store.baseId}/webhooks`)).body.webhooks).toEqual([]);
	});

	it('schedules the hourly refresh and catch-up, and emits what the catch-up finds', async () => {
		const hooks = node.webhookMethods.default;
		await hooks.create.call(context());
		const task = (await store.api('POST', `/v0/${store.baseId}/Tasks`, { fields: { Title: 'Ligar pro contador', Status: 'todo' } })).body;
		await store.api('PATCH', `/v0/${store.baseId}/Tasks/${task.id}`, { fields: { Status: 'done' } }, { 'x-sandbox-change-source': 'client' });

		const crons: string[] = [];
		const emitted: Loose[][] = [];
		const triggerContext = {
			...context(),
			getNodeWebhookUrl: undefined,
			helpers: { registerCron: (cron: { expression: string }) => void crons.push(cron.expression) },
			emit: (data: Loose[][]) => void emitted.push(data[0].map((i: Loose) => i.json)),
			logger: { warn: () => undefined },
		};
		delete (triggerContext as Record<string, unknown>).getNodeWebhookUrl;
		const response = await node.trigger.call(triggerContext as unknown as ITriggerFunctions);
		expect(crons).toEqual(['0 7 * * * *']);

		await response.manualTriggerFunction!();
		expect(emitted).toHaveLength(1);
		expect(emitted[0].filter((i) => i.kind === 'resync').map((i) => i.table)).toEqual(['Tasks', 'Users']);
		expect(emitted[0]).toContainEqual(expect.objectContaining({ table: 'Tasks', recordId: task.id, source: 'catchUp', fields: { Title: 'Ligar pro contador', Status: 'done' } }));
		// Within the hour: nothing to refresh, no catch-up, no execution.
		await response.manualTriggerFunction!();
		expect(emitted).toHaveLength(1);
		await hooks.delete.call(context());
	});

	it('says what to set when Redis is not configured', async () => {
		delete process.env.BESTSTAG_REDIS_URL;
		try {
			await expect(node.webhookMethods.default.create.call(context())).rejects.toThrow(/BESTSTAG_REDIS_URL/);
		} finally {
			process.env.BESTSTAG_REDIS_URL = redis.url;
		}
	});
});
