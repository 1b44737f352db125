import type { CandidateTask, ListedTask, TaskListing, TaskListView } from '../tasks';
import { choiceButtons } from '../tasks';
import { dayInWords, dueInWords, type InstantInput } from '../when-words';
import type { Locale } from '../locale';
import { defineSlice } from './types';

/** Where due dates are read: the user's IANA zone and the turn's instant (ISO or epoch ms). */
interface When {
	timeZone: string;
	now: InstantInput;
}

/** The task replies: create, list, complete (asked, not found, already done), undo. */
export interface TasksParams {
	/** A new task and its number in the open list (null when it is not in the open list, e.g. created done). */
	'tasks.created': When & { title: string; number: number | null; due: string | null };
	/** A listing from listTasks (an empty one says there is nothing to do). */
	'tasks.list': When & { listing: TaskListing };
	/** "Which one?" with a button per candidate (ids `<questionId>:<taskKey>`). */
	'tasks.complete_which': When & { questionId: string; candidates: CandidateTask[] };
	/** Nothing matched the title or number; shows the open list. */
	'tasks.complete_not_found': When & { query: string | null; number: number | null; listing: TaskListing };
	'tasks.completed': { titles: string[] };
	'tasks.already_done': { titles: string[] };
	'tasks.reopened': { titles: string[] };
	'tasks.nothing_to_undo': Record<string, never>;
}

function joined(titles: readonly string[], and: string): string {
	const bold = titles.map((t) => `*${t}*`);
	return bold.length <= 1 ? (bold[0] ?? '') : `${bold.slice(0, -1).join(', ')} ${and} ${bold[bold.length - 1]}`;
}

function line(locale: Locale, task: ListedTask | CandidateTask, when: When): string {
	const overdue = 'overdue' in task && task.overdue;
	const due = task.due === null ? '' : ` — ${overdue ? '⚠️ ' : ''}${dueInWords(task.due, when.timeZone, locale, when.now)}`;
	return `*${task.number}.* ${task.title}${due}`;
}

function lines(locale: Locale, listing: TaskListing, when: When): string {
	const more = listing.more > 0 ? `\n_${locale === 'en' ? 'and' : 'e mais'} ${listing.more}${locale === 'en' ? ' more' : ''}_` : '';
	return listing.items.map((task) => line(locale, task, when)).join('\n') + more;
}

const PT_HEADERS: Record<Exclude<TaskListView, 'day'>, string> = {
	open: '📋 *Suas tarefas*',
	today: '📋 *Tarefas de hoje*',
	tomorrow: '📋 *Tarefas de amanhã*',
	week: '📋 *Tarefas da semana*',
	overdue: '⚠️ *Tarefas atrasadas*',
};
const EN_HEADERS: Record<Exclude<TaskListView, 'day'>, string> = {
	open: '📋 *Your tasks*',
	today: "📋 *Today's tasks*",
	tomorrow: "📋 *Tomorrow's tasks*",
	week: "📋 *This week's tasks*",
	overdue: '⚠️ *Overdue tasks*',
};
const PT_EMPTY: Record<Exclude<TaskListView, 'day'>, string> = {
	open: 'Nenhuma tarefa aberta 🎉 Pra anotar uma, é só escrever, tipo "comprar pão amanhã".',
	today: 'Nada pra hoje 🎉',
	tomorrow: 'Nada pra amanhã 🎉',
	week: 'Nada pros próximos 7 dias 🎉',
	overdue: 'Nada atrasado 👏',
};
const EN_EMPTY: Record<Exclude<TaskListView, 'day'>, string> = {
	open: 'No open tasks 🎉 To add one, just write it, like "buy bread tomorrow".',
	today: 'Nothing due today 🎉',
	tomorrow: 'Nothing due tomorrow 🎉',
	week: 'Nothing due in the next 7 days 🎉',
	overdue: 'Nothing overdue 👏',
};

/** A listing's header, and what an empty one says; the 'day' view names its day ("sexta", "12/12"). */
function header(locale: Locale, listing: TaskListing, when: When): string {
	if (listing.view !== 'day') return (locale === 'en' ? EN_HEADERS : PT_HEADERS)[listing.view];
	const day = dayInWords(listing.day ?? when.now, when.timeZone, locale, when.now);
	return locale === 'en' ? `📋 *Tasks for ${day}*` : `📋 *Tarefas de ${day}*`;
}

function empty(locale: Locale, listing: TaskListing, when: When): string {
	if (listing.view !== 'day') return (locale === 'en' ? EN_EMPTY : PT_EMPTY)[listing.view];
	const day = dayInWords(listing.day ?? when.now, when.timeZone, locale, when.now);
	return locale === 'en' ? `Nothing due ${['today', 'tomorrow', 'yesterday'].includes(day) ? '' : 'on '}${day} 🎉` : `Nada pra ${day} 🎉`;
}

const EXAMPLE_WHEN: When = { timeZone: 'America/Sao_Paulo', now: '2026-12-02T10:30:00-03:00' };
const EXAMPLE_LISTING: TaskListing = {
	view: 'open',
	items: [
		{ number: 1, title: 'Pagar boleto', due: '2026-12-01T17:00:00-03:00', overdue: true },
		{ number: 2, title: 'Enviar relatório mensal', due: '2026-12-03T09:00:00-03:00', overdue: false },
		{ number: 3, title: 'Ligar pro João', due: null, overdue: false },
	],
	more: 2,
	keys: ['tk_a', 'tk_b', 'tk_c'],
};
const EXAMPLE_CANDIDATES: CandidateTask[] = [
	{ number: 1, key: 'tk_b', title: 'Enviar relatório mensal', due: '2026-12-04T14:00:00-03:00' },
	{ number: 2, key: 'tk_d', title: 'Revisar relatório anual', due: null },
];

