import Redis from 'ioredis';

import type { FlushRequest } from '../../../../../core/datapath';
import { AirtableUpsertSender } from '../../../../../nodes/shared/datapath/airtable-sender';
import { BaseFlusher, SendError, type UpsertSender } from '../../../../../nodes/shared/datapath/flusher';
import { baseKeys } from '../../../../../nodes/shared/datapath/keys';
import { DataPathStore, type RecordWrite } from '../../../../../nodes/shared/datapath/store';
import { flusherSettingsFromEnv } from '../../../../../nodes/shared/datapath/service';
import { useTestRedis } from '../../../../support/redis-server';
import { startTestStore, TOKEN, type TestStore } from '../../../sandbox/airtable/helpers';

jest.setTimeout(60_000);

const PHONE = '+5511987654321';
const user = { table: 'Users', keyField: 'Phone', key: PHONE };
const sid = (i: number) => `SM${i.toString(16).padStart(32, '0')}`;
const message = (i: number, fields: Record<string, unknown> = {}): RecordWrite => ({
	table: 'Messages',
	keyField: 'Message SID',
	key: sid(i),
	fields: { User: [PHONE], Direction: 'inbound', Text: `mensagem ${i}`, ...fields },
	parents: [user],
	owner: PHONE,
});
const noBudget = { acquire: async () => undefined };

/** Counts requests and can fail after Airtable took one, as a crash between send and acknowledge would. */
class CountingSender implements UpsertSender {
	requests: FlushRequest[] = [];
	crashAfterSend = false;
	constructor(private readonly inner: UpsertSender) {}
	async upsert(base: string, request: FlushRequest): Promise<string[]> {
		this.requests.push(request);
		const ids = await this.inner.upsert(base, request);
		if (this.crashAfterSend) throw new Error('process killed after Airtable answered');
		return ids;
	}
}

