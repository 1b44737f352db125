import Redis from 'ioredis';

import { BUFFERED, type BufferedContext } from '../../../../../nodes/AirtableCrm/buffered/operations';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { AirtableUpsertSender } from '../../../../../nodes/shared/datapath/airtable-sender';
import { BaseFlusher } from '../../../../../nodes/shared/datapath/flusher';
import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { mockExecuteContext, type MockContextOptions } from '../../../../support/execute-context';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';
import { createMany, startTestStore, TOKEN, type TestStore } from '../../../sandbox/airtable/helpers';
import { expectFailedItem } from '../harness';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

jest.setTimeout(60_000);

const ANA = '+5511987654321';
const BRUNO = '+5511912345678';

describe('buffered task complete / reopen / update (real redis-server, Airtable stand-in)', () => {
	let server: TestRedis;
	let redis: Redis;
	let store: DataPathStore;
	let airtable: TestStore;
	let context: BufferedContext;

	const run = async (operation: 'create' | 'list' | 'complete' | 'reopen' | 'update', options: MockContextOptions) => {
		const { ctx } = mockExecuteContext({ items: [{}], ...options, node: { id: 'node-1' } });
		return BUFFERED.task[operation].call(ctx, context);
	};
	const outbox = async () => (await store.readOutbox(airtable.baseId, 100)).map((e) => ({ key: e.key, fields: e.fields }));
	const rows = async () => (await airtable.api('GET', `/v0/${airtable.baseId}/Tasks?pageSize=100`)).body.records as Array<{ id: string; fields: Record<string, unknown> }>;

	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
		store = new DataPathStore(redis);
	});
	afterAll(async () => {
		await redis.quit();
		await server.stop();
	});
	beforeEach(async () => {
		await redis.flushall();
		airtable = await startTestStore();
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: NO_RATE_LIMIT });
		context = { store, base: airtable.baseId, gateway };
		// Ana's two tasks and Bruno's one, all created this turn (not yet in Airtable).
		await run('create', { items: [{}, {}, {}], parameters: { phone: (i: number) => (i === 2 ? BRUNO : ANA), title: (i: number) => ['Enviar relatório', 'Comprar pão', 'Tarefa do Bruno'][i], taskKey: (i: number) => ['tk_rel', 'tk_pao', 'tk_bruno'][i] } });
		await redis.del(...(await redis.keys('*outbox*')));
	});
	afterEach(async () => {
		await airtable.dispose();
	});

	it('completes by key with only the changed fields, and the next read sees it (read-your-writes)', async () => {
		const out = await run('complete', { parameters: { findBy: 'key', phone: 'whatsapp:+55 11 98765-4321', taskKey: 'tk_rel' } });
		expect(out).toEqual([{ json: { completed: true, id: null, key: 'tk_rel', buffered: true, fields: expect.objectContaining({ Title: 'Enviar relatório', Status: 'done', 'Completed At': expect.any(String) }) }, pairedItem: { item: 0 } }]);
		expect(await outbox()).toEqual([{ key: 'tk_rel', fields: { Status: 'done', 'Completed At': expect.any(String) } }]);
		const open = await run('list', { parameters: { phone: ANA, filter: 'open', limit: 50 } });
		expect(open.map((item) => item.json.key)).toEqual(['tk_pao']);
	});

	it('a second complete writes nothing and says already_done; another user’s key is not found', async () => {
		await run('complete', { parameters: { findBy: 'key', phone: ANA, taskKey: 'tk_rel' } });
		const again = await run('complete', { items: [{}, {}], parameters: { findBy: 'key', phone: ANA, taskKey: (i: number) => ['tk_rel', 'tk_bruno'][i] } });
		expect(again[0].json).toMatchObject({ completed: false, reason: 'already_done', key: 'tk_rel' });
		expect(again[1].json).toEqual({ completed: false, reason: 'not_found' });
		expect(await outbox()).toHaveLength(1);
		expect((await store.get(airtable.baseId, 'Tasks', 'tk_bruno'))?.fields.Status).toBe('todo');
	});

	it('reopen (undo) restores the previous status and clears Completed At, once', async () => {
		await run('complete', { parameters: { findBy: 'key', phone: ANA, taskKey: 'tk_rel' } });
		const out = await run('reopen', { parameters: { phone: ANA, taskKey: 'tk_rel', status: 'doing' } });
		expect(out[0].json).toMatchObject({ reopened: true, key: 'tk_rel', fields: { Status: 'doing' } });
		expect((out[0].json.fields as Record<string, unknown>)['Completed At']).toBeUndefined();
		expect((await outbox())[1]).toEqual({ key: 'tk_rel', fields: { Status: 'doing', 'Completed At': null } });
		const twice = await run('reopen', { items: [{}, {}], parameters: { phone: ANA, taskKey: (i: number) => ['tk_rel', 'tk_bruno'][i], status: 'todo' } });
		expect(twice[0].json).toMatchObject({ reopened: false, reason: 'not_done' });
		expect(twice[1].json).toEqual({ reopened: false, reason: 'not_found' });
		expect(await outbox()).toHaveLength(2);
	});

	it('update by key queues only the fields that change', async () => {
		const out = await run('update', { parameters: { phone: ANA, taskKey: 'tk_pao', updateFields: { title: 'Comprar pão', due: '2026-12-03T12:00:00Z', priority: 'high' } } });
		expect(out[0].json).toMatchObject({ created: false, key: 'tk_pao', buffered: true, fields: { Title: 'Comprar pão', Priority: 'high' } });
		expect(await outbox()).toEqual([{ key: 'tk_pao', fields: { Due: '2026-12-03T12:00:00.000Z', Priority: 'high' } }]);
	});

	it('bad items fail alone with continue-on-fail: unknown key, blank key, bad phone, find by title', async () => {
		const update = await run('update', { items: [{}, {}, {}], continueOnFail: true, parameters: { phone: (i: number) => (i === 2 ? 'abc' : ANA), taskKey: (i: number) => ['tk_bruno', ' ', 'tk_pao'][i], updateFields: { title: 'x' } } });
		expectFailedItem(update[0], 0, /no task with key "tk_bruno"/);
		expectFailedItem(update[1], 1, /Task Key is required/);
		expectFailedItem(update[2], 2, /Phone/);
		const complete = await run('complete', { continueOnFail: true, parameters: { findBy: 'title', phone: ANA, title: 'Comprar pão' } });
		expectFailedItem(complete[0], 0, /Find Task By/);
		expect(await outbox()).toEqual([]);
	});

	it('a task typed in Airtable without a key is completed in place by its record id: no second row', async () => {
		const [carla] = await createMany(airtable, 'Users', [{ Phone: '+5511955554444' }]);
		const [typed] = await createMany(airtable, 'Tasks', [{ Title: 'Digitada no Airtable', User: [carla], Status: 'todo' }]);
		const listed = await run('list', { parameters: { phone: '+5511955554444', filter: 'open', limit: 50 } });
		expect(listed.map((item) => item.json.key)).toEqual([typed]);
		const out = await run('complete', { parameters: { findBy: 'key', phone: '+5511955554444', taskKey: typed } });
		expect(out[0].json).toMatchObject({ completed: true, id: typed, key: typed });
		const flusher = new BaseFlusher(redis, store, airtable.baseId, new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }), { acquire: async () => undefined }, { holder: 'test', window: { windowMs: 0, fullBatch: 10 } });
		expect(await flusher.cycle()).toMatchObject({ sent: 1, dead: 0 });
		const tasks = await rows();
		expect(tasks).toHaveLength(1);
		expect(tasks[0]).toMatchObject({ id: typed, fields: { Title: 'Digitada no Airtable', Status: 'done' } });
		expect(tasks[0].fields['Task Key']).toBeUndefined();
	});
});
