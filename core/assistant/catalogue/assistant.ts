import type { Locale } from '../locale';
import { dayInWords, dueInWords } from '../when-words';
import { defineSlice } from './types';

/** Where a message needs "amanhã às 09:00" in words: the user's zone and the turn's instant (ISO). */
interface Clock {
	timeZone: string;
	now: string;
}

/** The turn's own messages (hub): greeting, smalltalk, menu, reminder confirmations. Task messages are the tasks slice's. */
export interface AssistantParams {
	'assistant.greeting': { name: string | null; smalltalk: boolean };
	'assistant.greeting_prefix': { name: string | null };
	'assistant.smalltalk': Record<string, never>;
	'assistant.help': Record<string, never>;
	'assistant.unknown': Record<string, never>;
	/** An LLM's brief answer (Assistant → Answer Briefly) to what was not understood; a hint to the menu follows unless it names it. */
	'assistant.brief_answer': { text: string };
	'assistant.reminder_created': Clock & { text: string; dueAt: string; moved: boolean };
	'assistant.reminder_ask_time': { text: string | null; problem: 'missing' | 'past' };
}

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

/** The brief answer as the model wrote it, then the way back to what BestStag does (once: not when the answer already points there). */
const withMenuHint = (text: string, hint: string) => (/\bmenu\b/i.test(text) ? text.trim() : `${text.trim()}\n\n${hint}`);

const hello = (word: string, name: string | null) => `${word}${name ? `, ${name.split(/\s+/)[0]}` : ''}! 👋`;

/**
 * "amanhã às 09:00", "na sexta às 14:00", "em 25/12 às 08:00" / "tomorrow at 09:00", "on Friday at 14:00":
 * the day in words (when-words.ts) with the time, as a reminder's confirmation says it.
 */
export function atWhen(iso: string, locale: Locale, clock: Clock): string {
	const day = dayInWords(iso, clock.timeZone, locale, clock.now);
	const time = dueInWords(iso, clock.timeZone, locale, clock.now).slice(-5);
	const named = !['hoje', 'amanhã', 'ontem', 'today', 'tomorrow', 'yesterday'].includes(day);
	if (locale === 'en') return `${named ? 'on ' : ''}${day} at ${time}`;
	if (!named) return `${day} às ${time}`;
	return `${/^\d/.test(day) ? 'em' : ['sábado', 'domingo'].includes(day) ? 'no' : 'na'} ${day} às ${time}`;
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
			'assistant.brief_answer': ({ text }) => withMenuHint(text, '👉 Digite *menu* para ver tudo o que eu faço.'),
			'assistant.reminder_created': (p) => `⏰ ${p.moved ? 'Mudei! Agora vou' : 'Combinado! Vou'} te lembrar ${atWhen(p.dueAt, 'pt-BR', p)}: *${p.text}*`,
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
			'assistant.brief_answer': ({ text }) => withMenuHint(text, '👉 Send *menu* to see everything I can do.'),
			'assistant.reminder_created': (p) => `⏰ ${p.moved ? 'Moved! I will now' : 'All set! I will'} ping you ${atWhen(p.dueAt, 'en', p)}: *${p.text}*`,
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
		// The model writes in the user's language; the example stays neutral so both renderings are one language.
		'assistant.brief_answer': { text: '*BestStag* ✅ 📝 ⏰' },
		'assistant.reminder_created': { text: 'pagar o boleto', dueAt: '2026-11-30T09:00:00-03:00', moved: false, timeZone: 'America/Sao_Paulo', now: '2026-11-29T13:00:00Z' },
		'assistant.reminder_ask_time': { text: 'pagar o boleto', problem: 'past' },
	},
});