describe('BaseFlusher → Airtable stand-in through airtable.js (real redis-server)', () => {
	const server = useTestRedis({ flushBeforeEach: true });
	let redis: Redis;
	let store: DataPathStore;
	let airtable: TestStore;

	beforeAll(() => {
		redis = server.client;
		store = new DataPathStore(redis);
	});
	afterEach(async () => {
		await airtable?.dispose();
	});

	const rows = async (table: string) => (await airtable.api('GET', `/v0/${airtable.baseId}/${table}?pageSize=100`)).body.records as Array<{ id: string; fields: Record<string, unknown> }>;
	const flusher = (sender: UpsertSender, holder = 'test', options: Partial<ConstructorParameters<typeof BaseFlusher>[5]> = {}) =>
		new BaseFlusher(redis, store, airtable.baseId, sender, noBudget, { holder, window: { windowMs: 0, fullBatch: 10 }, ...options });

	it('merges, sends parents first in upserts of 10, and stores the record ids', async () => {
		airtable = await startTestStore();
		await store.write(airtable.baseId, [{ ...user, fields: { Name: 'Ana', Locale: 'pt-BR' } }, ...Array.from({ length: 12 }, (_, i) => message(i))]);
		await store.write(airtable.baseId, [message(3, { Intent: 'greeting' }), { ...user, fields: { Locale: 'en' } }]);
		const sender = new CountingSender(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }));
		const result = await flusher(sender).cycle();
		expect(result).toMatchObject({ leader: true, sent: 13, dead: 0, requests: 3 });
		expect(sender.requests.map((r) => [r.table, r.records.length])).toEqual([
			['Users', 1],
			['Messages', 10],
			['Messages', 2],
		]);
		const users = await rows('Users');
		expect(users.map((u) => [u.fields.Phone, u.fields.Name, u.fields.Locale])).toEqual([[PHONE, 'Ana', 'en']]);
		const messages = await rows('Messages');
		expect(messages).toHaveLength(12);
		expect(messages.find((m) => m.fields['Message SID'] === sid(3))?.fields.Intent).toBe('greeting');
		expect(messages.every((m) => JSON.stringify(m.fields.User) === JSON.stringify([users[0].id]))).toBe(true);
		expect(await store.outboxDepth(airtable.baseId)).toBe(0);
		expect((await store.get(airtable.baseId, 'Users', PHONE))?.recordId).toBe(users[0].id);
		expect(await store.pendingFields(airtable.baseId, 'Messages', sid(3))).toEqual([]);
	});

	it('waits for the window unless a full request is waiting', async () => {
		airtable = await startTestStore();
		const sender = new CountingSender(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }));
		const slow = flusher(sender, 'test', { window: { windowMs: 60_000, fullBatch: 10 } });
		await store.write(airtable.baseId, [message(1)]);
		expect(await slow.cycle()).toMatchObject({ stopped: 'waiting', requests: 0 });
		await store.write(airtable.baseId, Array.from({ length: 9 }, (_, i) => message(i + 2)));
		expect(await slow.cycle()).toMatchObject({ sent: 10, requests: 1 });
	});

	it('a held row waits for its status, which joins it in one record of one request; an expired hold sends it as is', async () => {
		airtable = await startTestStore();
		let now = 1_000_000;
		const sender = new CountingSender(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }));
		const clocked = new BaseFlusher(redis, new DataPathStore(redis, () => now), airtable.baseId, sender, noBudget, { holder: 'clocked', window: { windowMs: 0, fullBatch: 10 }, now: () => now });
		const timed = new DataPathStore(redis, () => now);
		await timed.write(airtable.baseId, [{ ...user, fields: { Name: 'Ana' } }, { ...message(1, { Status: 'queued' }), holdMs: 6_000 }, { ...message(2, { Status: 'queued' }), holdMs: 6_000 }]);
		// Only the user goes; the rows wait for their statuses.
		expect(await clocked.cycle()).toMatchObject({ sent: 1, requests: 1 });
		now += 1_000;
		expect(await clocked.cycle()).toMatchObject({ stopped: 'waiting', requests: 0, waitMs: 100 });
		await timed.write(airtable.baseId, [message(1, { Status: 'delivered' })]);
		expect(await clocked.cycle()).toMatchObject({ sent: 1, requests: 1 });
		expect(sender.requests.at(-1)?.records.map((r) => [r.key, r.fields.Status, r.entryIds.length])).toEqual([[sid(1), 'delivered', 2]]);
		// Row 2's status never came: it leaves when its hold runs out.
		now += 5_000;
		expect(await clocked.cycle()).toMatchObject({ sent: 1, requests: 1 });
		expect((await rows('Messages')).map((m) => [m.fields['Message SID'], m.fields.Status]).sort()).toEqual([
			[sid(1), 'delivered'],
			[sid(2), 'queued'],
		]);
		expect(await store.outboxDepth(airtable.baseId)).toBe(0);
	});

	it('a crash between Airtable’s answer and the acknowledgement resends on restart without doubling rows', async () => {
		airtable = await startTestStore();
		await store.write(airtable.baseId, [{ ...user, fields: { Name: 'Ana' } }, message(1), message(2)]);
		const crashing = new CountingSender(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }));
		crashing.crashAfterSend = true;
		const first = flusher(crashing, 'dies', { leaseTtlMs: 200 });
		expect(await first.cycle()).toMatchObject({ stopped: 'retry-later', sent: 0 });
		expect(await store.outboxDepth(airtable.baseId)).toBe(3);
		await new Promise((r) => setTimeout(r, 300)); // its lease runs out
		const second = flusher(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }), 'takes-over');
		expect(await second.cycle()).toMatchObject({ leader: true, sent: 3 });
		expect(await rows('Users')).toHaveLength(1);
		expect(await rows('Messages')).toHaveLength(2);
		expect(await store.outboxDepth(airtable.baseId)).toBe(0);
	});

	it('an erasure\'s hold stops the flusher until it is released, and nothing is lost', async () => {
		airtable = await startTestStore({});
		await store.write(airtable.baseId, [{ ...user, fields: { Name: 'Ana' } }]);
		const f = flusher(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }));
		await redis.set(baseKeys(airtable.baseId).hold, 'erasure', 'PX', 60_000);
		expect(await f.cycle()).toMatchObject({ stopped: 'paused', requests: 0 });
		expect(await store.outboxDepth(airtable.baseId)).toBe(1);
		await redis.del(baseKeys(airtable.baseId).hold);
		expect(await f.cycle()).toMatchObject({ sent: 1 });
	});

	it('a 429 pauses the base for 30 s and loses nothing; after the pause everything goes', async () => {
		// Airtable's 30 s penalty is shortened to 1 s in the store, as the flusher's pause is below.
		airtable = await startTestStore({ rateLimitPerSecond: 1, rateLimitPenaltyMs: 1000 });
		await store.write(airtable.baseId, [{ ...user, fields: { Name: 'Ana' } }, ...Array.from({ length: 15 }, (_, i) => message(i))]);
		const f = flusher(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }));
		const first = await f.cycle();
		expect(first).toMatchObject({ stopped: 'rate-limited', waitMs: 30_000, sent: 1 });
		const pause = await redis.pttl(baseKeys(airtable.baseId).pause);
		expect(pause).toBeGreaterThan(29_000);
		expect(await f.cycle()).toMatchObject({ stopped: 'paused', requests: 0 });
		expect(await store.outboxDepth(airtable.baseId)).toBe(15);
		// The pause runs out (shortened here instead of waiting 30 s); the store's own window has passed too.
		await redis.del(baseKeys(airtable.baseId).pause);
		await new Promise((r) => setTimeout(r, 1_100));
		let sent = 0;
		for (let i = 0; i < 10 && (await store.outboxDepth(airtable.baseId)) > 0; i++) {
			await redis.del(baseKeys(airtable.baseId).pause);
			sent += (await f.cycle()).sent;
			await new Promise((r) => setTimeout(r, 1_100));
		}
		expect(sent).toBe(15);
		// The store allows this test 1 request/s, reads included.
		expect(await rows('Messages')).toHaveLength(15);
		await new Promise((r) => setTimeout(r, 1_100));
		expect(await rows('Users')).toHaveLength(1);
	});

	it('moves a record Airtable refuses to the dead-letter list and sends the rest', async () => {
		airtable = await startTestStore();
		await store.write(airtable.baseId, [message(1), message(2, { 'No Such Field': 'x' }), message(3)]);
		const f = flusher(new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url }));
		expect(await f.cycle()).toMatchObject({ sent: 2, dead: 1, requests: 4 });
		expect((await rows('Messages')).map((m) => m.fields['Message SID']).sort()).toEqual([sid(1), sid(3)]);
		const [letter] = await store.deadLetters(airtable.baseId);
		expect(letter).toMatchObject({ table: 'Messages', key: sid(2), error: { status: 422, type: 'UNKNOWN_FIELD_NAME' } });
		expect(await store.outboxDepth(airtable.baseId)).toBe(0);
	});

	it('keeps everything and backs off while Airtable is unreachable', async () => {
		airtable = await startTestStore();
		await store.write(airtable.baseId, [message(1)]);
		const down = flusher({ upsert: async () => Promise.reject(new SendError('connect ECONNREFUSED', 'CONNECTION_ERROR')) });
		const result = await down.cycle();
		expect(result.stopped).toBe('retry-later');
		expect(result.waitMs).toBeGreaterThan(0);
		expect(await store.outboxDepth(airtable.baseId)).toBe(1);
	});

	it('only the leader sends: a second flusher of the same base waits', async () => {
		airtable = await startTestStore();
		await store.write(airtable.baseId, [message(1)]);
		const sender = new AirtableUpsertSender({ accessToken: TOKEN, endpointUrl: airtable.url });
		const a = flusher(sender, 'a');
		const b = flusher(sender, 'b');
		expect((await a.cycle()).leader).toBe(true);
		expect(await b.cycle()).toMatchObject({ leader: false, stopped: 'not-leader', requests: 0 });
	});
});

describe('flusherSettingsFromEnv', () => {
	it('says what to set when Redis or the token is missing', () => {
		expect(() => flusherSettingsFromEnv({})).toThrow(/BESTSTAG_REDIS_URL/);
		expect(() => flusherSettingsFromEnv({ BESTSTAG_REDIS_URL: 'redis://x' })).toThrow(/BESTSTAG_AIRTABLE_TOKEN/);
		expect(() => flusherSettingsFromEnv({ BESTSTAG_REDIS_URL: 'redis://x', BESTSTAG_AIRTABLE_TOKEN: 't', BESTSTAG_AIRTABLE_BUDGET: '9' })).toThrow(/1 to 5/);
		expect(flusherSettingsFromEnv({ BESTSTAG_REDIS_URL: 'redis://x', BESTSTAG_AIRTABLE_TOKEN: 't' })).toEqual({ redisUrl: 'redis://x', accessToken: 't', endpointUrl: undefined, budgetPerSecond: 4 });
	});
});
