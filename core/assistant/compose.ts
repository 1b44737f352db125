import { parseButtonId } from './buttons';
import { withResumeNotice } from './handoff';
import { withUnderstood } from './media';
import { renderMessage, type RenderedMessage } from './catalogue';
import type { ContextPatch } from './context';
import type { Turn } from './turn';

/** A reply that already opens with a greeting (the greeting itself, the consent prompt's "Olá! 👋") gets no second one. */
const OPENS_WITH_GREETING = /^(oi|olá|ola|hi|hello|hey|bom dia|boa tarde|boa noite|good (morning|afternoon|evening))(?!\p{L})/iu;
/** Keys that end the person's data: nothing of the conversation is kept after them (LGPD erasure). */
const FORGETTING_KEYS = new Set(['privacy.erase.done']);
/** Question kinds whose taps Decide resolves from the id alone; they leave no question pending. */
const STATELESS_KINDS = new Set(['menu']);

export interface ComposeInput {
	/** A catalogue key, e.g. "tasks.created". */
	key: string;
	/** The key's parameters; `timeZone`, `now` and `name` are filled from the turn when absent. */
	params: Record<string, unknown>;
	turn: Turn;
	/** What Decide wants remembered (its `context` patch). */
	decided: ContextPatch;
}

export interface ComposedReply {
	reply: RenderedMessage;
	/** The context patch to save: Decide's, plus what this reply showed or asked. */
	context: ContextPatch;
	/** True when the context must be deleted instead of saved (the person's data was just erased). */
	forget: boolean;
}

/**
 * Reply → Compose: one catalogue message in the turn's language, with what the next turn must
 * remember. A reply with quick replies leaves its question pending under the id its buttons carry. A burst
 * that opened with a greeting gets the greeting line first.
 * @throws Error when the key is not in the catalogue
 */
export function composeReply(input: ComposeInput): ComposedReply {
	const { turn } = input;
	const params: Record<string, unknown> = { timeZone: turn.timeZone, now: turn.receivedAt, name: turn.profileName, ...input.params };
	const context: ContextPatch = { ...input.decided, locale: turn.locale };
	const rendered = renderMessage(turn.locale, input.key, params);
	const reply: RenderedMessage = { text: rendered.text, ...(rendered.buttons?.length ? { buttons: rendered.buttons } : {}) };
	if (turn.greeted && !OPENS_WITH_GREETING.test(reply.text)) {
		reply.text = `${renderMessage(turn.locale, 'assistant.greeting_prefix', { name: turn.profileName }).text}\n${reply.text}`;
	}
	// What a voice note said comes first, then "I'm back" after a hand-off closed (each keeps the buttons).
	let final: RenderedMessage = turn.transcript ? withUnderstood(turn.locale, turn.transcript, reply) : reply;
	final = withResumeNotice(final, turn.locale, turn.handoffResumed === true);
	reply.text = final.text;
	const asked = reply.buttons?.length ? parseButtonId(reply.buttons[0].id) : null;
	// The menu's buttons mean the same whenever tapped: nothing waits on them.
	if (asked && !STATELESS_KINDS.has(asked.kind)) context.pending = { id: asked.questionId, kind: asked.kind, options: reply.buttons!, params: input.params, askedAt: turn.receivedAt };
	return { reply, context, forget: FORGETTING_KEYS.has(input.key) };
}
