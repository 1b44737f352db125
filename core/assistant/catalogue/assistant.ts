import type { TaskView } from '../task-view';
import { atWhen, shortWhen } from '../when';
import { defineSlice } from './types';

/** Where a message needs "amanhã, 09:00" in words: the user's zone and the turn's instant (ISO). */
interface Clock {
	timeZone: string;
	now: string;
}

/** The turn's own messages (hub): greeting, smalltalk, menu, task and reminder confirmations. */
export interface AssistantParams {
	'assistant.greeting': { name: string | null; smalltalk: boolean };
	'assistant.greeting_prefix': { name: string | null };
	'assistant.smalltalk': Record<string, never>;
	'assistant.help': Record<string, never>;
	'assistant.unknown': Record<string, never>;
	'assistant.task_created': Clock & { title: string; number: number; due: string | null };
	'assistant.task_list': Clock & { tasks: TaskView[]; total: number; day: string | null };
	'assistant.reminder_created': Clock & { text: string; dueAt: string; moved: boolean };
	'assistant.reminder_ask_time': { text: string | null; problem: 'missing' | 'past' };
}

/** The list shows at most this many tasks, then "e mais N". */
export const TASK_LIST_LIMIT = 10;

const MENU_PT = [
	{ id: 'menu:tasks', title: 'Minhas tarefas' },
	{ id: 'menu:reminder', title: 'Criar lembrete' },
	{ id: 'menu:human', title: 'Falar com alguém' },
];
const MENU_EN = [
	{ id: 'menu:tasks', title: 'My to-do list' },
	{ id: 'menu:reminder', title: 'New reminder' },
	{ id: 'menu:human', title: 'Talk to a person' },
];

const hello = (word: string, name: string | null) => `${word}${name ? `, ${name.split(/\s+/)[0]}` : ''}! 👋`;
const now = (clock: Clock) => new Date(clock.now);

function lines(tasks: TaskView[], clock: Clock, locale: 'pt-BR' | 'en'): string {
	return tasks
		.slice(0, TASK_LIST_LIMIT)
		.map((t, i) => `${i + 1}. ${t.title}${t.due ? ` — ${shortWhen(t.due, locale, clock.timeZone, now(clock))}` : ''}`)
		.join('\n');
}

