/**
 * LGPD consent on first contact, as a pure state machine: given what the Users row says about the
 * user's consent and this turn (text, tapped button), what to do. Until the user accepts, nothing is
 * done or stored beyond the phone and the Consent fields (LGPD art. 7 I and art. 8:
 * https://www.planalto.gov.br/ccivil_03/_ato2015-2018/2018/lei/l13709.htm).
 *
 * Anti-spam: the full text is sent once, then at most one short reminder per REMINDER_QUIET_MS,
 * and the full text again only after PROMPT_AGAIN_MS; anything in between is answered with silence
 * (and nothing stored), so a burst of messages before an answer never gets a burst of prompts.
 */
import { CONSENT_STATUSES } from '../airtable/crm/choices';
import { privacyChoiceFields } from '../airtable/crm/privacy';
import { tokenize } from '../classifier/normalize';
import { CONSENT_TEXT_VERSION, consentQuestionId } from './catalogue/privacy';

export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The consent as the Users row holds it (a missing row or blank cells are undefined). */
export interface ConsentState {
	status?: ConsentStatus;
	/** ISO instant of the accept or decline. */
	at?: string;
	/** Version of the text last shown or answered. */
	version?: string;
	/** ISO instant the full text was last sent. */
	promptedAt?: string;
	/** ISO instant the short reminder was last sent. */
	remindedAt?: string;
}

/** One inbound turn as the consent gate needs it. */
export interface ConsentTurn {
	text?: string;
	/** The quick reply's id (Twilio's ButtonPayload) when the user tapped one. */
	buttonPayload?: string;
	now: Date;
}

/** After this long without an answer, the next message gets the full consent text again. */
export const PROMPT_AGAIN_MS = 24 * 60 * 60 * 1000;
/** At most one short reminder per this long; other messages in between get no reply. */
export const REMINDER_QUIET_MS = 10 * 60 * 1000;

/** Users fields a consent decision writes (only the named ones change; see privacyChoiceFields). */
export type ConsentFields = Record<string, string>;

/**
 * What the gate decided:
 * - `pass`: consent is given, handle the turn as usual.
 * - `prompt`: send `consent.prompt` (full text with SIM / NÃO), store the Consent fields.
 * - `remind`: send `consent.reminder` (short, with the buttons).
 * - `silent`: send nothing, store nothing (a burst after a prompt or reminder).
 * - `accept` / `decline`: send `consent.accepted` / `consent.declined`, store the decision, log it.
 * - `already`: a late or repeated consent tap after accepting: send `consent.already_accepted`, store nothing.
 * `reply` is the catalogue key and its params; `fields` the Users fields to write (none for silent);
 * `audit` the AuditLog event to write (accept and decline only). `storeTurn` is false whenever
 * the turn's text must not be logged (every action but pass).
 */
export type ConsentDecision =
	| { action: 'pass'; storeTurn: true }
	| {
			action: 'prompt' | 'remind' | 'silent' | 'accept' | 'decline' | 'already';
			reply?: { key: string; params: Record<string, unknown> };
			fields: ConsentFields;
			audit?: { event: 'consent.accepted' | 'consent.declined'; version: string };
			/** The consent version the answer applies to (accept/decline) or the text shown (prompt/remind). */
			version: string;
			storeTurn: false;
	  };

export type ConsentAnswer = 'yes' | 'no';

const YES_WORDS = new Set(['sim', 's', 'aceito', 'aceita', 'aceitar', 'aceitamos', 'concordo', 'ok', 'pode', 'claro', 'yes', 'y', 'yep', 'yeah', 'agree', 'accept', 'sure', 'beleza', 'bora', 'EMO_OK', 'EMO_CHECK']);
const NO_WORDS = new Set(['nao', 'no', 'nope', 'recuso', 'discordo', 'negativo', 'sair', 'parar', 'pare', 'stop', 'EMO_CROSS']);
/** Words that may stand around the answer without changing it ("sim, aceito os termos", "no thanks"). */
const FILLER = new Set(['por', 'favor', 'please', 'obrigado', 'obrigada', 'thanks', 'thank', 'que', 'i', 'do', 'os', 'termos', 'terms', 'eu', 'com', 'isso', 'it', 'EMO_THANKS', 'EMO_SMILE', 'EMO']);

/**
 * A typed yes or no to the consent question: "sim", "SIM!", "ok", "aceito", "sim, aceito 👍", "yes I agree"
 * are yes; "não", "NÃO", "não aceito", "no thanks", "sair" are no. Anything with another word is
 * neither (undefined): "sim, mas o que vocês guardam?" is a question, not an answer.
 */
export function typedConsentAnswer(text: string | undefined): ConsentAnswer | undefined {
	const tokens = tokenize(text ?? '');
	if (tokens.length === 0 || tokens.length > 6) return undefined;
	if (!tokens.every((t) => YES_WORDS.has(t) || NO_WORDS.has(t) || FILLER.has(t))) return undefined;
	if (tokens.some((t) => NO_WORDS.has(t))) return 'no';
	return tokens.some((t) => YES_WORDS.has(t)) ? 'yes' : undefined;
}

