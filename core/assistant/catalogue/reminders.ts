import { reminderButtonId, type LocalWhen } from '../reminders';
import { defineSlice } from './types';

/** What the scheduler sends and what the Feito / Adiar 1h / Amanhã buttons answer. */
export interface RemindersParams {
	/** The reminder itself, with its three quick replies (ids `reminder:<key>:<choice>`). */
	'reminders.delivery': { key: string; text: string };
	'reminders.done': { text: string };
	'reminders.snoozed': { text: string; when: LocalWhen };
	'reminders.rescheduled': { text: string; when: LocalWhen };
	'reminders.already_done': { text: string };
	'reminders.already_rescheduled': { text: string; when: LocalWhen };
	'reminders.not_active': { text: string };
	'reminders.not_found': Record<string, never>;
}

const ptWhen = ({ day, date, time }: LocalWhen) => `${day === 'today' ? 'hoje' : day === 'tomorrow' ? 'amanhã' : `em ${date}`} às ${time}`;
const enWhen = ({ day, date, time }: LocalWhen) => `${day === 'today' ? 'today' : day === 'tomorrow' ? 'tomorrow' : `on ${date}`} at ${time}`;

export const reminders = defineSlice<RemindersParams>({
	texts: {
		'pt-BR': {
			'reminders.delivery': ({ key, text }) => ({
				text: `⏰ *Lembrete:* ${text}`,
				buttons: [
					{ id: reminderButtonId(key, 'done'), title: 'Feito' },
					{ id: reminderButtonId(key, 'snooze'), title: 'Adiar 1h' },
					{ id: reminderButtonId(key, 'tomorrow'), title: 'Amanhã' },
				],
			}),
			'reminders.done': ({ text }) => `✅ Feito! Marquei *${text}* como concluído.`,
			'reminders.snoozed': ({ text, when }) => `⏰ Combinado, te lembro de *${text}* de novo ${ptWhen(when)}.`,
			'reminders.rescheduled': ({ text, when }) => `📅 Combinado, te lembro de *${text}* ${ptWhen(when)}.`,
			'reminders.already_done': ({ text }) => `*${text}* já estava concluído. 👍`,
			'reminders.already_rescheduled': ({ text, when }) => `Esse lembrete já está marcado para ${ptWhen(when)}: *${text}*.`,
			'reminders.not_active': ({ text }) => `O lembrete *${text}* não está mais ativo.`,
			'reminders.not_found': () => 'Não encontrei esse lembrete. Se quiser, me peça um novo: "me lembra amanhã às 9h de ...".',
		},
		en: {
			'reminders.delivery': ({ key, text }) => ({
				text: `⏰ *Reminder:* ${text}`,
				buttons: [
					{ id: reminderButtonId(key, 'done'), title: 'Done' },
					{ id: reminderButtonId(key, 'snooze'), title: 'Snooze 1h' },
					{ id: reminderButtonId(key, 'tomorrow'), title: 'Tomorrow' },
				],
			}),
			'reminders.done': ({ text }) => `✅ Done! I marked *${text}* as completed.`,
			'reminders.snoozed': ({ text, when }) => `⏰ Sure, I'll remind you about *${text}* again ${enWhen(when)}.`,
			'reminders.rescheduled': ({ text, when }) => `📅 Sure, I'll remind you about *${text}* ${enWhen(when)}.`,
			'reminders.already_done': ({ text }) => `*${text}* was already done. 👍`,
			'reminders.already_rescheduled': ({ text, when }) => `That reminder is already set for ${enWhen(when)}: *${text}*.`,
			'reminders.not_active': ({ text }) => `The reminder *${text}* is no longer active.`,
			'reminders.not_found': () => 'I couldn\'t find that reminder. Ask me for a new one: "remind me tomorrow at 9am to ...".',
		},
	},
	examples: {
		'reminders.delivery': { key: 'rm_SM0123456789abcdef', text: 'pagar o boleto' },
		'reminders.done': { text: 'pagar o boleto' },
		'reminders.snoozed': { text: 'pagar o boleto', when: { day: 'today', date: '29/11', time: '15:30' } },
		'reminders.rescheduled': { text: 'pagar o boleto', when: { day: 'tomorrow', date: '30/11', time: '14:00' } },
		'reminders.already_done': { text: 'pagar o boleto' },
		'reminders.already_rescheduled': { text: 'pagar o boleto', when: { day: 'date', date: '02/12', time: '09:00' } },
		'reminders.not_active': { text: 'pagar o boleto' },
		'reminders.not_found': {},
	},
});
