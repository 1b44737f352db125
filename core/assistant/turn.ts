import type { InboundMedia } from '../whatsapp/inbound';
import type { ButtonAnswer } from './buttons';
import type { ConversationContext } from './context';
import type { Locale } from './locale';
import { consentStateOf } from './consent';
import type { TaskRow } from './tasks';

/** Whether the user accepted BestStag's terms (LGPD): before that only the consent flow runs. */
export type ConsentState = 'given' | 'pending';

/**
 * One turn as the Remember step hands it on: the message(s) it answers, who wrote, what the
 * replica and the conversation context say about them. Plain JSON (it travels between n8n nodes).
 */
export interface Turn {
	/** The message that answers for the burst (the newest); the Messages row is keyed on it. */
	messageSid: string;
	/** Every message of the burst, oldest first (one for most turns). */
	messageSids: string[];
	/** The address WhatsApp reported, where the reply goes. */
	from: string;
	/** The person's canonical phone (core/phone/brazil.ts). */
	phone: string;
	profileName: string | null;
	/** The text to understand: the newest message's, or the tapped button's title. */
	text: string;
	/** Every text of the burst, oldest first. */
	texts: string[];
	/** The burst had a greeting ("oi"): the answer greets back first. */
	greeted: boolean;
	/** ISO time the newest message's webhook arrived: latency is measured from here. */
	receivedAt: string;
	/** A tapped quick reply, with the answer its id carries (null when not one of ours), and whether this is its first tap. */
	button: { payload: string; text: string; answer: ButtonAnswer | null; firstTap: boolean } | null;
	media: InboundMedia[];
	/** The reply language, after this message (see language.ts), and whether it changed now. */
	locale: Locale;
	localeChanged: boolean;
	/** The user's IANA time zone. */
	timeZone: string;
	consent: ConsentState;
	/** Users' Opt-in Status as stored ('' when none). */
	optInStatus: string;
	/** Whether the user has a Users row (made once they consent). */
	known: boolean;
	/** A hand-off to a person is open: the bot only logs until it closes. */
	handoffOpen: boolean;
	/** Every task of the user the replica holds (done ones too, so a repeated "feito" says it was done). */
	tasks: TaskRow[];
	/** The Users row's fields (the privacy step reads consent and opt-in from them); {} for a new phone. */
	userFields: Record<string, unknown>;
	/** A hand-off was closed since the last turn: the reply says the bot is back (once). */
	handoffResumed: boolean;
	/** What a voice note said, when this turn was one (Understand read it as the text). */
	transcript: string | null;
	context: ConversationContext;
	/** Where Twilio reports the reply's delivery statuses (the trigger's Delivery Statuses Path, else its own URL). */
	statusCallback: string | null;
}

/** The consent state a Users row stands for: given once its Consent Status is accepted (core/assistant/consent.ts). */
export function consentOf(userFields: Record<string, unknown> | null | undefined): ConsentState {
	return consentStateOf(userFields ?? undefined).status === 'accepted' ? 'given' : 'pending';
}
