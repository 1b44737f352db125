import { conversationStore, windowKey, type ConversationStore } from '../../../../nodes/shared/conversation-store';
import { closeRedisConnections } from '../../../../nodes/shared/redis';
import { startTestRedis, type TestRedis } from '../../../support/redis-server';

jest.setTimeout(30_000);

describe.each(['memory', 'redis'])('the 24-hour window is kept per person (%s)', (kind) => {
	let redis: TestRedis | undefined;
	let store: ConversationStore;

	beforeAll(async () => {
		if (kind === 'redis') redis = await startTestRedis();
		store = conversationStore(redis ? { BESTSTAG_REDIS_URL: redis.url } : {});
	});

	afterAll(async () => {
		await closeRedisConnections();
		await redis?.stop();
	});

	it('opens the window for a reply to the ninth-digit address after a message without it, and the other way round', async () => {
		await store.setLastInbound('+551184658433', '2026-11-20T12:00:00.000Z');
		expect(await store.getLastInbound('whatsapp:+5511984658433')).toBe('2026-11-20T12:00:00.000Z');
		expect(await store.getLastInbound('+5511984658433')).toBe('2026-11-20T12:00:00.000Z');
		await store.setLastInbound('whatsapp:+5521987650000', '2026-11-20T13:00:00.000Z');
		expect(await store.getLastInbound('+552187650000')).toBe('2026-11-20T13:00:00.000Z');
	});

	it('keeps landlines apart from mobiles and leaves what is not a phone as given', async () => {
		await store.setLastInbound('+551132654321', '2026-11-20T14:00:00.000Z');
		expect(await store.getLastInbound('+5511932654321')).toBeNull();
		expect(windowKey('not a phone')).toBe('not a phone');
	});

	it('counts a MessageSid once', async () => {
		const sid = 'SM' + '9'.repeat(32);
		const results = await Promise.all([1, 2, 3].map(() => store.firstDelivery(sid, 60_000)));
		expect(results.filter(Boolean)).toHaveLength(1);
	});
});
