import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Redis from 'ioredis';

import { selectTasks } from '../../../../../core/datapath';
import { loadUserRows } from '../../../../../nodes/AirtableCrm/buffered/replica-loader';
import { AirtableGateway } from '../../../../../nodes/AirtableCrm/transport/request';
import { AirtableChangeSync } from '../../../../../nodes/shared/airtable-sync/change-sync';
import { DataPathReplicaSink } from '../../../../../nodes/shared/datapath/replica-sink';
import { DataPathStore } from '../../../../../nodes/shared/datapath/store';
import { startTestRedis, type TestRedis } from '../../../../support/redis-server';
import { startTestStore, TOKEN, type TestStore } from '../../../sandbox/airtable/helpers';
import { NO_RATE_LIMIT } from '../../../../support/no-rate-limit';

jest.setTimeout(30_000);

const ANA = '+5511987654321';
/** Marks a stand-in request as an edit in Airtable's UI rather than the bot's API write. */
const CLIENT = { 'x-sandbox-change-source': 'client' };

describe("a manager's edits in the Airtable stand-in reach the replica through the Webhooks sync (real redis-server)", () => {
	let redisServer: TestRedis;
	let redis: Redis;
	let airtable: TestStore;
	let pings: Server;
	let store: DataPathStore;
	let sink: DataPathReplicaSink;
	let sync: AirtableChangeSync;
	let gateway: AirtableGateway;

	const path = (table: string) => `/v0/${airtable.baseId}/${table}`;
	const openTitles = async () => selectTasks(await store.listOwned(airtable.baseId, 'Tasks', ANA), 'open', Date.now(), 50).map((t) => t.fields.Title);

	beforeAll(async () => {
		redisServer = await startTestRedis();
		redis = new Redis(redisServer.url);
		airtable = await startTestStore();
		// Pings only say "read the payloads"; this test reads them itself with pull().
		pings = createServer((_req, res) => res.writeHead(204).end());
		await new Promise<void>((resolve) => pings.listen(0, '127.0.0.1', resolve));
		store = new DataPathStore(redis);
		sink = new DataPathReplicaSink(store, airtable.baseId);
		gateway = new AirtableGateway({ accessToken: TOKEN, baseId: airtable.baseId, endpointUrl: airtable.url }, { limiter: NO_RATE_LIMIT });
		sync = new AirtableChangeSync({
			redis,
			baseId: airtable.baseId,
			token: TOKEN,
			endpointUrl: airtable.url,
			notificationUrl: `http://127.0.0.1:${(pings.address() as AddressInfo).port}/webhook/airtable/changes`,
			sink,
			tables: ['Users', 'Tasks'],
		});
	});
	afterAll(async () => {
		await redis.quit();
		await redisServer.stop();
		await new Promise((resolve) => pings.close(resolve));
		await airtable.dispose();
	});

	it('renames, completes and deletes tasks and changes the profile in the replica, skipping the bot\'s own writes', async () => {
		const user = (await airtable.api('POST', path('Users'), { fields: { Phone: ANA, Timezone: 'America/Sao_Paulo', 'Opt-in Status': 'opted_in' } })).body;
		const boleto = (await airtable.api('POST', path('Tasks'), { fields: { 'Task Key': 'tk_boleto', Title: 'pagar boleto', Status: 'todo', User: [user.id] } })).body;
		const nota = (await airtable.api('POST', path('Tasks'), { fields: { 'Task Key': 'tk_nota', Title: 'emitir nota', Status: 'todo', User: [user.id] } })).body;
		await sync.ensureWebhook();
		await store.ensureLoaded(airtable.baseId, ANA, () => loadUserRows(gateway, ANA));
		expect((await openTitles()).sort()).toEqual(['emitir nota', 'pagar boleto']);

		await airtable.api('PATCH', `${path('Tasks')}/${boleto.id}`, { fields: { Title: 'pagar boleto da luz' } }, CLIENT);
		await airtable.api('PATCH', `${path('Tasks')}/${nota.id}`, { fields: { Status: 'done' } }, CLIENT);
		await airtable.api('PATCH', `${path('Users')}/${user.id}`, { fields: { Timezone: 'America/Manaus', 'Opt-in Status': 'opted_out' } }, CLIENT);
		const typed = (await airtable.api('POST', path('Tasks'), { fields: { Title: 'ligar pro contador', Status: 'todo', User: [user.id] } }, CLIENT)).body;
		// The bot's own API write comes back as an echo and is not applied (its value is already the replica's).
		await airtable.api('PATCH', `${path('Tasks')}/${boleto.id}`, { fields: { Notes: 'escrito pelo bot' } });
		const result = await sync.pull();
		// Four edits, plus Ana's Users row, whose inverse "Tasks" link gained the typed-in task.
		expect(result).toMatchObject({ applied: 5, skippedEchoes: 1 });

		expect((await openTitles()).sort()).toEqual(['ligar pro contador', 'pagar boleto da luz']);
		expect((await store.get(airtable.baseId, 'Tasks', 'tk_boleto'))?.fields.Notes).toBeUndefined();
		expect((await store.get(airtable.baseId, 'Users', ANA))?.fields).toMatchObject({ Timezone: 'America/Manaus', 'Opt-in Status': 'opted_out' });
		expect((await store.get(airtable.baseId, 'Users', ANA))?.fields.Tasks).toHaveLength(3);

		await airtable.api('DELETE', `${path('Tasks')}/${typed.id}`, undefined, CLIENT);
		await sync.pull();
		expect(await openTitles()).toEqual(['pagar boleto da luz']);
		expect(await store.get(airtable.baseId, 'Tasks', typed.id)).toBeUndefined();

		// The hourly catch-up reads records through airtable.js (links as record ids): applied the same way.
		await airtable.api('PATCH', `${path('Tasks')}/${boleto.id}`, { fields: { Status: 'done' } }, CLIENT);
		expect(await sync.catchUp()).toBeGreaterThan(0);
		expect(await openTitles()).toEqual([]);
		expect(sink.counts).toMatchObject({ userNotInReplica: 0, noKey: 0 });
	});
});
