import fc from 'fast-check';

import {
	MAX_LISTED_TASKS,
	choiceButtons,
	contextAfterCreate,
	contextAfterList,
	decideChoice,
	decideCompletion,
	decideUndo,
	isTaskFollowUp,
	listTasks,
	openTasksInOrder,
	parseTaskChoice,
	shownKeys,
	taskListRequest,
	taskListView,
	taskNumber,
	taskRows,
	type CompletionDecision,
	type TaskContext,
	type TaskRow,
} from '../../../../core/assistant/tasks';
import { renderMessage } from '../../../../core/assistant/catalogue';

// Wednesday 2026-12-02 10:30 in São Paulo.
const NOW = Date.parse('2026-12-02T10:30:00-03:00');
const SP = 'America/Sao_Paulo';

const task = (key: string, title: string, due: string | null = null, status = 'todo'): TaskRow => ({ key, title, status, due });

const TASKS: TaskRow[] = [
	task('tk_rel', 'Enviar relatório mensal', '2026-12-04T14:00:00-03:00'),
	task('tk_pao', 'Comprar pão', '2026-12-03T09:00:00-03:00'),
	task('tk_bol', 'Pagar boleto da luz', '2026-12-01T17:00:00-03:00'),
	task('tk_joao', 'Ligar pro João', null, 'doing'),
	task('tk_done', 'Renovar passaporte', '2026-11-30T10:00:00-03:00', 'done'),
];

const decide = (text: string, context: TaskContext = {}, tasks: TaskRow[] = TASKS) => decideCompletion({ text, tasks, context, questionId: 'q9', now: NOW, timeZone: SP });
const completedKeys = (d: CompletionDecision) => (d.action === 'complete' ? d.tasks.map((t) => t.key) : d.action);

describe('taskRows', () => {
	it('reads buffered and direct task items, keyed by Task Key, else record id', () => {
		const rows = taskRows([
			{ key: 'tk_1', id: 'rec00000000000001', fields: { Title: ' Comprar pão ', Status: 'todo', Due: '2026-12-03T12:00:00.000Z' } },
			{ id: 'rec00000000000002', fields: { Title: 'Typed in Airtable', 'Task Key': 'tk_2' } },
			{ id: 'rec00000000000003', fields: { Title: 'No key', Due: 'not a date' } },
			{ id: 'rec4', fields: {} },
			null,
		]);
		expect(rows).toEqual([
			{ key: 'tk_1', title: 'Comprar pão', status: 'todo', due: '2026-12-03T12:00:00.000Z' },
			{ key: 'tk_2', title: 'Typed in Airtable', status: 'todo', due: null },
			{ key: 'rec00000000000003', title: 'No key', status: 'todo', due: null },
		]);
	});
});

