import { defineSlice, type QuickReply } from './types';

/**
 * The version of the consent text below. It is stored with every consent (Users: Consent Version,
 * and the consent AuditLog entry), so what each user agreed to can be shown later (LGPD art. 8 §2:
 * the controller must prove consent, https://www.planalto.gov.br/ccivil_03/_ato2015-2018/2018/lei/l13709.htm).
 * Change it whenever the wording of `consent.prompt` changes in any language. Users who accepted an
 * earlier version keep that version on record and are not asked again (a material change that needs
 * new consent would be a campaign of its own, outside the conversation's consent gate).
 */
export const CONSENT_TEXT_VERSION = '2026-11-29';

/** Quick-reply ids: `<questionId>:<choice>`, resolved by core/assistant/consent.ts and privacy.ts. */
export const consentQuestionId = (version: string): string => `consent.${version}`;
export const consentButtons = (version: string, yes: string, no: string): QuickReply[] => [
	{ id: `${consentQuestionId(version)}:yes`, title: yes },
	{ id: `${consentQuestionId(version)}:no`, title: no },
];
export const eraseButtons = (questionId: string, yes: string, no: string): QuickReply[] => [
	{ id: `${questionId}:yes`, title: yes },
	{ id: `${questionId}:no`, title: no },
];

/** One item of a list in the "meus dados" export, already formatted for the user's time zone. */
export interface ExportLine {
	text: string;
	/** e.g. "29/11/2026 09:00" (pt-BR) or "11/29/2026 09:00" (en); blank when the item has no date. */
	when?: string;
	/** As stored: a task's todo/doing/done, a reminder's scheduled/sent/..., a message's inbound/outbound (shown in words). */
	status?: string;
}

/** What "meus dados" shows: the profile and, per table, the count and the latest items. */
export interface ExportParams {
	phone: string;
	name?: string;
	email?: string;
	locale: string;
	timezone: string;
	optIn?: string;
	consent?: { status?: string; at?: string; version?: string };
	counts: { tasks: number; reminders: number; messages: number; handoffs: number };
	tasks: ExportLine[];
	reminders: ExportLine[];
	messages: ExportLine[];
}

export interface PrivacyParams {
	'consent.prompt': { version: string };
	'consent.reminder': { version: string };
	'consent.accepted': Record<string, never>;
	'consent.declined': Record<string, never>;
	'consent.already_accepted': Record<string, never>;
	'privacy.opt_out.confirmed': Record<string, never>;
	'privacy.opt_in.confirmed': Record<string, never>;
	'privacy.erase.ask': { questionId: string; again?: boolean };
	'privacy.erase.cancelled': Record<string, never>;
	'privacy.erase.done': Record<string, never>;
	'privacy.export': ExportParams;
}

const line = (item: ExportLine): string => `• ${item.text}${item.when ? ` (${item.when})` : ''}${item.status ? ` [${item.status}]` : ''}`;
/** Status values as stored (Tasks, Reminders, Messages) in words; an unknown value is shown as stored. */
const STATUS_WORDS: Record<'pt-BR' | 'en', Record<string, string>> = {
	'pt-BR': { todo: 'aberta', doing: 'em andamento', done: 'concluída', scheduled: 'agendado', sent: 'enviado', cancelled: 'cancelado', failed: 'falhou', inbound: 'recebida', outbound: 'enviada' },
	en: { todo: 'open', doing: 'in progress', done: 'done', scheduled: 'scheduled', sent: 'sent', cancelled: 'cancelled', failed: 'failed', inbound: 'received', outbound: 'sent' },
};
const pt = (item: ExportLine): ExportLine => ({ ...item, status: item.status && (STATUS_WORDS['pt-BR'][item.status] ?? item.status) });
const en = (item: ExportLine): ExportLine => ({ ...item, status: item.status && (STATUS_WORDS.en[item.status] ?? item.status) });
const section = (title: string, count: number, items: ExportLine[], latest: string): string =>
	[`*${title}: ${count}*`, ...(items.length > 0 ? [`${latest}:`, ...items.map(line)] : [])].join('\n');

