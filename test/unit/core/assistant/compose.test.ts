import { composeReply } from '../../../../core/assistant/compose';
import { turnOf } from './turn-fixture';

describe('Reply → Compose', () => {
	it('renders in the turn’s language only', () => {
		const pt = composeReply({ key: 'assistant.task_created', params: { title: 'comprar pão', number: 2, due: '2026-11-30T09:00:00-03:00' }, turn: turnOf(), decided: {} });
		expect(pt.reply.text).toBe('✅ Anotado! Tarefa *2*: comprar pão — amanhã, 09:00');
		const en = composeReply({ key: 'assistant.task_created', params: { title: 'buy milk', number: 1, due: null }, turn: turnOf({ locale: 'en' }), decided: {} });
		expect(en.reply.text).toBe('✅ Got it! To-do *1*: buy milk');
	});

	it('a burst that opened with a greeting gets one greeting line first', () => {
		const turn = turnOf({ greeted: true });
		const reminder = composeReply({ key: 'assistant.reminder_created', params: { text: 'pagar o boleto', dueAt: '2026-11-30T09:00:00-03:00', moved: false }, turn, decided: {} });
		expect(reminder.reply.text).toBe('Oi, Ana! 👋\n⏰ Combinado! Vou te lembrar amanhã às 09:00: *pagar o boleto*');
		const greeting = composeReply({ key: 'assistant.greeting', params: { smalltalk: true }, turn, decided: {} });
		expect(greeting.reply.text.match(/Oi, Ana/g)).toHaveLength(1);
	});

	it('lists collected tasks in list order, by day when asked, and remembers what it showed', () => {
		const tasks = [
			{ key: 'tk_c', title: 'sem data', due: null },
			{ key: 'tk_b', title: 'amanhã cedo', due: '2026-11-30T08:00:00-03:00' },
			{ key: 'tk_a', title: 'atrasada', due: '2026-11-28T09:00:00-03:00' },
		];
		const all = composeReply({ key: 'assistant.task_list', params: { day: null }, turn: turnOf(), decided: { lastAction: 'task.list' }, tasks });
		expect(all.reply.text).toBe('📋 Suas tarefas:\n1. atrasada — ontem, 09:00\n2. amanhã cedo — amanhã, 08:00\n3. sem data');
		expect(all.context).toMatchObject({ lastAction: 'task.list', listedTaskKeys: ['tk_a', 'tk_b', 'tk_c'] });
		const tomorrow = composeReply({ key: 'assistant.task_list', params: { day: '2026-11-30T09:00:00-03:00' }, turn: turnOf(), decided: {}, tasks });
		expect(tomorrow.reply.text).toBe('📋 Tarefas para amanhã:\n1. amanhã cedo — amanhã, 08:00');
		expect(tomorrow.context.listedTaskKeys).toEqual(['tk_b']);
		const many = Array.from({ length: 13 }, (_, i) => ({ key: `tk_${i}`, title: `t${i}`, due: null }));
		expect(composeReply({ key: 'assistant.task_list', params: {}, turn: turnOf(), decided: {}, tasks: many }).reply.text).toMatch(/\n10\. t9\n…e mais 3$/);
	});

	it('a reply with one-time quick replies leaves its question pending; the menu does not', () => {
		const menu = composeReply({ key: 'assistant.help', params: {}, turn: turnOf(), decided: { pending: null } });
		expect(menu.reply.buttons?.map((b) => b.id)).toEqual(['menu:tasks', 'menu:reminder', 'menu:human']);
		expect(menu.context.pending).toBeNull();
	});

	it('refuses a key the catalogue does not have', () => {
		expect(() => composeReply({ key: 'assistant.nope', params: {}, turn: turnOf(), decided: {} })).toThrow(/Unknown message/);
	});
});
