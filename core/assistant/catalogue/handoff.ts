import type { AnswerTime } from '../business-hours';
import type { HandoffSummary } from '../handoff';
import { defineSlice } from './types';

/** The human hand-off: what the user is told, what the consultant is sent, and the bot's return. */
export interface HandoffParams {
	/** A hand-off was opened; `when` comes from business-hours.ts answerTime. */
	'handoff.opened': { reference: string; when: AnswerTime };
	/** The user asked again while one is open: no second hand-off. */
	'handoff.already_open': { reference: string; when: AnswerTime };
	/** The hand-off was closed; the assistant answers again. */
	'handoff.resumed': Record<string, never>;
	/** To a consultant, in the consultant's language. `portalUrl` is where they reply and close (optional). */
	'handoff.consultant_notice': { name: string; phone: string; reference: string; summary: HandoffSummary; portalUrl?: string };
	/** A consultant's reply as the user receives it. */
	'handoff.consultant_message': { consultant: string; text: string };
}

const pad = (n: number) => String(n).padStart(2, '0');

const PT_WEEKDAYS = ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "em até 1 hora", "amanhã a partir das 09:00", "segunda a partir das 09:00", "no dia 26/12 a partir das 09:00". */
function whenPt(when: AnswerTime): string {
	if (when.kind === 'soon') {
		const m = when.minutes;
		if (m % 60 === 0) return `em até ${m / 60} ${m === 60 ? 'hora' : 'horas'}`;
		return `em até ${m} minutos`;
	}
	const from = `a partir ${when.time.startsWith('01:') ? 'da' : 'das'} ${when.time}`;
	switch (when.day) {
		case 'today':
			return `hoje ${from}`;
		case 'tomorrow':
			return `amanhã ${from}`;
		case 'weekday':
			return `${PT_WEEKDAYS[when.weekday]} ${from}`;
		case 'date':
			return `no dia ${pad(when.date.day)}/${pad(when.date.month)} ${from}`;
	}
}

/** "within 1 hour", "tomorrow from 09:00", "on Monday from 09:00", "on Dec 26 from 09:00". */
function whenEn(when: AnswerTime): string {
	if (when.kind === 'soon') {
		const m = when.minutes;
		if (m % 60 === 0) return `within ${m / 60} ${m === 60 ? 'hour' : 'hours'}`;
		return `within ${m} minutes`;
	}
	const from = `from ${when.time}`;
	switch (when.day) {
		case 'today':
			return `today ${from}`;
		case 'tomorrow':
			return `tomorrow ${from}`;
		case 'weekday':
			return `on ${EN_WEEKDAYS[when.weekday]} ${from}`;
		case 'date':
			return `on ${EN_MONTHS[when.date.month - 1]} ${when.date.day} ${from}`;
	}
}

const quoted = (summary: HandoffSummary) => summary.messages.map((m) => `• "${m}"`).join('\n');

export const handoff = defineSlice<HandoffParams>({
	texts: {
		'pt-BR': {
			'handoff.opened': ({ reference, when }) =>
				`Combinado! 🙋 Chamei uma pessoa da nossa equipe. Alguém te responde ${whenPt(when)}, aqui mesmo.\nEnquanto isso eu fico em silêncio. Protocolo: *${reference}*`,
			'handoff.already_open': ({ reference, when }) => `Seu pedido já está com a nossa equipe (protocolo *${reference}*). Alguém te responde ${whenPt(when)}, aqui mesmo. 🙏`,
			'handoff.resumed': () => 'Voltei! 👋 Seu atendimento com a equipe foi encerrado e eu sigo por aqui. Digite *menu* para ver o que eu faço.',
			'handoff.consultant_notice': ({ name, phone, reference, summary, portalUrl }) =>
				[
					`🙋 *Pedido de atendimento* ${reference}`,
					`*${name}* (${phone}) quer falar com uma pessoa.`,
					'Últimas mensagens:',
					quoted(summary),
					`Tarefas abertas: ${summary.openTasks}`,
					portalUrl ? `Responda e encerre pelo portal: ${portalUrl}` : 'Responda e encerre pelo portal do BestStag.',
				].join('\n'),
			'handoff.consultant_message': ({ consultant, text }) => `*${consultant} (equipe BestStag):* ${text}`,
		},
		en: {
			'handoff.opened': ({ reference, when }) =>
				`Sure! 🙋 I've called a person from our team. Someone will answer you ${whenEn(when)}, right here.\nMeanwhile I'll stay quiet. Reference: *${reference}*`,
			'handoff.already_open': ({ reference, when }) => `Your request is already with our team (reference *${reference}*). Someone will answer you ${whenEn(when)}, right here. 🙏`,
			'handoff.resumed': () => "I'm back! 👋 Your conversation with our team was closed and I'm here again. Type *menu* to see what I can do.",
			'handoff.consultant_notice': ({ name, phone, reference, summary, portalUrl }) =>
				[
					`🙋 *Hand-off request* ${reference}`,
					`*${name}* (${phone}) wants to talk to a person.`,
					'Latest messages:',
					quoted(summary),
					`Open tasks: ${summary.openTasks}`,
					portalUrl ? `Reply and close it in the portal: ${portalUrl}` : 'Reply and close it in the BestStag portal.',
				].join('\n'),
			'handoff.consultant_message': ({ consultant, text }) => `*${consultant} (BestStag team):* ${text}`,
		},
	},
	examples: {
		'handoff.opened': { reference: 'HO-20261130-4F2A9C', when: { kind: 'soon', minutes: 60 } },
		'handoff.already_open': { reference: 'HO-20261130-4F2A9C', when: { kind: 'opens', day: 'tomorrow', weekday: 2, date: { year: 2026, month: 12, day: 1 }, time: '09:00' } },
		'handoff.resumed': {},
		'handoff.consultant_notice': {
			name: 'Ana',
			phone: '+5511987654321',
			reference: 'HO-20261130-4F2A9C',
			summary: { messages: ['oi', 'quero falar com um humano'], openTasks: 2, reason: 'quero falar com um humano' },
			portalUrl: 'http://127.0.0.1:5680/handoffs',
		},
		'handoff.consultant_message': { consultant: 'Marina', text: 'Oi Ana! 👋' },
	},
});
