import Redis from 'ioredis';

import { InboundJournal, JOURNAL_MAX_AGE_MS } from '../../../../nodes/shared/inbound-journal';
import { DataPathStore } from '../../../../nodes/shared/datapath/store';
import { useTestRedis } from '../../../support/redis-server';

jest.setTimeout(30_000);

describe('InboundJournal (real redis-server)', () => {
	const server = useTestRedis({ flushBeforeEach: true });
	let redis: Redis;
	let clock = 1_800_000_000_000;
	const now = () => clock;

	beforeAll(() => {
		redis = server.client;
	});

	const item = (sid: string) => ({ messageSid: sid, phone: '+5511987654321', text: 'anota aí', media: [], nested: { empty: {} } });

	it('gives back an unsettled message once it is overdue, exactly as recorded, to one claimer at a time, at most twice', async () => {
		const journal = new InboundJournal(redis, now);
		const other = new InboundJournal(server.connect(), now);
		await journal.record('SM1', item('SM1'));
		expect((await journal.claimOverdue(120_000)).claimed).toEqual([]);

		clock += 120_000;
		const [first, second] = await Promise.all([journal.claimOverdue(120_000), other.claimOverdue(120_000)]);
		const claimed = [...first.claimed, ...second.claimed];
		expect(claimed).toEqual([{ messageSid: 'SM1', json: item('SM1'), acceptedAt: clock - 120_000, replays: 1 }]);
		// Claimed just now: not due again until another full delay has passed.
		expect((await journal.claimOverdue(120_000)).claimed).toEqual([]);

		clock += 120_000;
		expect((await journal.claimOverdue(120_000)).claimed.map((e) => e.replays)).toEqual([2]);
		clock += 120_000;
		const third = await journal.claimOverdue(120_000);
		expect(third.claimed).toEqual([]);
		expect(third.dropped.map((e) => [e.messageSid, e.replays])).toEqual([['SM1', 2]]);
		expect(await journal.depth()).toBe(0);
	});

	it('never replays a settled message, and drops one older than a day unreplayed', async () => {
		const journal = new InboundJournal(redis, now);
		await journal.record('SM2', item('SM2'));
		await journal.record('SM3', item('SM3'));
		await journal.settle(['SM2', 'SMunknown']);
		clock += JOURNAL_MAX_AGE_MS + 1;
		const { claimed, dropped } = await journal.claimOverdue(60_000);
		expect(claimed).toEqual([]);
		expect(dropped.map((e) => [e.messageSid, e.replays])).toEqual([['SM3', 0]]);
	});

	it('is settled by the data path when the turn queues its Messages row', async () => {
		const journal = new InboundJournal(redis, now);
		const sid = 'SM' + 'a'.repeat(32);
		await journal.record(sid, item(sid));
		await journal.record('SMother', item('SMother'));
		await new DataPathStore(redis).write('appJOURNAL00001', [{ table: 'Messages', keyField: 'Message SID', key: sid, fields: { Text: 'anota aí' } }]);
		expect(await journal.depth()).toBe(1);
		clock += 200_000;
		expect((await journal.claimOverdue(120_000)).claimed.map((e) => e.messageSid)).toEqual(['SMother']);
	});
});
