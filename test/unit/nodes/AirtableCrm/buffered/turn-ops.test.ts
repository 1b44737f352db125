import Redis from 'ioredis';

import { laterStatus, REPLY_STATUS_HOLD_MS } from '../../../../../core/airtable/crm';
import { mergeEntries } from '../../../../../core/datapath';
import { BUFFERED, type BufferedContext } from '../../../../../nodes/AirtableCrm/buffered/operations';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { closeRedisConnections } from '../../../../../nodes/shared/redis';
import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { mockExecuteContext } from '../../../../support/execute-context';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';
import { createMany, startTestStore, TOKEN, type TestStore } from '../../../sandbox/airtable/helpers';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

jest.setTimeout(30_000);

const NEW_USER = '+5511911112222';
const ANA = '+5511987654321';
const TURN = 'SM' + '1'.repeat(32);
const REPLY = 'SM' + '2'.repeat(32);

describe('buffered operations of a turn: User → Get, Message → Log with a reply, Message → Record Status', () => {
	let server: TestRedis;
	let redis: Redis;
	let airtable: TestStore;
	let context: BufferedContext;
	const previousUrl = process.env.BESTSTAG_REDIS_URL;
	const run = async (resource: string, operation: string, parameters: Record<string, unknown>) => {
		const { ctx } = mockExecuteContext({ parameters });
		return BUFFERED[resource][operation].call(ctx, context);
	};

	beforeAll(async () => {
		server = await startTestRedis();
		process.env.BESTSTAG_REDIS_URL = server.url;
		redis = new Redis(server.url);
		airtable = await startTestStore();
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: NO_RATE_LIMIT });
		context = { store: new DataPathStore(redis), base: airtable.baseId, gateway };
		const [ana] = await createMany(airtable, 'Users', [{ Phone: ANA, Locale: 'en', 'Opt-in Status': 'opted_in' }]);
		await createMany(airtable, 'Tasks', [
			{ Title: 'later', User: [ana], Status: 'todo', 'Task Key': 'tk_2', Due: '2026-12-02T12:00:00.000Z' },
			{ Title: 'sooner', User: [ana], Status: 'todo', 'Task Key': 'tk_1', Due: '2026-12-01T12:00:00.000Z' },
			{ Title: 'done', User: [ana], Status: 'done', 'Task Key': 'tk_3' },
		]);
		await createMany(airtable, 'Handoffs', [{ Reference: 'HO-1', User: [ana], Status: 'open' }]);
	});
	afterAll(async () => {
		if (previousUrl === undefined) delete process.env.BESTSTAG_REDIS_URL;
		else process.env.BESTSTAG_REDIS_URL = previousUrl;
		await closeRedisConnections();
		await redis.quit();
		await server.stop();
		await airtable.close();
	});

	it('User → Get reads an unknown phone without creating or queueing anything', async () => {
		const [item] = await run('user', 'get', { phone: `whatsapp:${NEW_USER}` });
		expect(item.json).toEqual({ phone: NEW_USER, found: false, id: null, fields: {}, openTasks: [], tasks: [], openHandoffs: 0 });
		expect(await context.store.outboxDepth(airtable.baseId)).toBe(0);
		expect((await airtable.api('GET', `/v0/${airtable.baseId}/Users`)).body.records).toHaveLength(1);
	});

	it('User → Get gives a known user with open tasks in list order and open hand-offs', async () => {
		const [item] = await run('user', 'get', { phone: ANA });
		const json = item.json as { found: boolean; fields: Record<string, unknown>; openTasks: Array<{ key: string }>; openHandoffs: number };
		expect(json).toMatchObject({ found: true, fields: { Locale: 'en' }, openHandoffs: 1 });
		expect(json.openTasks.map((t) => t.key)).toEqual(['tk_1', 'tk_2']);
	});

	it('a reply’s status updates its turn’s row, never backwards; another message gets its own row', async () => {
		await run('message', 'log', { messageSid: TURN, phone: ANA, direction: 'inbound', text: 'minhas tarefas', additionalFields: { reply: '📋 ...', replySid: REPLY, status: 'queued', latencyMs: 120.4, engine: 'offline' } });
		await run('message', 'status', { messageSid: REPLY, phone: `whatsapp:${ANA}`, status: 'read', additionalFields: {} });
		await run('message', 'status', { messageSid: REPLY, phone: `whatsapp:${ANA}`, status: 'delivered', additionalFields: {} });
		const turn = await context.store.get(airtable.baseId, 'Messages', TURN);
		expect(turn?.fields).toMatchObject({ Status: 'read', 'Reply SID': REPLY, Reply: '📋 ...', 'Latency Ms': 120, Engine: 'offline', Direction: 'inbound' });
		expect(await context.store.get(airtable.baseId, 'Messages', REPLY)).toBeUndefined();

		const other = 'SM' + '3'.repeat(32);
		await run('message', 'status', { messageSid: other, phone: `whatsapp:${ANA}`, status: 'failed', additionalFields: { errorCode: '63016' } });
		expect((await context.store.get(airtable.baseId, 'Messages', other))?.fields).toMatchObject({ Direction: 'outbound', Status: 'failed', 'Error Code': '63016' });
	});

	it('a turn\'s row waits in the outbox for its reply\'s delivery status; the status releases it', async () => {
		const turn = 'SM' + '5'.repeat(32);
		const reply = 'SM' + '6'.repeat(32);
		const before = Date.now();
		await run('message', 'log', { messageSid: turn, phone: ANA, direction: 'inbound', text: 'oi', additionalFields: { reply: 'Oi!', replySid: reply, status: 'queued' } });
		const pending = async () => mergeEntries(await context.store.readOutbox(airtable.baseId, 100)).find((r) => r.key === turn);
		const held = await pending();
		expect(held?.heldUntil).toBeGreaterThanOrEqual(before + REPLY_STATUS_HOLD_MS);
		await run('message', 'status', { messageSid: reply, phone: `whatsapp:${ANA}`, status: 'delivered', additionalFields: {} });
		const released = await pending();
		expect(released).toMatchObject({ fields: { Status: 'delivered', 'Reply SID': reply } });
		expect(released?.heldUntil).toBeUndefined();
		// A turn without a reply (nothing was sent) is not held.
		const silent = 'SM' + '7'.repeat(32);
		await run('message', 'log', { messageSid: silent, phone: ANA, direction: 'inbound', text: 'oi', additionalFields: { status: 'received' } });
		expect(mergeEntries(await context.store.readOutbox(airtable.baseId, 100)).find((r) => r.key === silent)?.heldUntil).toBeUndefined();
	});

	it('with Untracked Messages "Failures Only", a status of a message that is no turn’s reply writes nothing unless it failed', async () => {
		const prompt = 'SM' + '4'.repeat(32);
		for (const status of ['sent', 'delivered', 'read']) {
			const [item] = await run('message', 'status', { messageSid: prompt, untracked: 'failures', phone: `whatsapp:${NEW_USER}`, status, additionalFields: {} });
			expect(item.json).toMatchObject({ messageSid: prompt, status, recorded: false });
		}
		expect(await context.store.get(airtable.baseId, 'Messages', prompt)).toBeUndefined();
		await run('message', 'status', { messageSid: prompt, untracked: 'failures', phone: `whatsapp:${NEW_USER}`, status: 'undelivered', additionalFields: { errorCode: '63024' } });
		expect((await context.store.get(airtable.baseId, 'Messages', prompt))?.fields).toMatchObject({ Direction: 'outbound', Status: 'undelivered', 'Error Code': '63024' });
		// A turn's reply is tracked whatever the policy says.
		await run('message', 'status', { messageSid: REPLY, untracked: 'failures', phone: `whatsapp:${ANA}`, status: 'failed', additionalFields: { errorCode: '63016' } });
		expect((await context.store.get(airtable.baseId, 'Messages', TURN))?.fields).toMatchObject({ Status: 'failed', 'Error Code': '63016' });
	});

	it('a status moves forward only', () => {
		expect(laterStatus('read', 'delivered')).toBe('read');
		expect(laterStatus('queued', 'delivered')).toBe('delivered');
		expect(laterStatus('delivered', 'failed')).toBe('failed');
		expect(laterStatus(undefined, 'sent')).toBe('sent');
		expect(() => laterStatus('sent', 'lost')).toThrow(/Status/);
	});
});
