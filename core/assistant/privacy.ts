/**
 * The privacy turn, pure: LGPD consent first, then the user's privacy commands, decided before any
 * other intent is acted on. The hub's Decide calls `decidePrivacy` on every turn; anything but
 * `pass` is a privacy action with its catalogue reply, what to write and whether the turn may be
 * logged. Exact rules, not the classifier, recognise the commands (erasure must never depend on a
 * score, and the classifier files "apaga meus dados" under opt_out):
 * - erase: a delete verb + data word + possessive ("apaga meus dados", "exclua todos os meus dados", "delete my data")
 * - export: possessive + data word without such a verb ("meus dados", "quero ver meus dados", "my data")
 * - opt_in: "voltar", "quero voltar", "reativar", "back", "start" (acted on only when opted out)
 * - opt_out: the classifier's opt_out intent or its keyword rule ("SAIR", "parar", "stop"), unless erase
 */
import type { PrivacyChoice } from '../airtable/crm/privacy';
import { applyRules } from '../classifier/rules';
import { tokenize } from '../classifier/normalize';
import { CONSENT_TEXT_VERSION } from './catalogue/privacy';
import { consentStateOf, decideConsent, type ConsentDecision } from './consent';

export type PrivacyCommand = 'erase' | 'export' | 'opt_in';

const ERASE_VERBS = new Set([
	'apaga', 'apague', 'apagar', 'apaguem', 'apagam', 'deleta', 'delete', 'deletar', 'deletem', 'deletes', 'exclui', 'exclua', 'excluir', 'excluam', 'exclusao',
	'remove', 'remova', 'remover', 'removam', 'elimina', 'elimine', 'eliminar', 'eliminem', 'esquece', 'esqueca', 'esquecam', 'esquecer', 'erase', 'wipe', 'forget', 'eliminacao', 'deletion', 'erasure', 'apagamento',
]);
const DATA_WORDS = new Set(['dados', 'dado', 'informacoes', 'informacao', 'infos', 'info', 'data', 'information', 'historico', 'history', 'tudo', 'everything']);
const POSSESSIVES = new Set(['meus', 'minhas', 'meu', 'minha', 'my', 'mim', 'me', 'todos', 'todas', 'all']);
/** Verbs that ask to change data, not to see it: "atualiza meus dados" is not an export. */
const CHANGE_VERBS = new Set(['atualiza', 'atualizar', 'atualize', 'altera', 'alterar', 'altere', 'muda', 'mudar', 'mude', 'corrige', 'corrigir', 'corrija', 'edita', 'editar', 'update', 'change', 'edit', 'fix']);
/** "voltar" and its kin; with OPT_IN_OBJECTS around them ("quero voltar a receber os lembretes"), nothing else. */
const OPT_IN_VERBS = new Set(['voltar', 'volta', 'voltei', 'reativar', 'reativa', 'reative', 'ativar', 'ativa', 'retomar', 'back', 'start', 'resume', 'unstop', 'subscribe', 'optin']);
const OPT_IN_OBJECTS = new Set(['receber', 'mensagens', 'mensagem', 'avisos', 'lembretes', 'notificacoes', 'messages', 'notifications', 'reminders', 'come', 'in', 'opt', 'me', 'again', 'denovo', 'novo']);
const IGNORABLE = new Set(['em', 'por', 'favor', 'please', 'o', 'a', 'os', 'as', 'de', 'do', 'da', 'dos', 'das', 'quero', 'queria', 'gostaria', 'eu', 'que', 'voces', 'voce', 'i', 'want', 'to', 'the', 'pode', 'podem', 'lgpd', 'EMO_THANKS', 'EMO', '?']);

/** At most this many words: a privacy command is short; a long message mentioning "dados" is something else. */
const MAX_COMMAND_TOKENS = 12;

/**
 * The privacy command a message is, by exact rules on normalised words (accents, case, emoji and
 * chat spellings folded by the classifier's tokenizer); undefined for anything else.
 */
export function privacyCommand(text: string | undefined): PrivacyCommand | undefined {
	const tokens = tokenize(text ?? '');
	if (tokens.length === 0 || tokens.length > MAX_COMMAND_TOKENS) return undefined;
	const has = (set: Set<string>) => tokens.some((t) => set.has(t));
	if (has(ERASE_VERBS) && has(DATA_WORDS) && has(POSSESSIVES)) return 'erase';
	if (has(DATA_WORDS) && tokens.some((t) => t === 'meus' || t === 'minhas' || t === 'my') && !has(ERASE_VERBS) && !has(CHANGE_VERBS) && tokens.some((t) => t === 'dados' || t === 'data' || t === 'informacoes')) return 'export';
	const core = tokens.filter((t) => !IGNORABLE.has(t));
	if (core.join(' ') === 'opt in') return 'opt_in';
	if (core.length > 0 && core.length <= 6 && core.some((t) => OPT_IN_VERBS.has(t)) && core.every((t) => OPT_IN_VERBS.has(t) || OPT_IN_OBJECTS.has(t))) return 'opt_in';
	return undefined;
}

/** How long an erase confirmation button stays valid; a later tap asks again. */
export const ERASE_CONFIRM_TTL_MS = 10 * 60 * 1000;

/** The question id of an erase confirmation asked at `now`: `erase.<epoch ms>` (buttons: `<id>:yes|no`). */
export function eraseQuestionId(now: Date): string {
	return `erase.${now.getTime()}`;
}