/**
 * A tapped consent quick reply: `consent.<version>:yes|no` → the answer and the version of the
 * text the user was shown (a late tap answers the text it came with). Undefined for any other payload.
 */
export function consentButtonAnswer(payload: string | undefined): { answer: ConsentAnswer; version: string } | undefined {
	const match = /^consent\.([^:]+):(yes|no)$/.exec((payload ?? '').trim());
	return match ? { answer: match[2] as ConsentAnswer, version: match[1] } : undefined;
}

/** Reads the consent from a Users row's fields (replica or Airtable); blank or unknown cells are undefined. */
export function consentStateOf(fields: Record<string, unknown> | undefined): ConsentState {
	const text = (name: string) => (typeof fields?.[name] === 'string' && fields[name] !== '' ? (fields[name] as string) : undefined);
	const status = text('Consent Status');
	return {
		status: (CONSENT_STATUSES as readonly string[]).includes(status ?? '') ? (status as ConsentStatus) : undefined,
		at: text('Consent At'),
		version: text('Consent Version'),
		promptedAt: text('Consent Prompted At'),
		remindedAt: text('Consent Reminded At'),
	};
}

const since = (iso: string | undefined, now: Date): number => {
	const t = iso ? Date.parse(iso) : NaN;
	return Number.isFinite(t) ? now.getTime() - t : Infinity;
};

/**
 * The consent gate for one turn. Pure and total: never throws.
 * @param state the Users row's consent (consentStateOf); a user never seen has `{}`
 * @param turn the inbound text and/or tapped button, and the turn's time
 * @param currentVersion the version of the consent text in use (CONSENT_TEXT_VERSION)
 * @returns what to do, what to store and which catalogue key answers (see ConsentDecision)
 */
export function decideConsent(state: ConsentState, turn: ConsentTurn, currentVersion: string = CONSENT_TEXT_VERSION): ConsentDecision {
	const tapped = consentButtonAnswer(turn.buttonPayload);
	const answer = tapped?.answer ?? typedConsentAnswer(turn.text);

	if (state.status === 'accepted') {
		if (tapped) return { action: 'already', reply: { key: 'consent.already_accepted', params: {} }, fields: {}, version: state.version ?? currentVersion, storeTurn: false };
		return { action: 'pass', storeTurn: true };
	}

	// Nobody consents to a text they were never shown: a first "ok" gets the text first. A first "SAIR" or
	// "não" is already a refusal: recorded as declined (the phone and the answer only), without the welcome text.
	if (state.status === undefined && !tapped && answer !== 'no') return silentOrRemind(state, turn.now, currentVersion);
	// A typed answer applies to the text last shown; a tap, to the text it came with.
	const answeredVersion = tapped?.version ?? state.version ?? currentVersion;
	if (answer === 'yes') {
		return {
			action: 'accept',
			reply: { key: 'consent.accepted', params: {} },
			fields: privacyChoiceFields('consent_accepted', answeredVersion, turn.now),
			audit: { event: 'consent.accepted', version: answeredVersion },
			version: answeredVersion,
			storeTurn: false,
		};
	}
	if (answer === 'no') {
		// Saying no again changes nothing and needs no answer.
		if (state.status === 'declined') return { action: 'silent', fields: {}, version: state.version ?? currentVersion, storeTurn: false };
		return {
			action: 'decline',
			reply: { key: 'consent.declined', params: {} },
			fields: privacyChoiceFields('consent_declined', answeredVersion, turn.now),
			audit: { event: 'consent.declined', version: answeredVersion },
			version: answeredVersion,
			storeTurn: false,
		};
	}
	return silentOrRemind(state, turn.now, currentVersion);
}

/** Anything but an answer before consent: the full text, a short reminder, or nothing (see the header). */
function silentOrRemind(state: ConsentState, now: Date, currentVersion: string): ConsentDecision {
	// A declined user who writes again (after the quiet time) is asked again: they may have changed their mind.
	const lastAnswer = state.status === 'declined' ? since(state.at, now) : Infinity;
	if (lastAnswer < REMINDER_QUIET_MS) return { action: 'silent', fields: {}, version: state.version ?? currentVersion, storeTurn: false };
	if (state.status === undefined || state.status === 'declined' || since(state.promptedAt, now) >= PROMPT_AGAIN_MS) {
		return {
			action: 'prompt',
			reply: { key: 'consent.prompt', params: { version: currentVersion } },
			fields: privacyChoiceFields('consent_prompted', currentVersion, now),
			version: currentVersion,
			storeTurn: false,
		};
	}
	const remindedSincePrompt = since(state.remindedAt, now) < since(state.promptedAt, now);
	if (remindedSincePrompt && since(state.remindedAt, now) < REMINDER_QUIET_MS) return { action: 'silent', fields: {}, version: state.version ?? currentVersion, storeTurn: false };
	const version = state.version ?? currentVersion;
	return { action: 'remind', reply: { key: 'consent.reminder', params: { version } }, fields: privacyChoiceFields('consent_reminded', version, now), version, storeTurn: false };
}

export { CONSENT_TEXT_VERSION, consentQuestionId };
