import Redis from 'ioredis';

import { main } from '../../../cli/beststag';
import { EXIT } from '../../../cli/errors';
import { baseKeys } from '../../../nodes/shared/datapath/keys';
import { BaseLease } from '../../../nodes/shared/datapath/lease';
import { DataPathStore } from '../../../nodes/shared/datapath/store';
import { startTestRedis, type TestRedis } from '../../support/redis-server';

jest.setTimeout(30_000);

const BASE = 'appOutboxCliTest1';

describe('beststag outbox / flusher (real redis-server)', () => {
	let server: TestRedis;
	let redis: Redis;
	const saved = { ...process.env };

	beforeAll(async () => {
		server = await startTestRedis();
		redis = new Redis(server.url);
	});
	afterAll(async () => {
		await redis.quit();
		await server.stop();
	});
	afterEach(() => {
		process.env = { ...saved };
		jest.restoreAllMocks();
	});

	it('shows depth, leader, pause and dead letters without the phone of a refused user', async () => {
		const store = new DataPathStore(redis);
		await store.write(BASE, [{ table: 'Users', keyField: 'Phone', key: '+5511987654321', fields: { Email: 'not-an-email' } }, { table: 'Messages', keyField: 'Message SID', key: 'SM1', fields: {} }]);
		const lease = new BaseLease(redis, BASE, 'host:42', 60_000);
		const token = (await lease.hold())!;
		const [user] = await store.readOutbox(BASE, 1);
		await store.acknowledge(BASE, token, [], [{ record: { table: 'Users', keyField: 'Phone', key: user.key, fields: user.fields, parents: [], entryIds: [user.id], firstAt: user.at }, error: { status: 422, type: 'INVALID_VALUE_FOR_COLUMN', message: 'Field "Email" cannot accept the provided value' } }]);
		await redis.set(baseKeys(BASE).pause, '1', 'PX', 20_000);

		process.env.BESTSTAG_REDIS_URL = server.url;
		const lines: string[] = [];
		jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
		expect(await main(['node', 'beststag', 'outbox'])).toBe(EXIT.ok);
		const text = lines.join('\n');
		expect(text).toMatch(new RegExp(`${BASE}: 1 waiting, leader \\d+:host:42, paused 20 s after a 429, 1 dead letter`));
		expect(text).toMatch(/dead .* Users \+55…4321: INVALID_VALUE_FOR_COLUMN/);
		expect(text).not.toContain('+5511987654321');
	});

	it('says what to set when Redis or the Airtable token is missing', async () => {
		delete process.env.BESTSTAG_REDIS_URL;
		const errors: string[] = [];
		jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
		expect(await main(['node', 'beststag', 'outbox'])).toBe(EXIT.usage);
		process.env.BESTSTAG_REDIS_URL = server.url;
		delete process.env.BESTSTAG_AIRTABLE_TOKEN;
		expect(await main(['node', 'beststag', 'flusher'])).toBe(EXIT.usage);
		expect(errors.join('\n')).toMatch(/set BESTSTAG_REDIS_URL[\s\S]*set BESTSTAG_AIRTABLE_TOKEN/);
	});
});
