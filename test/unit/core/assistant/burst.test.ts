import { gatherBurst, isPrelude, type HeldMessage } from '../../../../core/assistant/burst';

const msg = (sid: string, text: string, at: string, greeting = false): HeldMessage => ({ messageSid: sid, text, receivedAt: at, greeting });
const prelude = { hasButton: false, hasMedia: false, questionPending: false };

describe('burst handling', () => {
	it('holds short greetings and smalltalk only', () => {
		expect(isPrelude({ ...prelude, text: 'oi', intent: 'greeting' })).toBe(true);
		expect(isPrelude({ ...prelude, text: 'tudo bem?', intent: 'smalltalk' })).toBe(true);
		expect(isPrelude({ ...prelude, text: 'me lembra amanhã de pagar o boleto', intent: 'reminder.create' })).toBe(false);
		expect(isPrelude({ ...prelude, text: 'oi tudo bem com você e com a sua família nesse domingo?', intent: 'greeting' })).toBe(false);
	});

	it('never holds a tap, media, or the answer to a pending question', () => {
		expect(isPrelude({ ...prelude, text: 'sim', intent: 'smalltalk', questionPending: true })).toBe(false);
		expect(isPrelude({ ...prelude, text: 'Sim', intent: 'smalltalk', hasButton: true })).toBe(false);
		expect(isPrelude({ ...prelude, text: 'oi', intent: 'greeting', hasMedia: true })).toBe(false);
	});

	it('answers the held messages with the taker, in arrival order, once each', () => {
		const burst = gatherBurst(
			[msg('SM2', 'tudo bem?', '2026-11-29T13:00:00.600Z'), msg('SM1', 'oi', '2026-11-29T13:00:00.000Z', true), msg('SM1', 'oi', '2026-11-29T13:00:00.000Z', true)],
			msg('SM3', 'me lembra amanhã de pagar o boleto', '2026-11-29T13:00:01.500Z'),
		);
		expect(burst).toEqual({
			messageSids: ['SM1', 'SM2', 'SM3'],
			texts: ['oi', 'tudo bem?', 'me lembra amanhã de pagar o boleto'],
			greeted: true,
			firstReceivedAt: '2026-11-29T13:00:00.000Z',
		});
	});

	it('a held message the store hands back with its own entry counts once', () => {
		const self = msg('SM5', 'tudo bem?', '2026-11-29T13:00:01.000Z');
		expect(gatherBurst([msg('SM4', 'oi', '2026-11-29T13:00:00.000Z', true), self], self).messageSids).toEqual(['SM4', 'SM5']);
	});
});
