import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Redis from 'ioredis';

import type { ExternalRecordChange } from '../../../../../core/airtable/webhooks/changes';
import { AirtableChangeSync, type PullResult } from '../../../../../nodes/shared/airtable-sync/change-sync';
import type { ReplicaSink } from '../../../../../nodes/shared/airtable-sync/replica-sink';
import { startTestStore, type TestStore } from '../../../sandbox/airtable/helpers';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';

jest.setTimeout(30_000);

const DAY = 24 * 60 * 60 * 1000;
const CLIENT = { 'x-sandbox-change-source': 'client' };

/** The replica as this test sees it: every call recorded, records kept by id. */
class MemorySink implements ReplicaSink {
	readonly applied: ExternalRecordChange[] = [];
	readonly resynced: string[] = [];
	readonly records = new Map<string, Record<string, unknown>>();

	async applyExternalChange(change: ExternalRecordChange): Promise<void> {
		this.applied.push(change);
		if (change.deleted) this.records.delete(change.recordId);
		else this.records.set(change.recordId, { ...this.records.get(change.recordId), ...change.unchanged, ...change.fields });
	}

	async fullResync(table: string): Promise<void> {
		this.resynced.push(table);
	}
}

/** Receives the stand-in's pings and hands the raw body and MAC header to the sync, as the trigger node does. */
async function startPingReceiver(
	handle: (raw: Buffer, mac: string | undefined) => Promise<number>,
): Promise<{ url: string; server: Server; results: number[]; errors: Error[]; idle(): Promise<void> }> {
	const results: number[] = [];
	const errors: Error[] = [];
	const running = new Set<Promise<void>>();
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const run = handle(Buffer.concat(chunks), req.headers['x-airtable-content-mac'] as string | undefined)
				.catch((error: Error) => {
					errors.push(error);
					return 500;
				})
				.then((status) => {
					results.push(status);
					res.writeHead(status).end();
				})
				.finally(() => running.delete(run));
			running.add(run);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const idle = async () => {
		while (running.size > 0) await Promise.all([...running]);
	};
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/airtable-changes`, server, results, errors, idle };
}

async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

describe('AirtableChangeSync against the Airtable stand-in and a real redis-server', () => {
	let redisServer: TestRedis;
	let redis: Redis;
	let store: TestStore;
	let clock: number;
	let sink: MemorySink;
	let sync: AirtableChangeSync;
	let receiver: Awaited<ReturnType<typeof startPingReceiver>>;
	let pulls: PullResult[];
	let prefix = 0;

	const path = (table: string) => `/v0/${store.baseId}/${table}`;
	const hooks = async () => (await store.api('GET', `/v0/bases/${store.baseId}/webhooks`)).body.webhooks;
	const makeSync = (extra: Partial<ConstructorParameters<typeof AirtableChangeSync>[0]> = {}) =>
		new AirtableChangeSync({
			redis,
			baseId: store.baseId,
			token: store.token,
			endpointUrl: store.url,
			notificationUrl: receiver.url,
			sink,
			tables: ['Users', 'Tasks'],
			now: () => new Date(clock),
			keyPrefix: `test:${prefix}:`,
			...extra,
		});

	beforeAll(async () => {
		redisServer = await startTestRedis();
		redis = new Redis(redisServer.url);
	});

	afterAll(async () => {
		await redis.quit();
		await redisServer.stop();
	});

	beforeEach(async () => {
		clock = Date.parse('2026-03-02T12:00:00.000Z');
		prefix++;
		store = await startTestStore({ now: () => new Date(clock) });
		sink = new MemorySink();
		pulls = [];
		receiver = await startPingReceiver(async (raw, mac) => {
			const check = await sync.verifyPing(raw, mac);
			if (!check.ok) return 403;
			pulls.push(await sync.pull());
			return 204;
		});
		sync = makeSync();
	});

	afterEach(async () => {
		receiver.server.close();
		await receiver.idle();
		await store.dispose();
		expect(receiver.errors).toEqual([]);
	});

	it('creates one webhook per base, keeps it in Redis, resyncs once, and reuses it after a restart', async () => {
		const first = await sync.ensureWebhook();
		expect(first.created).toBe(true);
		expect(sink.resynced).toEqual(['Users', 'Tasks']);
		const status = await sync.status();
		expect(status).toEqual(expect.objectContaining({ webhookId: first.webhookId, cursor: 1, notificationUrl: receiver.url, lastResync: { reason: 'new-webhook', atMs: clock } }));
		expect(JSON.stringify(status)).not.toMatch(/macSecret/);

		// Another process (same Redis) finds and reuses it: no second webhook, no second resync.
		const again = await makeSync().ensureWebhook();
		expect(again).toEqual({ webhookId: first.webhookId, created: false });
		expect(await hooks()).toHaveLength(1);
		expect(sink.resynced).toEqual(['Users', 'Tasks']);
	});

	it("applies a manager's edits from a verified ping within the drain, in order, skipping the bot's own writes", async () => {
		await sync.ensureWebhook();
		const user = (await store.api('POST', path('Users'), { fields: { Phone: '+5511987654321', Timezone: 'America/Sao_Paulo' } })).body;
		const task = (await store.api('POST', path('Tasks'), { fields: { Title: 'Pagar boleto', Status: 'todo' } })).body;
		await until(() => pulls.length >= 1 && sink.applied.length === 0 && receiver.results.length >= 1, 'the echo pings');

		await store.api('PATCH', `${path('Users')}/${user.id}`, { fields: { Timezone: 'America/Manaus', 'Opt-in Status': 'opted_out' } }, CLIENT);
		await store.api('PATCH', `${path('Tasks')}/${task.id}`, { fields: { Title: 'Pagar boleto da luz', Status: 'done' } }, CLIENT);
		await store.api('DELETE', `${path('Tasks')}/${task.id}`, undefined, CLIENT);
		await until(() => sink.applied.length === 3, 'three applied changes');

		expect(sink.applied.map((c) => [c.table, c.kind, c.source])).toEqual([
			['Users', 'changed', 'client'],
			['Tasks', 'changed', 'client'],
			['Tasks', 'destroyed', 'client'],
		]);
		expect(sink.applied[0].fields).toEqual({ Timezone: 'America/Manaus', 'Opt-in Status': 'opted_out' });
		expect(sink.applied[0].unchanged).toEqual(expect.objectContaining({ Phone: '+5511987654321' }));
		expect(sink.applied[1].fields).toEqual({ Title: 'Pagar boleto da luz', Status: 'done' });
		expect(sink.records.get(user.id)).toEqual(expect.objectContaining({ Phone: '+5511987654321', Timezone: 'America/Manaus', 'Opt-in Status': 'opted_out' }));
		expect(sink.records.has(task.id)).toBe(false);
		expect(pulls.reduce((n, p) => n + p.skippedEchoes, 0)).toBe(2);
		expect((await sync.status())?.cursor).toBe(6);
		expect(receiver.results.every((s) => s === 204)).toBe(true);
	});

	it('refuses a ping whose MAC does not match the raw body, and applies nothing', async () => {
		const { webhookId } = await sync.ensureWebhook();
		const body = JSON.stringify({ base: { id: store.baseId }, webhook: { id: webhookId }, timestamp: new Date(clock).toISOString() });
		const forged = await fetch(receiver.url, { method: 'POST', headers: { 'x-airtable-content-mac': `hmac-sha256=${'0'.repeat(64)}` }, body });
		expect(forged.status).toBe(403);
		const unsigned = await fetch(receiver.url, { method: 'POST', body });
		expect(unsigned.status).toBe(403);
		expect(pulls).toEqual([]);
	});

	it('drains once when pings race, and a ping during a drain is read by the drainer', async () => {
		await sync.ensureWebhook();
		for (let i = 0; i < 5; i++) await store.api('POST', path('Tasks'), { fields: { Title: `t${i}` } }, CLIENT);
		await until(() => sink.applied.length === 5, 'five changes');
		await store.api('POST', path('Tasks'), { fields: { Title: 't5' } }, CLIENT);
		// Three more pulls race the one the ping started: whoever holds the lock reads for all of them.
		await Promise.all([makeSync().pull(), makeSync().pull(), sync.pull()]);
		await receiver.idle();
		expect(sink.applied).toHaveLength(6);
		expect((await sync.status())?.cursor).toBe(7);
		expect(new Set(sink.applied.map((c) => c.recordId)).size).toBe(6);
	});

	it('refreshes the webhook daily, and recreates it (with a resync) once Airtable let it expire', async () => {
		const { webhookId } = await sync.ensureWebhook();
		clock += DAY - 60_000;
		expect(await sync.refreshIfDue()).toBe(false);
		clock += 60_000;
		expect(await sync.refreshIfDue()).toBe(true);
		expect((await hooks())[0].expirationTime).toBe(new Date(clock + 7 * DAY).toISOString());

		clock += 7 * DAY + 1;
		expect((await hooks())[0].isHookEnabled).toBe(false);
		sink.resynced.length = 0;
		expect(await sync.refreshIfDue()).toBe(true);
		const now = await hooks();
		expect(now).toHaveLength(1);
		expect(now[0].id).not.toBe(webhookId);
		expect(now[0].isHookEnabled).toBe(true);
		expect(sink.resynced).toEqual(['Users', 'Tasks']);
	});

	it('resyncs instead of reading when the saved cursor is older than the 7 days payloads are kept', async () => {
		await sync.ensureWebhook();
		// Kept alive by refreshes, but nobody read payloads for 7 days.
		for (let day = 1; day <= 7; day++) {
			clock += DAY;
			await sync.refreshIfDue();
		}
		sink.resynced.length = 0;
		const result = await sync.pull();
		expect(result.resync).toBe('cursor-expired');
		expect(sink.resynced).toEqual(['Users', 'Tasks']);
		expect((await sync.status())?.cursorSavedAtMs).toBe(clock);
		expect((await sync.pull()).resync).toBeUndefined();
	});

	it('recreates a webhook that expired unseen, with one resync, instead of resyncing on every ping', async () => {
		const { webhookId } = await sync.ensureWebhook();
		clock += 8 * DAY;
		sink.resynced.length = 0;
		expect((await sync.pull()).resync).toBe('cursor-expired');
		const now = await hooks();
		expect(now.filter((h: { isHookEnabled: boolean }) => h.isHookEnabled).map((h: { id: string }) => h.id)).not.toContain(webhookId);
		expect(now.filter((h: { isHookEnabled: boolean }) => h.isHookEnabled)).toHaveLength(1);
		expect(sink.resynced).toEqual(['Users', 'Tasks']);
		expect((await sync.pull()).resync).toBeUndefined();
	});

	it('recreates a webhook someone deleted in Airtable, and resyncs', async () => {
		const { webhookId } = await sync.ensureWebhook();
		await store.api('DELETE', `/v0/bases/${store.baseId}/webhooks/${webhookId}`);
		sink.resynced.length = 0;
		const result = await sync.pull();
		expect(result.resync).toBe('webhook-disabled');
		expect((await hooks()).map((h: { id: string }) => h.id)).not.toContain(webhookId);
		expect(await hooks()).toHaveLength(1);
		expect(sink.resynced).toEqual(['Users', 'Tasks']);
	});

	it('resyncs when the backlog is larger than a drain may read', async () => {
		receiver.server.close();
		sync = makeSync({ maxPagesPerDrain: 1, notificationUrl: 'http://127.0.0.1:9/unreachable' });
		await sync.ensureWebhook();
		sink.resynced.length = 0;
		for (let i = 0; i < 6; i++) {
			await store.api('POST', path('Tasks'), { records: Array.from({ length: 10 }, (_, j) => ({ fields: { Title: `bulk ${i}.${j}` } })) }, CLIENT);
		}
		// 6 payloads fit one page; make 51 with single writes on top.
		for (let i = 0; i < 45; i++) await store.api('PATCH', path('Tasks'), { records: [{ id: (await store.api('GET', `${path('Tasks')}?maxRecords=1`)).body.records[0].id, fields: { Notes: `n${i}` } }] }, CLIENT);
		const result = await sync.pull();
		expect(result.pages).toBe(1);
		expect(result.resync).toBe('backlog-too-large');
		expect(sink.resynced).toEqual(['Users', 'Tasks']);
		// After the resync the cursor is past everything: the next drain reads nothing old.
		const next = await sync.pull();
		expect(next).toEqual(expect.objectContaining({ applied: 0, pages: 1 }));
	});

	it('catches up hourly on records modified since the last catch-up, through the official client', async () => {
		receiver.server.close();
		sync = makeSync({ notificationUrl: 'http://127.0.0.1:9/unreachable' });
		const task = (await store.api('POST', path('Tasks'), { fields: { Title: 'old', Status: 'todo' } })).body;
		clock += 2 * 60 * 60 * 1000;
		expect(await sync.catchUp()).toBe(0);
		clock += 60_000;
		await store.api('PATCH', `${path('Tasks')}/${task.id}`, { fields: { Status: 'done' } }, CLIENT);
		clock += 60 * 60 * 1000;
		expect(await sync.catchUp()).toBe(1);
		expect(sink.applied).toEqual([expect.objectContaining({ table: 'Tasks', recordId: task.id, source: 'catchUp', fields: { Title: 'old', Status: 'done' } })]);
		expect(await sync.catchUp()).toBe(0);
	});

	it('maintains hourly: refresh when due, catch-up once an hour; removes its webhook on deactivation', async () => {
		await sync.ensureWebhook();
		expect(await sync.maintain()).toEqual({ refreshed: false, caughtUp: 0 });
		clock += 30 * 60 * 1000;
		expect(await sync.maintain()).toEqual({ refreshed: false });
		clock += DAY;
		expect(await sync.maintain()).toEqual({ refreshed: true, caughtUp: 0 });
		expect(await sync.hasWebhook()).toBe(true);
		await sync.removeWebhook();
		expect(await hooks()).toEqual([]);
		expect(await sync.hasWebhook()).toBe(false);
		expect(await sync.status()).toBeUndefined();
	});
});
