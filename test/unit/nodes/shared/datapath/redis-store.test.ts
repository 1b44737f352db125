import Redis from 'ioredis';

import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { BaseLease } from '../../../../../nodes/shared/datapath/lease';
import { useTestRedis } from '../../../../support/redis-server';

jest.setTimeout(30_000);

const BASE = 'appDataPathTest01';
const PHONE = '+5511987654321';
const userRef = { table: 'Users', keyField: 'Phone', key: PHONE };

describe('DataPathStore (real redis-server)', () => {
	const server = useTestRedis({ flushBeforeEach: true });
	let redis: Redis;
	let store: DataPathStore;

	beforeAll(() => {
		redis = server.client;
		store = new DataPathStore(redis);
	});

	it('a write is read back at once from the replica and waits in the outbox (read-your-writes)', async () => {
		const [user] = await store.write(BASE, [{ ...userRef, fields: { Locale: 'pt-BR', Timezone: 'America/Sao_Paulo' } }]);
		expect(user).toEqual({ table: 'Users', key: PHONE, fields: { Locale: 'pt-BR', Timezone: 'America/Sao_Paulo' } });
		await store.write(BASE, [{ ...userRef, fields: { Locale: 'en', Email: null } }]);
		expect((await store.get(BASE, 'Users', PHONE))?.fields).toEqual({ Locale: 'en', Timezone: 'America/Sao_Paulo' });
		expect(await store.outboxDepth(BASE)).toBe(2);
		expect((await store.pendingFields(BASE, 'Users', PHONE)).sort()).toEqual(['Email', 'Locale', 'Timezone']);
		const entries = await store.readOutbox(BASE, 10);
		expect(entries.map((e) => e.fields)).toEqual([{ Locale: 'pt-BR', Timezone: 'America/Sao_Paulo' }, { Locale: 'en', Email: null }]);
		expect(await store.bases()).toEqual([BASE]);
	});

	it('lists the records a user owns, and keeps a record with no fields yet', async () => {
		await store.write(BASE, [
			{ table: 'Tasks', keyField: 'Task Key', key: 'tk_a', fields: { Title: 'pagar boleto', Status: 'todo' }, owner: PHONE, parents: [userRef] },
			{ table: 'Tasks', keyField: 'Task Key', key: 'tk_b', fields: { Title: 'ligar pro João', Status: 'todo' }, owner: PHONE },
			{ table: 'Tasks', keyField: 'Task Key', key: 'tk_c', fields: { Title: 'outro', Status: 'todo' }, owner: '+5511900000000' },
			{ ...userRef, fields: {} },
		]);
		const titles = (await store.listOwned(BASE, 'Tasks', PHONE)).map((r) => r.fields.Title).sort();
		expect(titles).toEqual(['ligar pro João', 'pagar boleto']);
		expect(await store.get(BASE, 'Users', PHONE)).toEqual({ table: 'Users', key: PHONE, fields: {} });
		expect((await store.readOutbox(BASE, 10))[0].parents).toEqual([userRef]);
	});

	it('refuses a write without a key and accepts nothing of that turn', async () => {
		await expect(store.write(BASE, [{ ...userRef, fields: { Name: 'x' } }, { table: 'Tasks', keyField: 'Task Key', key: ' ', fields: {} }])).rejects.toThrow(/non-empty key/);
		expect(await store.outboxDepth(BASE)).toBe(0);
		expect(await store.get(BASE, 'Users', PHONE)).toBeUndefined();
	});

	it('an external change keeps a pending local field until it is acknowledged, then Airtable wins', async () => {
		const lease = new BaseLease(redis, BASE, 'test', 5_000);
		const token = (await lease.hold())!;
		await store.write(BASE, [{ ...userRef, fields: { Timezone: 'America/Manaus' } }]);
		let record = await store.applyExternalChange(BASE, 'Users', PHONE, { fields: { Timezone: 'Europe/Lisbon', 'Opt-in Status': 'opted_out' } }, { recordId: 'recUSER' });
		expect(record?.fields).toEqual({ Timezone: 'America/Manaus', 'Opt-in Status': 'opted_out' });
		const [entry] = await store.readOutbox(BASE, 10);
		const pending = { ...userRef, fields: entry.fields, parents: [], entryIds: [entry.id], firstAt: entry.at };
		expect(await store.acknowledge(BASE, token, [{ record: pending, recordId: 'recUSER' }])).toBe(true);
		expect(await store.outboxDepth(BASE)).toBe(0);
		expect(await store.pendingFields(BASE, 'Users', PHONE)).toEqual([]);
		record = await store.applyExternalChange(BASE, 'Users', PHONE, { fields: { Timezone: 'Europe/Lisbon' } });
		expect(record).toEqual({ table: 'Users', key: PHONE, recordId: 'recUSER', fields: { Timezone: 'Europe/Lisbon', 'Opt-in Status': 'opted_out' } });
	});

	it('an external delete removes the record and its listing, unless a local write is pending', async () => {
		await store.applyExternalChange(BASE, 'Tasks', 'tk_1', { fields: { Title: 'a' } }, { recordId: 'rec1', owner: PHONE });
		expect(await store.listOwned(BASE, 'Tasks', PHONE)).toHaveLength(1);
		expect(await store.applyExternalChange(BASE, 'Tasks', 'tk_1', { deleted: true }, { owner: PHONE })).toBeUndefined();
		expect(await store.get(BASE, 'Tasks', 'tk_1')).toBeUndefined();
		expect(await store.listOwned(BASE, 'Tasks', PHONE)).toEqual([]);

		await store.write(BASE, [{ table: 'Tasks', keyField: 'Task Key', key: 'tk_2', fields: { Status: 'done' }, owner: PHONE }]);
		await store.applyExternalChange(BASE, 'Tasks', 'tk_2', { fields: { Title: 'b' } });
		expect((await store.applyExternalChange(BASE, 'Tasks', 'tk_2', { deleted: true }))?.fields).toEqual({ Status: 'done' });
	});

	it('loads a user from Airtable once, even when asked concurrently', async () => {
		const load = jest.fn(async () => [
			{ table: 'Users', key: PHONE, recordId: 'recU', fields: { Locale: 'en' } },
			{ table: 'Tasks', key: 'tk_9', recordId: 'recT', fields: { Title: 'x', Status: 'todo' }, owner: PHONE },
		]);
		await Promise.all([store.ensureLoaded(BASE, PHONE, load), store.ensureLoaded(BASE, PHONE, load)]);
		await store.ensureLoaded(BASE, PHONE, load);
		expect(load).toHaveBeenCalledTimes(1);
		expect((await store.get(BASE, 'Users', PHONE))?.recordId).toBe('recU');
		expect((await store.listOwned(BASE, 'Tasks', PHONE)).map((r) => r.key)).toEqual(['tk_9']);
	});

	it('a failed load leaves the user unloaded, so the next turn tries again', async () => {
		await expect(store.ensureLoaded(BASE, PHONE, async () => Promise.reject(new Error('Airtable down')))).rejects.toThrow('Airtable down');
		const load = jest.fn(async () => []);
		await store.ensureLoaded(BASE, PHONE, load);
		expect(load).toHaveBeenCalledTimes(1);
	});
});