export const tasks = defineSlice<TasksParams>({
	texts: {
		'pt-BR': {
			'tasks.created': ({ title, number, due, ...when }) =>
				`✅ Anotado: *${title}*${number === null ? '' : ` (nº ${number})`}${due === null ? '' : `, para ${dueInWords(due, when.timeZone, 'pt-BR', when.now)}`}.\nQuando terminar, é só dizer *feito*.`,
			'tasks.list': ({ listing, ...when }) =>
				listing.items.length === 0 ? empty('pt-BR', listing, when) : `${header('pt-BR', listing, when)}\n${lines('pt-BR', listing, when)}\n\nPra concluir, diga *feito 1*.`,
			'tasks.complete_which': ({ questionId, candidates, ...when }) => ({
				text: `Qual delas você concluiu? 🤔\n${candidates.map((c) => line('pt-BR', c, when)).join('\n')}\n\nToque numa opção ou responda com o número.`,
				buttons: choiceButtons(questionId, candidates),
			}),
			'tasks.complete_not_found': ({ query, number, listing, ...when }) => {
				const head = number !== null ? `Não achei a tarefa nº ${number}.` : query ? `Não achei nenhuma tarefa aberta com "${query}".` : 'Não achei essa tarefa.';
				return listing.items.length === 0 ? `${head} Você não tem tarefas abertas 🎉` : `${head}\n\n${header('pt-BR', listing, when)}\n${lines('pt-BR', listing, when)}\n\nQual você concluiu? Responda com o número.`;
			},
			'tasks.completed': ({ titles }) => `✔️ ${titles.length > 1 ? 'Concluídas' : 'Concluída'}: ${joined(titles, 'e')}! Se foi engano, diga *desfazer*.`,
			'tasks.already_done': ({ titles }) => `${joined(titles, 'e')} já ${titles.length > 1 ? 'estavam concluídas' : 'estava concluída'} 👍`,
			'tasks.reopened': ({ titles }) => `↩️ Desfeito: ${joined(titles, 'e')} ${titles.length > 1 ? 'voltaram' : 'voltou'} pra sua lista.`,
			'tasks.nothing_to_undo': () => 'Não tenho nada pra desfazer agora.',
		},
		en: {
			'tasks.created': ({ title, number, due, ...when }) =>
				`✅ Noted: *${title}*${number === null ? '' : ` (#${number})`}${due === null ? '' : `, due ${dueInWords(due, when.timeZone, 'en', when.now)}`}.\nWhen it's finished, just say *done*.`,
			'tasks.list': ({ listing, ...when }) =>
				listing.items.length === 0 ? empty('en', listing, when) : `${header('en', listing, when)}\n${lines('en', listing, when)}\n\nTo complete one, say *done 1*.`,
			'tasks.complete_which': ({ questionId, candidates, ...when }) => ({
				text: `Which one did you finish? 🤔\n${candidates.map((c) => line('en', c, when)).join('\n')}\n\nTap one or reply with its number.`,
				buttons: choiceButtons(questionId, candidates),
			}),
			'tasks.complete_not_found': ({ query, number, listing, ...when }) => {
				const head = number !== null ? `I couldn't find task #${number}.` : query ? `I couldn't find an open task matching "${query}".` : "I couldn't find that task.";
				return listing.items.length === 0 ? `${head} You have no open tasks 🎉` : `${head}\n\n${header('en', listing, when)}\n${lines('en', listing, when)}\n\nWhich one did you finish? Reply with its number.`;
			},
			'tasks.completed': ({ titles }) => `✔️ Completed: ${joined(titles, 'and')}! If that was a mistake, say *undo*.`,
			'tasks.already_done': ({ titles }) => `${joined(titles, 'and')} ${titles.length > 1 ? 'were' : 'was'} already completed 👍`,
			'tasks.reopened': ({ titles }) => `↩️ Undone: ${joined(titles, 'and')} ${titles.length > 1 ? 'are' : 'is'} back on your list.`,
			'tasks.nothing_to_undo': () => "There's nothing to undo right now.",
		},
	},
	examples: {
		'tasks.created': { ...EXAMPLE_WHEN, title: 'Enviar relatório mensal', number: 2, due: '2026-12-03T09:00:00-03:00' },
		'tasks.list': { ...EXAMPLE_WHEN, listing: EXAMPLE_LISTING },
		'tasks.complete_which': { ...EXAMPLE_WHEN, questionId: 'q1', candidates: EXAMPLE_CANDIDATES },
		'tasks.complete_not_found': { ...EXAMPLE_WHEN, query: 'relatoio', number: null, listing: EXAMPLE_LISTING },
		'tasks.completed': { titles: ['Enviar relatório mensal'] },
		'tasks.already_done': { titles: ['Pagar boleto'] },
		'tasks.reopened': { titles: ['Enviar relatório mensal'] },
		'tasks.nothing_to_undo': {},
	},
});