describe('task list', () => {
	it('orders open tasks overdue first, then by due date, undated last', () => {
		expect(openTasksInOrder(TASKS).map((t) => t.key)).toEqual(['tk_bol', 'tk_pao', 'tk_rel', 'tk_joao']);
		expect(taskNumber(TASKS, 'tk_pao')).toBe(2);
		expect(taskNumber(TASKS, 'tk_done')).toBeUndefined();
	});

	it('numbers at most 10 and counts the rest', () => {
		const many = Array.from({ length: 13 }, (_, i) => task(`tk_${i}`, `Tarefa ${i}`, `2026-12-${String(10 + i).padStart(2, '0')}T09:00:00-03:00`));
		const listing = listTasks(many, 'open', NOW, SP);
		expect(listing.items).toHaveLength(MAX_LISTED_TASKS);
		expect(listing.more).toBe(3);
		expect(listing.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(shownKeys(listing)).toEqual(many.slice(0, 10).map((t) => t.key));
		expect(renderMessage('pt-BR', 'tasks.list', { listing, timeZone: SP, now: NOW }).text).toMatch(/_e mais 3_/);
		expect(renderMessage('en', 'tasks.list', { listing, timeZone: SP, now: NOW }).text).toMatch(/_and 3 more_/);
	});

	it.each([
		['tarefas de amanhã', 'tomorrow', ['tk_pao']],
		['o que tenho pra amanha?', 'tomorrow', ['tk_pao']],
		['tasks for tomorrow', 'tomorrow', ['tk_pao']],
		['tarefas de hoje', 'today', []],
		['tarefas da semana', 'week', ['tk_pao', 'tk_rel']],
		["this week's tasks", 'week', ['tk_pao', 'tk_rel']],
		['atrasadas', 'overdue', ['tk_bol']],
		['tarefas vencidas', 'overdue', ['tk_bol']],
		['overdue tasks', 'overdue', ['tk_bol']],
		['minhas tarefas', 'open', ['tk_bol', 'tk_pao', 'tk_rel', 'tk_joao']],
		['my tasks', 'open', ['tk_bol', 'tk_pao', 'tk_rel', 'tk_joao']],
	])('"%s" lists the %s view', (text, view, keys) => {
		expect(taskListView(text)).toBe(view);
		expect(listTasks(TASKS, taskListView(text), NOW, SP).keys).toEqual(keys);
	});

	it('today counts a task due earlier today (overdue, flagged) and not one due just after midnight', () => {
		const tasks = [task('a', 'Cedo', '2026-12-02T08:00:00-03:00'), task('b', 'Meia-noite', '2026-12-03T00:00:00-03:00'), task('c', 'Noite', '2026-12-02T23:59:00-03:00')];
		const listing = listTasks(tasks, 'today', NOW, SP);
		expect(listing.keys).toEqual(['a', 'c']);
		expect(listing.items[0].overdue).toBe(true);
		expect(listTasks(tasks, 'tomorrow', NOW, SP).keys).toEqual(['b']);
	});

	it('renders numbered WhatsApp lines with due dates in words, overdue marked', () => {
		const listing = listTasks(TASKS, 'open', NOW, SP);
		const pt = renderMessage('pt-BR', 'tasks.list', { listing, timeZone: SP, now: NOW }).text;
		expect(pt).toContain('*1.* Pagar boleto da luz — ⚠️ ontem, 17:00');
		expect(pt).toContain('*2.* Comprar pão — amanhã, 09:00');
		expect(pt).toContain('*3.* Enviar relatório mensal — sexta, 14:00');
		expect(pt).toContain('*4.* Ligar pro João\n');
		const en = renderMessage('en', 'tasks.list', { listing, timeZone: SP, now: NOW }).text;
		expect(en).toContain('*2.* Comprar pão — tomorrow, 09:00');
		expect(en).toContain('*3.* Enviar relatório mensal — Friday, 14:00');
	});

	it('an empty view says so in the user language', () => {
		expect(renderMessage('pt-BR', 'tasks.list', { listing: listTasks(TASKS, 'today', NOW, SP), timeZone: SP, now: NOW }).text).toBe('Nada pra hoje 🎉');
		expect(renderMessage('en', 'tasks.list', { listing: listTasks([], 'open', NOW, SP), timeZone: SP, now: NOW }).text).toMatch(/^No open tasks/);
	});

	it('the day view lists one calendar day, named in the header ("e sexta?")', () => {
		const listing = listTasks(TASKS, 'day', NOW, SP, MAX_LISTED_TASKS, '2026-12-04T09:00:00-03:00');
		expect(listing.keys).toEqual(['tk_rel']);
		expect(renderMessage('pt-BR', 'tasks.list', { listing, timeZone: SP, now: NOW }).text).toMatch(/^📋 \*Tarefas de sexta\*\n\*1\.\* Enviar relatório mensal — sexta, 14:00/);
		const empty = listTasks(TASKS, 'day', NOW, SP, MAX_LISTED_TASKS, '2026-12-05T09:00:00-03:00');
		expect(renderMessage('en', 'tasks.list', { listing: empty, timeZone: SP, now: NOW }).text).toBe('Nothing due on Saturday 🎉');
		expect(renderMessage('pt-BR', 'tasks.list', { listing: empty, timeZone: SP, now: NOW }).text).toBe('Nada pra sábado 🎉');
		expect(() => listTasks(TASKS, 'day', NOW, SP)).toThrow(/'day' view needs/);
	});

	it.each([
		['tarefas de sexta', { view: 'day', day: '2026-12-04T09:00:00-03:00' }],
		['o que tenho pro dia 10?', { view: 'day', day: '2026-12-10T09:00:00-03:00' }],
		['tasks for friday', { view: 'day', day: '2026-12-04T09:00:00-03:00' }],
		['tarefas de amanhã', { view: 'tomorrow' }],
		['atrasadas', { view: 'overdue' }],
		['minhas tarefas', { view: 'open' }],
		['lista de tarefas pendentes', { view: 'open' }],
	])('"%s" asks for %j', (text, request) => {
		expect(taskListRequest(text, NOW, SP)).toEqual(request);
	});

	it('refuses an unknown zone', () => {
		expect(() => listTasks(TASKS, 'open', NOW, 'Nowhere/Land')).toThrow(RangeError);
	});
});

describe('task.create confirmation', () => {
	it('gives the number and the due date in words', () => {
		const tasks = [...TASKS, task('tk_new', 'Enviar proposta', '2026-12-03T08:00:00-03:00')];
		const number = taskNumber(tasks, 'tk_new') ?? null;
		expect(number).toBe(2);
		expect(renderMessage('pt-BR', 'tasks.created', { title: 'Enviar proposta', number, due: '2026-12-03T08:00:00-03:00', timeZone: SP, now: NOW }).text).toMatch(
			/^✅ Anotado: \*Enviar proposta\* \(nº 2\), para amanhã, 08:00\./,
		);
		expect(renderMessage('en', 'tasks.created', { title: 'Enviar proposta', number, due: '2026-12-03T08:00:00-03:00', timeZone: SP, now: NOW }).text).toMatch(/^✅ Noted: \*Enviar proposta\* \(#2\), due tomorrow, 08:00\./);
		expect(renderMessage('pt-BR', 'tasks.created', { title: 'Comprar pão', number: 5, due: null, timeZone: SP, now: NOW }).text).toMatch(/^✅ Anotado: \*Comprar pão\* \(nº 5\)\.\n/);
	});
});

describe('completion by number', () => {
	it.each([
		['concluí a 2', 'tk_pao'],
		['a segunda', 'tk_pao'],
		['feito 3', 'tk_rel'],
		['1', 'tk_bol'],
		['a última', 'tk_joao'],
	])('"%s" without a list in context uses the open list now → %s', (text, key) => {
		expect(completedKeys(decide(text))).toEqual([key]);
	});

	it('uses the numbers the user last saw (a filtered list)', () => {
		const listing = listTasks(TASKS, 'week', NOW, SP);
		const context = contextAfterList({}, listing);
		expect(context.listedTaskKeys).toEqual(['tk_pao', 'tk_rel']);
		expect(completedKeys(decide('concluí a 2', context))).toEqual(['tk_rel']);
		expect(completedKeys(decide('a primeira', context))).toEqual(['tk_pao']);
	});

	it('completes several at once and remembers them for undo', () => {
		const d = decide('feito 1 e 3');
		expect(completedKeys(d)).toEqual(['tk_bol', 'tk_rel']);
		expect(d.context.lastCompleted).toEqual([
			{ key: 'tk_bol', title: 'Pagar boleto da luz', previousStatus: 'todo' },
			{ key: 'tk_rel', title: 'Enviar relatório mensal', previousStatus: 'todo' },
		]);
		expect(d.reply).toEqual({ key: 'tasks.completed', params: { titles: ['Pagar boleto da luz', 'Enviar relatório mensal'] } });
	});

	it('a number past the list says so and shows the list', () => {
		const d = decide('concluí a 7');
		expect(d.action).toBe('not_found');
		if (d.action !== 'not_found') return;
		expect(d.reply.params.number).toBe(7);
		expect(d.reply.params.listing.keys).toEqual(['tk_bol', 'tk_pao', 'tk_rel', 'tk_joao']);
		expect(d.context.listedTaskKeys).toEqual(d.reply.params.listing.keys);
		expect(renderMessage('pt-BR', d.reply.key, d.reply.params).text).toMatch(/^Não achei a tarefa nº 7\.\n\n📋 \*Suas tarefas\*\n\*1\.\* Pagar boleto/);
	});

	it('a shown number whose task is done already answers already_done and writes nothing', () => {
		const context: TaskContext = { listedTaskKeys: ['tk_done', 'tk_pao'] };
		const d = decide('concluí a 1', context);
		expect(d.action).toBe('already_done');
		expect(renderMessage('pt-BR', d.reply.key, d.reply.params).text).toBe('*Renovar passaporte* já estava concluída 👍');
	});
});

describe('completion by title', () => {
	it.each([
		['terminei o relatório', 'tk_rel'],
		['terminei o relatorio', 'tk_rel'],
		['terminei o relatoio', 'tk_rel'],
		['enviei o relatório', 'tk_rel'],
		['RELATÓRIO MENSAL feito', 'tk_rel'],
		['concluí comprar pão', 'tk_pao'],
		['comprei o pão', 'tk_pao'],
		['dei baixa no boleto', 'tk_bol'],
		['paguei a luz', 'tk_bol'],
		['liguei pro joao', 'tk_joao'],
		['liguei pro Joao ✅', 'tk_joao'],
		['finished the relatorio', 'tk_rel'],
	])('"%s" completes %s', (text, key) => {
		expect(completedKeys(decide(text))).toEqual([key]);
	});

	it('prefers the one exact title over a longer one sharing its words', () => {
		const tasks = [task('a', 'Comprar pão de queijo'), task('b', 'Comprar pão')];
		expect(completedKeys(decide('concluí comprar pão', {}, tasks))).toEqual(['b']);
	});

	it('picks the clearly better match', () => {
		const tasks = [task('a', 'Revisar relatório anual'), task('b', 'Enviar relatório mensal')];
		expect(completedKeys(decide('terminei o relatório mensal', {}, tasks))).toEqual(['b']);
	});

	it('asks with buttons when two or more fit about as well, and never guesses', () => {
		const tasks = [task('a', 'Enviar relatório mensal', '2026-12-04T14:00:00-03:00'), task('b', 'Revisar relatório anual'), task('c', 'Comprar pão')];
		const d = decide('terminei o relatório', {}, tasks);
		expect(d.action).toBe('ask');
		if (d.action !== 'ask') return;
		expect(d.candidates.map((c) => [c.number, c.key])).toEqual([
			[1, 'a'],
			[2, 'b'],
		]);
		expect(d.question).toEqual({ id: 'q9', kind: 'tasks.complete_which', keys: ['a', 'b'] });
		expect(d.context.listedTaskKeys).toEqual(['a', 'b']);
		const message = renderMessage('pt-BR', d.reply.key, d.reply.params);
		expect(message.buttons).toEqual([
			{ id: 'q9:a', title: '1. Enviar relatório…' },
			{ id: 'q9:b', title: '2. Revisar relatóri…' },
		]);
		expect(message.text).toContain('*1.* Enviar relatório mensal — sexta, 14:00');
		// The numbers in the question are the numbers a typed answer means.
		expect(completedKeys(decide('a 2', d.context, tasks))).toEqual(['b']);
	});

	it('asks when the same title is there twice', () => {
		const tasks = [task('a', 'Pagar boleto'), task('b', 'Pagar boleto')];
		expect(decide('paguei o boleto', {}, tasks).action).toBe('ask');
	});

	it('offers at most 3 buttons, listing every candidate in the text', () => {
		const tasks = ['Ligar pro banco', 'Ligar pro João', 'Ligar pra mãe', 'Ligar pro médico'].map((t, i) => task(`k${i}`, t));
		const d = decide('liguei', {}, tasks);
		expect(d.action).toBe('ask');
		const message = renderMessage('en', d.reply.key, d.reply.params);
		expect(message.buttons).toHaveLength(3);
		expect(message.text).toContain('*4.* Ligar pro médico');
	});

	it('no match says so and shows the list', () => {
		const d = decide('terminei a apresentação');
		expect(d.action).toBe('not_found');
		if (d.action !== 'not_found') return;
		expect(d.reply.params.query).toBe('apresentação');
		const en = renderMessage('en', d.reply.key, d.reply.params).text;
		expect(en).toMatch(/^I couldn't find an open task matching "apresentação"\.\n\n📋 \*Your tasks\*\n\*1\.\* Pagar boleto/);
	});

	it('done tasks never match a title', () => {
		expect(decide('renovei o passaporte').action).toBe('not_found');
	});

	it('with no open tasks at all, says so', () => {
		const d = decide('terminei o relatório', {}, [task('x', 'Relatório', null, 'done')]);
		expect(d.action).toBe('not_found');
		expect(renderMessage('pt-BR', d.reply.key, d.reply.params).text).toBe('Não achei nenhuma tarefa aberta com "relatório". Você não tem tarefas abertas 🎉');
	});
});

describe('completion of the task last mentioned', () => {
	it.each(['feito', 'essa', 'pronto', '✅', 'done', 'concluí essa'])('"%s" right after creating one completes it', (text) => {
		const context = contextAfterCreate({}, 'tk_rel');
		expect(completedKeys(decide(text, context))).toEqual(['tk_rel']);
	});

	it('without a task in context it asks among the open ones', () => {
		const d = decide('feito');
		expect(d.action).toBe('ask');
		if (d.action === 'ask') expect(d.candidates.map((c) => c.key)).toEqual(['tk_bol', 'tk_pao', 'tk_rel', 'tk_joao']);
	});

	it('said again after completing it, answers already done', () => {
		const first = decide('feito', contextAfterCreate({}, 'tk_pao'));
		const after = TASKS.map((t) => (t.key === 'tk_pao' ? { ...t, status: 'done' } : t));
		expect(decide('feito', first.context, after).action).toBe('already_done');
	});

	it('a task "doing" is reopened as doing', () => {
		const d = decide('liguei pro joão');
		expect(d.context.lastCompleted).toEqual([{ key: 'tk_joao', title: 'Ligar pro João', previousStatus: 'doing' }]);
	});
});

describe('button taps', () => {
	it('parses <questionId>:<taskKey> ids', () => {
		expect(parseTaskChoice('q9:tk_rel')).toEqual({ questionId: 'q9', key: 'tk_rel' });
		expect(parseTaskChoice('SM123:rec0000000000000A')).toEqual({ questionId: 'SM123', key: 'rec0000000000000A' });
		for (const bad of ['', ':x', 'q9:', 'SIM', 42, undefined]) expect(parseTaskChoice(bad)).toBeUndefined();
	});

	it('completes the tapped task, late or not, once', () => {
		const input = { tasks: TASKS, context: { listedTaskKeys: ['tk_pao'] }, questionId: 'q10', now: NOW, timeZone: SP };
		const first = decideChoice('q9:tk_rel', input)!;
		expect(completedKeys(first)).toEqual(['tk_rel']);
		const after = TASKS.map((t) => (t.key === 'tk_rel' ? { ...t, status: 'done' } : t));
		expect(decideChoice('q9:tk_rel', { ...input, tasks: after, context: first.context })!.action).toBe('already_done');
	});

	it('a key that is not one of the user tasks writes nothing', () => {
		expect(decideChoice('q9:tk_someone_else', { tasks: TASKS, questionId: 'q10', now: NOW, timeZone: SP })!.action).toBe('not_found');
		expect(decideChoice('SIM', { tasks: TASKS, questionId: 'q10', now: NOW, timeZone: SP })).toBeUndefined();
	});

	it('button titles fit WhatsApp', () => {
		const buttons = choiceButtons('q', [{ number: 10, key: 'k', title: 'Um título muito longo para um botão 😀', due: null }]);
		expect(buttons[0].title.length).toBeLessThanOrEqual(20);
		expect(buttons[0].id).toBe('q:k');
	});
});

describe('undo', () => {
	it('"desfazer" reopens the last completion once, with its previous status', () => {
		const completed = decide('liguei pro joão');
		const after = TASKS.map((t) => (t.key === 'tk_joao' ? { ...t, status: 'done' } : t));
		const undo = decideUndo(completed.context, after);
		expect(undo.action).toBe('reopen');
		if (undo.action !== 'reopen') return;
		expect(undo.tasks).toEqual([{ key: 'tk_joao', title: 'Ligar pro João', previousStatus: 'doing' }]);
		expect(undo.context.lastCompleted).toBeNull();
		expect(undo.context.lastTaskKey).toBe('tk_joao');
		expect(renderMessage('pt-BR', undo.reply.key, undo.reply.params).text).toBe('↩️ Desfeito: *Ligar pro João* voltou pra sua lista.');
		expect(decideUndo(undo.context, after).action).toBe('nothing');
	});

	it('skips a task reopened meanwhile, and says there is nothing to undo without a completion', () => {
		const context: TaskContext = { lastCompleted: [{ key: 'tk_pao', title: 'Comprar pão', previousStatus: 'todo' }] };
		expect(decideUndo(context, TASKS).action).toBe('nothing');
		expect(decideUndo(undefined).action).toBe('nothing');
		expect(renderMessage('en', 'tasks.nothing_to_undo', {}).text).toBe("There's nothing to undo right now.");
	});
});

describe('follow-ups the classifier does not call task.complete', () => {
	it('routes "a segunda" after a list, "essa" after a create, "desfazer" after a completion', () => {
		const listed: TaskContext = { listedTaskKeys: ['a', 'b'] };
		expect(isTaskFollowUp('a segunda', listed)).toBe('complete');
		expect(isTaskFollowUp('2', listed)).toBe('complete');
		expect(isTaskFollowUp('a segunda', {})).toBeUndefined();
		expect(isTaskFollowUp('essa', { lastTaskKey: 'a' })).toBe('complete');
		expect(isTaskFollowUp('essa', {})).toBeUndefined();
		expect(isTaskFollowUp('ok', { lastTaskKey: 'a' })).toBeUndefined();
		expect(isTaskFollowUp('desfazer', { lastCompleted: [{ key: 'a', title: 'A', previousStatus: 'todo' }] })).toBe('undo');
		expect(isTaskFollowUp('desfazer', {})).toBeUndefined();
		expect(isTaskFollowUp('oi', listed)).toBeUndefined();
	});
});

describe('properties', () => {
	const arbTasks = fc.array(
		fc.record({
			key: fc.uuid(),
			title: fc.string({ minLength: 1, maxLength: 30 }),
			status: fc.constantFrom('todo', 'doing', 'done'),
			due: fc.option(fc.integer({ min: NOW - 5 * 86_400_000, max: NOW + 20 * 86_400_000 }).map((ms) => new Date(ms).toISOString()), { nil: null }),
		}),
		{ maxLength: 25 },
	);

	it('never completes a done task nor one outside the list, and an ask always offers a candidate', () => {
		fc.assert(
			fc.property(arbTasks, fc.string({ maxLength: 40 }), (tasks, text) => {
				const d = decideCompletion({ text, tasks, questionId: 'q', now: NOW, timeZone: SP });
				if (d.action === 'complete') {
					for (const t of d.tasks) {
						expect(t.status).not.toBe('done');
						expect(tasks).toContain(t);
					}
				}
				if (d.action === 'ask') expect(d.candidates.length).toBeGreaterThanOrEqual(1);
			}),
		);
	});

	it('a listed number always completes the task shown at that number', () => {
		fc.assert(
			fc.property(arbTasks, fc.integer({ min: 1, max: 10 }), (tasks, n) => {
				const listing = listTasks(tasks, 'open', NOW, SP);
				fc.pre(n <= listing.keys.length);
				const d = decideCompletion({ text: `concluí a ${n}`, tasks, context: contextAfterList({}, listing), questionId: 'q', now: NOW, timeZone: SP });
				expect(completedKeys(d)).toEqual([listing.keys[n - 1]]);
			}),
		);
	});
});