describe('BaseLease (real redis-server)', () => {
	const server = useTestRedis();
	let redis: Redis;

	beforeAll(() => {
		redis = server.client;
	});

	it('has one holder at a time; a successor takes over after the TTL with a larger fencing token, and the old token acknowledges nothing', async () => {
		const first = new BaseLease(redis, BASE, 'a', 300);
		const second = new BaseLease(redis, BASE, 'b', 300);
		const tokenA = await first.hold();
		expect(tokenA).toMatch(/^\d+:a$/);
		expect(await second.hold()).toBeUndefined();
		expect(await first.hold()).toBe(tokenA);
		await new Promise((r) => setTimeout(r, 400)); // a dies: no renewal
		const tokenB = await second.hold();
		expect(tokenB).toMatch(/^\d+:b$/);
		expect(Number(tokenB!.split(':')[0])).toBeGreaterThan(Number(tokenA!.split(':')[0]));
		expect(await first.hold()).toBeUndefined();

		const store = new DataPathStore(redis);
		await store.write(BASE, [{ ...userRef, fields: { Name: 'Ana' } }]);
		const [entry] = await store.readOutbox(BASE, 1);
		const record = { ...userRef, fields: entry.fields, parents: [], entryIds: [entry.id], firstAt: entry.at };
		expect(await store.acknowledge(BASE, tokenA!, [{ record }])).toBe(false);
		expect(await store.outboxDepth(BASE)).toBe(1);
		await second.release();
		expect(await BaseLease.current(redis, BASE)).toBeUndefined();
	});
});
