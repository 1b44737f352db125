import { conversationStore, windowKey } from '../../../nodes/shared/conversation-store';

describe('the 24-hour window is kept per person', () => {
	const store = conversationStore({});

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
