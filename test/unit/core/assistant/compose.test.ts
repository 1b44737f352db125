import { LOCALES } from '../../../../core/airtable/crm/choices';
import { SLICES } from '../../../../core/assistant/catalogue';
import { composeReply } from '../../../../core/assistant/compose';
import { turnOf } from './turn-fixture';

const tomorrowAtNine = '2026-11-30T09:00:00-03:00';

describe('Reply → Compose', () => {
	it('renders in the turn’s language only, with the instant in words in the user’s zone', () => {
		const pt = composeReply({ key: 'assistant.reminder_created', params: { text: 'pagar o boleto', dueAt: tomorrowAtNine, moved: false }, turn: turnOf(), decided: {} });
		expect(pt.reply.text).toBe('⏰ Combinado! Vou te lembrar amanhã às 09:00: *pagar o boleto*');
		const en = composeReply({ key: 'assistant.reminder_created', params: { text: 'call John', dueAt: '2026-12-04T14:00:00-03:00', moved: true }, turn: turnOf({ locale: 'en' }), decided: {} });
		expect(en.reply.text).toBe('⏰ Moved! I will now ping you on Friday at 14:00: *call John*');
		const saturday = composeReply({ key: 'assistant.reminder_created', params: { text: 'feira', dueAt: '2026-12-05T08:00:00-03:00', moved: false }, turn: turnOf(), decided: {} });
		expect(saturday.reply.text).toMatch(/no sábado às 08:00/);
	});

	it('a burst that opened with a greeting gets one greeting line first', () => {
		const turn = turnOf({ greeted: true });
		const reminder = composeReply({ key: 'assistant.reminder_created', params: { text: 'pagar o boleto', dueAt: tomorrowAtNine, moved: false }, turn, decided: {} });
		expect(reminder.reply.text).toBe('Oi, Ana! 👋\n⏰ Combinado! Vou te lembrar amanhã às 09:00: *pagar o boleto*');
		const greeting = composeReply({ key: 'assistant.greeting', params: { smalltalk: true }, turn, decided: {} });
		expect(greeting.reply.text.match(/Oi, Ana/g)).toHaveLength(1);
	});

	it('a burst that opened with a greeting never gets two greetings, whatever the reply (e.g. the consent prompt after "oi")', () => {
		const greeting = /^(Oi|Olá|Hi|Hello)(?!\p{L})/u;
		for (const slice of SLICES) {
			for (const [key, params] of Object.entries(slice.examples)) {
				for (const locale of LOCALES) {
					const { text } = composeReply({ key, params: params as Record<string, unknown>, turn: turnOf({ greeted: true, locale }), decided: {} }).reply;
					expect({ key, locale, greetings: text.split('\n').filter((line) => greeting.test(line)).length }).toEqual({ key, locale, greetings: 1 });
				}
			}
		}
		expect(composeReply({ key: 'consent.prompt', params: { version: 'v1' }, turn: turnOf({ greeted: true }), decided: {} }).reply.text).toMatch(/^Olá! 👋 Eu sou o \*BestStag\*/);
	});

	it('says what a voice note said, and that the bot is back after a hand-off closed', () => {
		const voiced = composeReply({ key: 'assistant.smalltalk', params: {}, turn: turnOf({ transcript: 'tudo bem?' }), decided: {} });
		expect(voiced.reply.text).toMatch(/^🎤 Entendi: “tudo bem\?”/);
		const back = composeReply({ key: 'assistant.smalltalk', params: {}, turn: turnOf({ handoffResumed: true }), decided: {} });
		expect(back.reply.text).not.toBe(composeReply({ key: 'assistant.smalltalk', params: {}, turn: turnOf(), decided: {} }).reply.text);
	});

	it('after the erasure is done it asks for the context to be forgotten, not saved; other replies keep it', () => {
		expect(composeReply({ key: 'privacy.erase.done', params: {}, turn: turnOf(), decided: {} }).forget).toBe(true);
		expect(composeReply({ key: 'privacy.erase.cancelled', params: {}, turn: turnOf(), decided: {} }).forget).toBe(false);
		expect(composeReply({ key: 'assistant.help', params: {}, turn: turnOf(), decided: {} }).forget).toBe(false);
	});

	it('remembers the language, and leaves a one-time question pending; the menu leaves none', () => {
		const menu = composeReply({ key: 'assistant.help', params: {}, turn: turnOf({ locale: 'en' }), decided: { pending: null } });
		expect(menu.reply.buttons?.map((b) => b.id)).toEqual(['menu:tasks', 'menu:reminder', 'menu:human']);
		expect(menu.context).toMatchObject({ pending: null, locale: 'en' });
		const which = composeReply({
			key: 'tasks.complete_which',
			params: { questionId: 'task.pick#abc', candidates: [{ number: 1, key: 'tk_1', title: 'relatório A', due: null }, { number: 2, key: 'tk_2', title: 'relatório B', due: null }], timeZone: 'America/Sao_Paulo', now: 0 },
			turn: turnOf(),
			decided: {},
		});
		expect(which.context.pending).toMatchObject({ id: 'task.pick#abc', kind: 'task.pick' });
	});

	it('refuses a key the catalogue does not have', () => {
		expect(() => composeReply({ key: 'assistant.nope', params: {}, turn: turnOf(), decided: {} })).toThrow(/Unknown message/);
	});
});
