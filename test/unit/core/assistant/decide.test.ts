import { parseButtonId } from '../../../../core/assistant/buttons';
import { decide, movedInstant, type Classified } from '../../../../core/assistant/decide';
import { emptyContext } from '../../../../core/assistant/context';
import { classifyOffline } from '../../../../core/classifier';
import { NOW, turnOf } from './turn-fixture';

const SP = 'America/Sao_Paulo';
/** The offline classifier's reading of `text`, as the Understand node gives it. */
const understood = (text: string): Classified => classifyOffline(text, { now: NOW, timeZone: SP });
const run = (text: string, overrides: Parameters<typeof turnOf>[0] = {}) => decide(turnOf({ text, texts: [text], ...overrides }), understood(text), { now: NOW });

describe('Turn → Decide', () => {
	it('before consent, only the consent flow runs, and nothing is logged or remembered', () => {
		const d = run('me lembra amanhã de pagar o boleto', { consent: 'pending', userFields: {} });
		expect(d).toMatchObject({ action: 'consent', params: { privacy: { action: 'consent', reply: { key: 'consent.prompt' } } }, log: false, context: { pending: null } });
		expect(decide(turnOf({ consent: 'pending', userFields: {}, text: 'oi' }), understood('oi'), { now: NOW, requireConsent: false }).action).toBe('greeting');
	});

	it('privacy requests go to their outputs: opt-out, erase asks first, export', () => {
		expect(run('SAIR')).toMatchObject({ action: 'opt_out', log: true });
		expect(run('apaga meus dados')).toMatchObject({ action: 'privacy.answer', params: { privacy: { action: 'erase_ask' } }, log: false });
		expect(run('meus dados')).toMatchObject({ action: 'privacy.export' });
	});

	it('an open hand-off pauses the bot: the turn is only logged', () => {
		expect(run('minhas tarefas', { handoffOpen: true })).toMatchObject({ action: 'silent', params: { reason: 'paused' }, log: true });
	});

	it('routes by intent, with what each branch needs', () => {
		expect(run('oi').action).toBe('greeting');
		expect(run('menu').action).toBe('help');
		expect(run('minhas tarefas')).toMatchObject({ action: 'task.list', params: { listing: { view: 'open' } } });
		expect(run('o que tenho na agenda hoje?')).toMatchObject({ action: 'coming_soon', params: { feature: 'calendar' } });
		expect(run('asdkjh qwe').action).toBe('unknown');
	});

	it('smalltalk after a greeting in the same burst is one greeting', () => {
		expect(run('tudo bem?', { greeted: true })).toMatchObject({ action: 'greeting', params: { smalltalk: true } });
	});

	it('task.create: title, due date, stable key, and the number the list will show', () => {
		const d = run('anota aí comprar pão amanhã', {
			tasks: [
				{ key: 'tk_old', title: 'pagar a luz', status: 'todo', due: '2026-11-29T18:00:00-03:00' },
				{ key: 'tk_x', title: 'sem data', status: 'todo', due: null },
			],
		});
		expect(d).toMatchObject({ action: 'task.create', params: { title: 'comprar pão', due: '2026-11-30T09:00:00-03:00', taskKey: 'tk_SM' + 'a'.repeat(32), number: 2 } });
		expect(d.context.lastTaskKey).toBe('tk_SM' + 'a'.repeat(32));
	});

	it('reminder.create: an absolute instant, or asks again keeping what was understood', () => {
		const ok = run('me lembra amanhã às 9h de pagar o boleto');
		expect(ok).toMatchObject({ action: 'reminder.create', params: { text: 'pagar o boleto', dueAt: '2026-11-30T09:00:00-03:00', problem: null } });
		expect(ok.context.lastReminder).toEqual({ key: 'rm_SM' + 'a'.repeat(32), text: 'pagar o boleto', dueAt: '2026-11-30T09:00:00-03:00' });

		const missing = run('me lembra de pagar o boleto');
		expect(missing).toMatchObject({ action: 'reminder.create', params: { text: 'pagar o boleto', dueAt: null, problem: 'missing' } });
		expect(missing.context.pending).toMatchObject({ kind: 'reminder.time', params: { text: 'pagar o boleto' } });

		const past = run('me lembra ontem às 9h de pagar');
		expect(past.params).toMatchObject({ dueAt: null, problem: 'past', text: 'pagar' });

		// The answer to "quando?" completes the reminder it asked about.
		const answer = run('amanhã às 15h', { messageSid: 'SM' + 'b'.repeat(32), context: { ...emptyContext(), pending: missing.context.pending! } });
		expect(answer).toMatchObject({ action: 'reminder.create', reason: 'pending', params: { text: 'pagar o boleto', dueAt: '2026-11-30T15:00:00-03:00', problem: null } });
	});

	it('"e amanhã?" after a task list lists tomorrow’s tasks; after an agenda question stays on the agenda', () => {
		const afterList = { ...emptyContext(), lastIntent: 'task.list', lastAction: 'task.list' };
		const tasks = [
			{ key: 'tk_1', title: 'pagar o boleto', status: 'todo', due: '2026-11-30T09:00:00-03:00' },
			{ key: 'tk_2', title: 'ligar pro João', status: 'todo', due: null },
		];
		const tomorrow = run('e amanhã?', { context: afterList, tasks });
		expect(tomorrow).toMatchObject({ action: 'task.list', reason: 'follow-up', params: { listing: { view: 'day' } } });
		expect(tomorrow.context.listedTaskKeys).toEqual(['tk_1']);
		const afterAgenda = { ...emptyContext(), lastIntent: 'calendar.query', lastAction: 'coming_soon' };
		expect(run('e amanhã?', { context: afterAgenda })).toMatchObject({ action: 'coming_soon', reason: 'follow-up', params: { feature: 'calendar' } });
	});

	it('"muda pra 10h" after a reminder moves that reminder, keeping its day', () => {
		const context = { ...emptyContext(), lastAction: 'reminder.create', lastReminder: { key: 'rm_1', text: 'pagar o boleto', dueAt: '2026-12-04T09:00:00-03:00' } };
		expect(run('muda pra 10h', { context })).toMatchObject({ action: 'reminder.create', reason: 'follow-up', params: { reminderKey: 'rm_1', text: 'pagar o boleto', dueAt: '2026-12-04T10:00:00-03:00', moved: true } });
		// Without a reminder just made, "muda pra 10h" is not a reminder.
		expect(run('muda pra 10h').action).toBe('coming_soon');
	});

	it('moves to a named day as written', () => {
		expect(movedInstant('muda pra amanhã às 15h', '2026-12-04T09:00:00-03:00', SP, NOW)).toBe('2026-11-30T15:00:00-03:00');
	});

	it('a tap does what its button offered, late or not; a second tap on a one-time question does nothing', () => {
		const tap = (payload: string, firstTap = true) => turnOf({ text: 'Minhas tarefas', button: { payload, text: 'Minhas tarefas', answer: parseButtonId(payload), firstTap } });
		const listed = decide(tap('menu:tasks'), understood('Minhas tarefas'), { now: NOW });
		expect(listed).toMatchObject({ action: 'task.list', reason: 'button' });
		// Show Tasks composes from the listing, as for "minhas tarefas" typed.
		expect(listed.params.listing).toEqual(decide(tap('menu:tasks'), understood('minhas tarefas'), { now: NOW }).params.listing);
		expect(listed.params.listing).toBeDefined();
		expect(decide(tap('menu:reminder'), understood('Criar lembrete'), { now: NOW })).toMatchObject({ action: 'reminder.create', params: { problem: 'missing' } });
		expect(decide(tap('task.pick#abc:tk_1', false), understood('comprar pão'), { now: NOW })).toMatchObject({ action: 'silent', params: { reason: 'duplicate' } });
		// A tap of a kind Decide does not know is read by its title.
		expect(decide(tap('other:1'), understood('Minhas tarefas'), { now: NOW }).action).toBe('task.list');
	});

	it('media without text goes to the media branch', () => {
		expect(run('', { media: [{ url: 'https://api.twilio.com/x', contentType: 'image/jpeg' }] })).toMatchObject({ action: 'media', params: { key: 'media.attachment.saved', params: { kind: 'image', count: 1 } } });
		expect(decide(turnOf({ text: '' }), understood(''), { now: NOW, voiceFailure: 'no_openai_key' })).toMatchObject({ action: 'media', params: { key: 'media.voice.no_key' } });
	});

	it('completes by number after a list, undoes with "desfazer", and sends reminder taps to their branch', () => {
		const tasks = [
			{ key: 'tk_1', title: 'pagar o boleto', status: 'todo', due: null },
			{ key: 'tk_2', title: 'ligar pro João', status: 'todo', due: null },
		];
		const listed = { ...emptyContext(), lastAction: 'task.list', listedTaskKeys: ['tk_1', 'tk_2'] };
		const done = run('concluí a 2', { tasks, context: listed });
		expect(done).toMatchObject({ action: 'task.complete', params: { completion: { action: 'complete', tasks: [{ key: 'tk_2' }] } } });
		const undo = run('desfazer', { tasks: [tasks[0], { ...tasks[1], status: 'done' }], context: { ...listed, lastCompleted: done.context.lastCompleted! } });
		expect(undo).toMatchObject({ action: 'task.undo', params: { undo: { action: 'reopen', tasks: [{ key: 'tk_2' }] } } });
		const tap = turnOf({ text: 'Feito', button: { payload: 'reminder:rm_1:done', text: 'Feito', answer: parseButtonId('reminder:rm_1:done'), firstTap: true } });
		expect(decide(tap, understood('Feito'), { now: NOW })).toMatchObject({ action: 'reminder.button', params: { payload: 'reminder:rm_1:done' } });
	});
});