export const assistant = defineSlice<AssistantParams>({
	texts: {
		'pt-BR': {
			'assistant.greeting': ({ name, smalltalk }) =>
				`${hello('Oi', name)} ${smalltalk ? 'Tudo ótimo por aqui. ' : ''}Sou o BestStag: anoto tarefas, crio lembretes e organizo seu dia. Digite *menu* para ver tudo.`,
			'assistant.greeting_prefix': ({ name }) => hello('Oi', name),
			'assistant.smalltalk': () => 'Tudo ótimo por aqui, obrigado! 😊 Quando precisar, é só pedir: anoto tarefas e crio lembretes.',
			'assistant.help': () => ({
				text: 'Posso ajudar com:\n• *anotar* — "anota aí comprar pão amanhã"\n• *listar* — "minhas tarefas"\n• *lembrar* — "me lembra amanhã às 9h de ligar pro João"\n• *parar mensagens* — "sair"',
				buttons: MENU_PT,
			}),
			'assistant.unknown': () => ({ text: 'Não entendi 🤔 Posso anotar, listar e lembrar. Escolha uma opção ou digite *menu*.', buttons: MENU_PT }),
			'assistant.task_created': (p) => `✅ Anotado! Tarefa *${p.number}*: ${p.title}${p.due ? ` — ${shortWhen(p.due, 'pt-BR', p.timeZone, now(p))}` : ''}`,
			'assistant.task_list': (p) => {
				const heading = p.day ? `📋 Tarefas para ${shortWhen(p.day, 'pt-BR', p.timeZone, now(p)).split(',')[0]}:` : '📋 Suas tarefas:';
				if (p.tasks.length === 0) return p.day ? `Nada marcado para ${shortWhen(p.day, 'pt-BR', p.timeZone, now(p)).split(',')[0]} 🎉` : 'Você não tem tarefas abertas 🎉';
				const more = p.total > TASK_LIST_LIMIT ? `\n…e mais ${p.total - TASK_LIST_LIMIT}` : '';
				return `${heading}\n${lines(p.tasks, p, 'pt-BR')}${more}`;
			},
			'assistant.reminder_created': (p) => `⏰ ${p.moved ? 'Mudei! Agora vou' : 'Combinado! Vou'} te lembrar ${atWhen(p.dueAt, 'pt-BR', p.timeZone, now(p))}: *${p.text}*`,
			'assistant.reminder_ask_time': ({ text, problem }) =>
				`${problem === 'past' ? 'Esse horário já passou. ' : ''}Quando devo te lembrar${text ? ` de *${text}*` : ''}? Ex.: "amanhã às 9h" ou "sexta 14h".`,
		},
		en: {
			'assistant.greeting': ({ name, smalltalk }) =>
				`${hello('Hi', name)} ${smalltalk ? "All good here. " : ''}I'm BestStag: I keep your to-dos, set reminders and organise your day. Send *menu* to see everything.`,
			'assistant.greeting_prefix': ({ name }) => hello('Hi', name),
			'assistant.smalltalk': () => "All good here, thanks! 😊 Whenever you need, just ask: I keep your to-dos and set reminders.",
			'assistant.help': () => ({
				text: 'I can help with:\n• *adding* — "add buy milk tomorrow"\n• *listing* — "show my to-dos"\n• *reminders* — "remind me tomorrow at 9 to call John"\n• *stopping messages* — "stop"',
				buttons: MENU_EN,
			}),
			'assistant.unknown': () => ({ text: "I didn't get that 🤔 I can add, list and remind. Pick an option or send *menu*.", buttons: MENU_EN }),
			'assistant.task_created': (p) => `✅ Got it! To-do *${p.number}*: ${p.title}${p.due ? ` — ${shortWhen(p.due, 'en', p.timeZone, now(p))}` : ''}`,
			'assistant.task_list': (p) => {
				const day = p.day ? shortWhen(p.day, 'en', p.timeZone, now(p)).split(',')[0] : '';
				if (p.tasks.length === 0) return p.day ? `Nothing due ${/^\d|^[A-Z][a-z]{2} \d/.test(day) ? 'on ' : ''}${day} 🎉` : 'No open to-dos 🎉';
				const heading = p.day ? `📋 Due ${day}:` : '📋 Your to-dos:';
				const more = p.total > TASK_LIST_LIMIT ? `\n…and ${p.total - TASK_LIST_LIMIT} more` : '';
				return `${heading}\n${lines(p.tasks, p, 'en')}${more}`;
			},
			'assistant.reminder_created': (p) => `⏰ ${p.moved ? 'Moved! I will now' : 'All set! I will'} ping you ${atWhen(p.dueAt, 'en', p.timeZone, now(p))}: *${p.text}*`,
			'assistant.reminder_ask_time': ({ text, problem }) =>
				`${problem === 'past' ? 'That time has already passed. ' : ''}When should I ping you${text ? ` about *${text}*` : ''}? E.g. "tomorrow at 9" or "Friday 2pm".`,
		},
	},
	examples: {
		'assistant.greeting': { name: 'Ana Souza', smalltalk: true },
		'assistant.greeting_prefix': { name: 'Ana' },
		'assistant.smalltalk': {},
		'assistant.help': {},
		'assistant.unknown': {},
		'assistant.task_created': { title: 'comprar pão', number: 2, due: '2026-11-30T09:00:00-03:00', timeZone: 'America/Sao_Paulo', now: '2026-11-29T13:00:00Z' },
		'assistant.task_list': {
			tasks: [
				{ key: 'tk_1', title: 'pagar o boleto', due: '2026-11-28T09:00:00-03:00' },
				{ key: 'tk_2', title: 'comprar pão', due: null },
			],
			total: 12,
			day: null,
			timeZone: 'America/Sao_Paulo',
			now: '2026-11-29T13:00:00Z',
		},
		'assistant.reminder_created': { text: 'pagar o boleto', dueAt: '2026-11-30T09:00:00-03:00', moved: false, timeZone: 'America/Sao_Paulo', now: '2026-11-29T13:00:00Z' },
		'assistant.reminder_ask_time': { text: 'pagar o boleto', problem: 'past' },
	},
});