/**
 * A tapped erase confirmation: confirm within ERASE_CONFIRM_TTL_MS, expired after it (or with a
 * time in the future), cancel for "no" whenever it comes. Undefined for any other payload.
 */
export function eraseButtonAnswer(payload: string | undefined, now: Date): 'confirm' | 'cancel' | 'expired' | undefined {
	const match = /^erase\.(\d{1,16}):(yes|no)$/.exec((payload ?? '').trim());
	if (!match) return undefined;
	if (match[2] === 'no') return 'cancel';
	const age = now.getTime() - Number(match[1]);
	return age >= 0 && age <= ERASE_CONFIRM_TTL_MS ? 'confirm' : 'expired';
}

/** One inbound turn as the privacy step sees it. */
export interface PrivacyTurn {
	/** The Users row's fields from the replica (undefined or {} for a phone never seen). */
	user?: Record<string, unknown>;
	text?: string;
	/** Twilio's ButtonPayload when a quick reply was tapped. */
	buttonPayload?: string;
	/** The classifier's intent, when it ran (opt_out is acted on here). */
	intent?: string;
	now: Date;
}

/**
 * What the privacy step decided. Every action but `pass` ends the turn's routing:
 * - `consent`: the consent gate (see ConsentDecision in consent.ts); `choice` is what to record (user.privacyChoice), none when silent.
 * - `opt_out` / `opt_in`: record `choice`; reply; the reply to an opted-out user goes out as an answer (WhatsApp Send: Message Kind "Reply").
 * - `erase_ask`: ask with buttons (reply privacy.erase.ask); `erase`: run AirtableCrm user.erase, reply privacy.erase.done;
 *   `erase_cancel`: reply privacy.erase.cancelled.
 * - `export`: run AirtableCrm user.export, reply privacy.export with its output's `exportParams`.
 * `storeTurn` false: do not write a Messages row for this turn (before consent, and after an erasure, nothing may be stored).
 * `storeReplyText` false: log the turn without the reply text (the export repeats the user's data).
 */
export interface PrivacyDecision {
	action: 'pass' | 'consent' | 'opt_out' | 'opt_in' | 'erase_ask' | 'erase' | 'erase_cancel' | 'export';
	reply?: { key: string; params: Record<string, unknown> };
	choice?: PrivacyChoice;
	/** The consent text version for user.privacyChoice (consent choices). */
	consentVersion?: string;
	consent?: ConsentDecision;
	storeTurn: boolean;
	storeReplyText: boolean;
}

const CONSENT_CHOICES: Record<string, PrivacyChoice | undefined> = { prompt: 'consent_prompted', remind: 'consent_reminded', accept: 'consent_accepted', decline: 'consent_declined' };

/**
 * The privacy step of one turn, in this order: an erase confirmation tap; an erase or export
 * request (LGPD rights hold before consent too); the consent gate; opt-out; "voltar" when opted
 * out. Pure and total: never throws.
 */
export function decidePrivacy(turn: PrivacyTurn, currentVersion: string = CONSENT_TEXT_VERSION): PrivacyDecision {
	const done = (decision: Omit<PrivacyDecision, 'storeReplyText'> & { storeReplyText?: boolean }): PrivacyDecision => ({ storeReplyText: true, ...decision });
	const tapped = eraseButtonAnswer(turn.buttonPayload, turn.now);
	if (tapped === 'confirm') return done({ action: 'erase', reply: { key: 'privacy.erase.done', params: {} }, storeTurn: false });
	if (tapped === 'cancel') return done({ action: 'erase_cancel', reply: { key: 'privacy.erase.cancelled', params: {} }, storeTurn: false });
	if (tapped === 'expired') return done({ action: 'erase_ask', reply: { key: 'privacy.erase.ask', params: { questionId: eraseQuestionId(turn.now), again: true } }, storeTurn: false });

	const command = turn.buttonPayload ? undefined : privacyCommand(turn.text);
	if (command === 'erase') return done({ action: 'erase_ask', reply: { key: 'privacy.erase.ask', params: { questionId: eraseQuestionId(turn.now) } }, storeTurn: false });
	if (command === 'export') return done({ action: 'export', reply: { key: 'privacy.export', params: {} }, storeTurn: consentStateOf(turn.user).status === 'accepted', storeReplyText: false });

	const consent = decideConsent(consentStateOf(turn.user), { text: turn.text, buttonPayload: turn.buttonPayload, now: turn.now }, currentVersion);
	if (consent.action !== 'pass') {
		return done({ action: 'consent', consent, reply: consent.reply, choice: CONSENT_CHOICES[consent.action], consentVersion: consent.version, storeTurn: false });
	}

	const optedOut = turn.user?.['Opt-in Status'] === 'opted_out';
	const optOut = turn.intent === 'opt_out' || applyRules(turn.text ?? '')?.intent === 'opt_out';
	if (optOut && !turn.buttonPayload) return done({ action: 'opt_out', reply: { key: 'privacy.opt_out.confirmed', params: {} }, choice: 'opted_out', storeTurn: true });
	if (command === 'opt_in' && optedOut) return done({ action: 'opt_in', reply: { key: 'privacy.opt_in.confirmed', params: {} }, choice: 'opted_in', storeTurn: true });
	return { action: 'pass', storeTurn: true, storeReplyText: true };
}
