import Redis from 'ioredis';

import { selectTasks } from '../../../../../core/datapath';
import { loadOnMiss } from '../../../../../nodes/AirtableCrm/buffered/operations';
import { loadUserRows } from '../../../../../nodes/AirtableCrm/buffered/replica-loader';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';
import { createMany, startTestStore, TOKEN, type TestStore } from '../../../sandbox/airtable/helpers';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

jest.setTimeout(30_000);

const PHONE = '+5511987654321';
const OTHER = '+5511900000009';

describe('replica miss: loading a user from the Airtable stand-in', () => {
	let server: TestRedis;
	let redis: Redis;
	let airtable: TestStore;
	let gateway: AirtableGateway;

	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
		airtable = await startTestStore();
		gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: NO_RATE_LIMIT });
		const [, ana] = await createMany(airtable, 'Users', [{ Phone: OTHER }, { Phone: PHONE, Timezone: 'America/Manaus', Locale: 'en' }]);
		const other = (await airtable.api('GET', `/v0/${airtable.baseId}/Users?filterByFormula=${encodeURIComponent(`{Phone}='${OTHER}'`)}`)).body.records[0].id;
		await createMany(airtable, 'Tasks', [
			{ Title: 'relatório', User: [ana], Status: 'todo', 'Task Key': 'tk_1', Due: '2026-12-01T12:00:00.000Z' },
			{ Title: 'typed in Airtable by a manager', User: [ana], Status: 'doing' },
			{ Title: 'old', User: [ana], Status: 'done', 'Task Key': 'tk_2' },
			{ Title: 'someone else', User: [other], Status: 'todo', 'Task Key': 'tk_3' },
		]);
		await createMany(airtable, 'Reminders', [{ Text: 'ligar', User: [ana], Status: 'scheduled', 'Due At': '2026-12-01T12:00:00.000Z', 'Reminder Key': 'rm_1' }, { Text: 'sent', User: [ana], Status: 'sent' }]);
		await createMany(airtable, 'Handoffs', [{ Reference: 'HO-1', User: [ana], Status: 'open' }]);
	});
	afterAll(async () => {
		await redis.quit();
		await server.stop();
		await airtable.dispose();
	});

	it('loads the profile, open tasks, scheduled reminders and open hand-offs of that user only, keyed by their stable keys', async () => {
		const rows = await loadUserRows(gateway, PHONE);
		const summary = rows.map((r) => [r.table, r.key.startsWith('rec') ? 'rec…' : r.key, r.owner ?? null]).sort();
		expect(summary).toEqual(
			[
				['Handoffs', 'HO-1', PHONE],
				['Reminders', 'rm_1', PHONE],
				['Tasks', 'rec…', PHONE],
				['Tasks', 'tk_1', PHONE],
				['Users', PHONE, null],
			].sort(),
		);
		expect(rows.find((r) => r.table === 'Users')?.fields).toMatchObject({ Timezone: 'America/Manaus', Locale: 'en' });
		expect(rows.find((r) => r.key === 'tk_1')?.fields.User).toEqual([PHONE]);
	});

	it('costs one request for a phone Airtable does not know', async () => {
		const before = gateway.requestCount;
		expect(await loadUserRows(gateway, '+5511955555555')).toEqual([]);
		expect(gateway.requestCount - before).toBe(1);
	});

	it('fills the replica once; a local write made before the load keeps its value', async () => {
		const store = new DataPathStore(redis);
		const base = airtable.baseId;
		await store.write(base, [{ table: 'Users', keyField: 'Phone', key: PHONE, fields: { Locale: 'pt-BR' } }]);
		await store.ensureLoaded(base, PHONE, () => loadUserRows(gateway, PHONE));
		expect((await store.get(base, 'Users', PHONE))?.fields).toMatchObject({ Locale: 'pt-BR', Timezone: 'America/Manaus' });
		const open = selectTasks(await store.listOwned(base, 'Tasks', PHONE), 'open', Date.parse('2026-11-29T00:00:00Z'), 10);
		expect(open.map((t) => t.fields.Title)).toEqual(['relatório', 'typed in Airtable by a manager']);
	});
});

describe('replica miss while Airtable cannot answer', () => {
	let server: TestRedis;
	let redis: Redis;
	let airtable: TestStore;

	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
		airtable = await startTestStore();
	});
	afterAll(async () => {
		await redis.quit();
		await server.stop();
		await airtable.dispose();
	});

	it('lets the turn go on while the base is paused after a 429, and loads on the next turn', async () => {
		const store = new DataPathStore(redis);
		let pausedMs = 30_000;
		const limiter = { acquire: async () => undefined, pause: async () => undefined, pausedMs: async () => pausedMs };
		const gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter });
		await createMany(airtable, 'Users', [{ Phone: PHONE, Timezone: 'America/Manaus' }]);
		const context = { store, base: airtable.baseId, gateway };

		await expect(loadOnMiss(context, PHONE)).resolves.toBeUndefined();
		expect(await store.get(airtable.baseId, 'Users', PHONE)).toBeUndefined();

		pausedMs = 0;
		await loadOnMiss(context, PHONE);
		expect((await store.get(airtable.baseId, 'Users', PHONE))?.fields.Timezone).toBe('America/Manaus');
	});

	it('still fails on what waiting cannot fix, such as a refused token', async () => {
		const store = new DataPathStore(redis);
		const gateway = new AirtableGateway({ accessToken: 'patWrong.token', baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: NO_RATE_LIMIT });
		await expect(loadOnMiss({ store, base: airtable.baseId, gateway }, OTHER)).rejects.toThrow();
	});
});