export const privacy = defineSlice<PrivacyParams>({
	texts: {
		'pt-BR': {
			'consent.prompt': ({ version }) => ({
				text:
					'Olá! 👋 Eu sou o *BestStag*, seu assistente de tarefas e lembretes aqui no WhatsApp.\n\n' +
					'Para te atender eu guardo seu número, as mensagens que você me manda e as tarefas e lembretes que você criar. ' +
					'Uso esses dados só para isso, nunca vendo nem compartilho (LGPD).\n\n' +
					'Quando quiser: *SAIR* para parar os avisos, *meus dados* para ver o que guardo, *apaga meus dados* para apagar tudo.\n\n' +
					'Você aceita?',
				buttons: consentButtons(version, 'SIM', 'NÃO'),
			}),
			'consent.reminder': ({ version }) => ({
				text: 'Antes de começar, preciso do seu ok para guardar seus dados. Toque em *SIM* para aceitar ou *NÃO* para recusar.',
				buttons: consentButtons(version, 'SIM', 'NÃO'),
			}),
			'consent.accepted': () => 'Combinado! ✅ Agora é só me mandar o que precisa, por exemplo: *me lembra amanhã às 9h de pagar o boleto*. Digite *menu* para ver tudo o que eu faço.',
			'consent.declined': () => 'Tudo bem, não guardei nada além do seu número e da sua resposta. Se mudar de ideia, é só mandar *SIM* aqui.',
			'consent.already_accepted': () => 'Você já aceitou, está tudo certo. ✅ Para parar os avisos mande *SAIR*; para apagar seus dados, *apaga meus dados*.',
			'privacy.opt_out.confirmed': () =>
				'Pronto, não vou mais te mandar avisos nem lembretes. 🔕 Você ainda pode me escrever quando quiser e eu respondo. Para voltar a receber, mande *voltar*.',
			'privacy.opt_in.confirmed': () => 'Que bom te ver de volta! 🔔 Seus lembretes e avisos voltaram a chegar.',
			'privacy.erase.ask': ({ questionId, again }) => ({
				text:
					(again ? 'Essa confirmação expirou, então pergunto de novo. ' : '') +
					'Quer mesmo apagar *todos* os seus dados? Isso apaga seu cadastro, mensagens, tarefas e lembretes e não dá para desfazer.',
				buttons: eraseButtons(questionId, 'Apagar tudo', 'Cancelar'),
			}),
			'privacy.erase.cancelled': () => 'Ok, não apaguei nada. 👍',
			'privacy.erase.done': () => 'Pronto, apaguei todos os seus dados. 🗑️ Se quiser usar o BestStag de novo, é só mandar uma mensagem.',
			'privacy.export': (p) =>
				[
					'*Seus dados no BestStag* 📋',
					[
						`Telefone: ${p.phone}`,
						...(p.name ? [`Nome: ${p.name}`] : []),
						...(p.email ? [`E-mail: ${p.email}`] : []),
						`Idioma: ${p.locale}`,
						`Fuso horário: ${p.timezone}`,
						`Avisos: ${p.optIn === 'opted_out' ? 'desativados' : 'ativados'}`,
						...(p.consent?.status ? [`Consentimento: ${{ accepted: 'aceito', declined: 'recusado', pending: 'pendente' }[p.consent.status] ?? p.consent.status}${p.consent.at ? ` em ${p.consent.at}` : ''}${p.consent.version ? ` (versão ${p.consent.version})` : ''}`] : []),
					].join('\n'),
					section('Tarefas', p.counts.tasks, p.tasks.map(pt), 'Últimas'),
					section('Lembretes', p.counts.reminders, p.reminders.map(pt), 'Últimos'),
					section('Mensagens', p.counts.messages, p.messages.map(pt), 'Últimas'),
					`*Atendimentos humanos: ${p.counts.handoffs}*`,
					'Para apagar tudo, mande *apaga meus dados*.',
				].join('\n\n'),
		},
		en: {
			'consent.prompt': ({ version }) => ({
				text:
					"Hi! 👋 I'm *BestStag*, your tasks and reminders assistant here on WhatsApp.\n\n" +
					'To help you I keep your number, the messages you send me and the tasks and reminders you create. ' +
					'I use this data only for that, and never sell or share it (LGPD).\n\n' +
					'Whenever you like: *STOP* ends the notifications, *my data* shows what I keep, *delete my data* erases it all.\n\n' +
					'Do you agree?',
				buttons: consentButtons(version, 'YES', 'NO'),
			}),
			'consent.reminder': ({ version }) => ({
				text: 'Before we start I need your OK to keep your data. Tap *YES* to agree or *NO* to decline.',
				buttons: consentButtons(version, 'YES', 'NO'),
			}),
			'consent.accepted': () => 'Great! ✅ Just send me what you need, e.g. *remind me tomorrow at 9am to pay the bill*. Send *menu* to see everything I can do.',
			'consent.declined': () => "All right, I kept nothing but your number and your answer. If you change your mind, just send *YES* here.",
			'consent.already_accepted': () => "You already agreed, it's all set. ✅ To stop notifications send *STOP*; to erase your data, *delete my data*.",
			'privacy.opt_out.confirmed': () => "Done, I won't send you notifications or reminders anymore. 🔕 You can still write to me any time and I'll answer. To get them again, send *back*.",
			'privacy.opt_in.confirmed': () => 'Welcome back! 🔔 Your reminders and notifications are on again.',
			'privacy.erase.ask': ({ questionId, again }) => ({
				text:
					(again ? 'That confirmation expired, so I am asking again. ' : '') +
					'Do you really want to erase *all* your data? This deletes your profile, messages, tasks and reminders, and cannot be undone.',
				buttons: eraseButtons(questionId, 'Erase all', 'Cancel'),
			}),
			'privacy.erase.cancelled': () => 'OK, I erased nothing. 👍',
			'privacy.erase.done': () => 'Done, I erased all your data. 🗑️ To use BestStag again, just send a message.',
			'privacy.export': (p) =>
				[
					'*Your data at BestStag* 📋',
					[
						`Phone: ${p.phone}`,
						...(p.name ? [`Name: ${p.name}`] : []),
						...(p.email ? [`Email: ${p.email}`] : []),
						`Language: ${p.locale}`,
						`Time zone: ${p.timezone}`,
						`Notifications: ${p.optIn === 'opted_out' ? 'off' : 'on'}`,
						...(p.consent?.status ? [`Consent: ${p.consent.status}${p.consent.at ? ` on ${p.consent.at}` : ''}${p.consent.version ? ` (version ${p.consent.version})` : ''}`] : []),
					].join('\n'),
					section('Tasks', p.counts.tasks, p.tasks.map(en), 'Latest'),
					section('Reminders', p.counts.reminders, p.reminders.map(en), 'Latest'),
					section('Messages', p.counts.messages, p.messages.map(en), 'Latest'),
					`*Conversations with a person: ${p.counts.handoffs}*`,
					'To erase it all, send *delete my data*.',
				].join('\n\n'),
		},
	},
	examples: {
		'consent.prompt': { version: CONSENT_TEXT_VERSION },
		'consent.reminder': { version: CONSENT_TEXT_VERSION },
		'consent.accepted': {},
		'consent.declined': {},
		'consent.already_accepted': {},
		'privacy.opt_out.confirmed': {},
		'privacy.opt_in.confirmed': {},
		'privacy.erase.ask': { questionId: 'erase.1796000000000', again: true },
		'privacy.erase.cancelled': {},
		'privacy.erase.done': {},
		'privacy.export': {
			phone: '+5511987654321',
			name: 'Ana',
			email: 'ana@example.com',
			locale: 'pt-BR',
			timezone: 'America/Sao_Paulo',
			optIn: 'opted_in',
			consent: { status: 'accepted', at: '29/11/2026 09:00', version: CONSENT_TEXT_VERSION },
			counts: { tasks: 12, reminders: 3, messages: 40, handoffs: 0 },
			tasks: [{ text: 'pagar boleto', when: '30/11/2026 09:00', status: 'todo' }],
			reminders: [{ text: 'ligar pro João', when: '01/12/2026 14:00', status: 'scheduled' }],
			messages: [{ text: 'me lembra de ligar pro João', when: '29/11/2026 08:59', status: 'inbound' }],
		},
	},
});
