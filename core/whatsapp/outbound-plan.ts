/**
 * What to send for one reply, decided before any API call: opt-in, WhatsApp's 24-hour
 * customer-service window, quick-reply limits and body length. Pure, so every rule is testable.
 */
import {
	WHATSAPP_MAX_QUICK_REPLIES,
	WHATSAPP_QUICK_REPLY_BODY_LIMIT,
	WHATSAPP_QUICK_REPLY_TITLE_LIMIT,
	WHATSAPP_SERVICE_WINDOW_MS,
	WHATSAPP_TEMPLATE_BODY_LIMIT,
	whatsappTextLength,
} from '../limits/whatsapp';
import { truncateGraphemes } from '../text/graphemes';
import { splitMessage } from './split';

export interface ReplyRequest {
	to: string;
	text: string;
	mediaUrls?: string[];
	/** Quick replies: a title, or `{ id, title }` so the tap's ButtonPayload is the id. */
	buttons?: Array<string | QuickReplyButton>;
	/** The language of the line that asks to answer by number when the buttons become a list (default pt-BR). */
	locale?: 'pt-BR' | 'en';
	/** From the Users table; anything but opted_out may be messaged. */
	optInStatus?: string | null;
	/** The user's last message; opens the 24-hour window. */
	lastInboundAt?: string | null;
	/** The reply confirming an opt-out (a reply; kept for workflows made before messageKind). */
	isOptOutConfirmation?: boolean;
	/**
	 * reply: answers the user's own message (their conversation), sent even to an opted-out user,
	 * inside the 24-hour window only and never as a template. proactive (the default, the safe side):
	 * reminders, digests, notifications; an opted-out user gets none.
	 */
	messageKind?: MessageKind;
	/** Approved template (Content SID) for outside the window, with its variables. */
	templateSid?: string | null;
	templateVariables?: Record<string, string>;
	now: Date;
}

/** A quick reply with the id its tap sends back (ButtonPayload). */
export interface QuickReplyButton {
	id: string;
	title: string;
}
export type MessageKind = 'reply' | 'proactive';

export type PlannedMessage =
	| { kind: 'text'; body: string; mediaUrls: string[] }
	/** `ids`, when the buttons were given with ids, in the order of `buttons`. */
	| { kind: 'quickReply'; body: string; buttons: string[]; ids?: string[] }
	| { kind: 'template'; contentSid: string; variables: Record<string, string> };

export type ReplyPlan = { send: PlannedMessage[] } | { skip: 'opted_out' | 'outside_window_no_template' | 'empty' };

export function insideServiceWindow(lastInboundAt: string | null | undefined, now: Date): boolean {
	if (!lastInboundAt) return false;
	const last = Date.parse(lastInboundAt);
	return Number.isFinite(last) && now.getTime() - last < WHATSAPP_SERVICE_WINDOW_MS && last <= now.getTime() + 60_000;
}

/** More than 3 options do not fit WhatsApp's quick replies; they become a numbered list to answer by number. */
export function numberedOptions(text: string, options: string[], locale: 'pt-BR' | 'en' = 'pt-BR'): string {
	const hint = locale === 'en' ? 'Reply with the number.' : 'Responda com o número.';
	return `${text}\n\n${options.map((option, i) => `${i + 1}. ${option}`).join('\n')}\n\n${hint}`;
}

/**
 * Template variables that fit: a value longer than a whole WhatsApp template may be (1024, as
 * Twilio counts) could never be sent, so it is shortened on a grapheme boundary with "…".
 * Source: https://www.twilio.com/docs/api/errors/63021
 */
export function fitTemplateVariables(variables: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(variables).map(([key, value]) => [key, truncateGraphemes(String(value), WHATSAPP_TEMPLATE_BODY_LIMIT, '…', whatsappTextLength)]),
	);
}

/** Whether the text and buttons fit one WhatsApp quick-reply message (counted as Twilio counts). */
export function fitsQuickReply(text: string, buttons: string[]): boolean {
	return (
		buttons.length > 0 &&
		buttons.length <= WHATSAPP_MAX_QUICK_REPLIES &&
		buttons.every((b) => whatsappTextLength(b) <= WHATSAPP_QUICK_REPLY_TITLE_LIMIT) &&
		whatsappTextLength(text) <= WHATSAPP_QUICK_REPLY_BODY_LIMIT
	);
}

/**
 * Decides what to send for one reply. An opted-out user gets only replies to their own messages
 * (messageKind reply, inside the window); nothing proactive. Outside the window only a template goes out; quick replies
 * that do not fit become a numbered list; long text is split on grapheme boundaries (whitespace at
 * a cut is not sent). Never throws for any text.
 */
export function planReply(request: ReplyRequest): ReplyPlan {
	const inside = insideServiceWindow(request.lastInboundAt, request.now);
	// Opting out stops what BestStag starts, not the conversation the user starts (a template is always proactive).
	const answersUser = request.messageKind === 'reply' || request.isOptOutConfirmation === true;
	if (request.optInStatus === 'opted_out' && !(answersUser && inside)) return { skip: 'opted_out' };
	if (!inside) {
		if (!request.templateSid) return { skip: 'outside_window_no_template' };
		return { send: [{ kind: 'template', contentSid: request.templateSid, variables: fitTemplateVariables(request.templateVariables ?? {}) }] };
	}
	const text = request.text.trim();
	const given = (request.buttons ?? []).map((b) => (typeof b === 'string' ? { id: '', title: b.trim() } : { id: String(b.id ?? '').trim(), title: String(b.title ?? '').trim() })).filter((b) => b.title);
	const buttons = given.map((b) => b.title);
	const ids = given.some((b) => b.id) ? given.map((b, i) => b.id || `option_${i + 1}`) : undefined;
	const mediaUrls = request.mediaUrls ?? [];
	if (!text && mediaUrls.length === 0) return { skip: 'empty' };
	if (fitsQuickReply(text, buttons)) return { send: [{ kind: 'quickReply', body: text, buttons, ...(ids ? { ids } : {}) }] };
	const body = buttons.length > 0 ? numberedOptions(text, buttons, request.locale) : text;
	const split = splitMessage(body)
		.map((part) => part.trimEnd())
		.filter(Boolean);
	const parts = split.length > 0 ? split : [''];
	// Media rides on the first part, as the user reads it with the text that introduces it.
	return { send: parts.map((part, i) => ({ kind: 'text' as const, body: part, mediaUrls: i === 0 ? mediaUrls : [] })) };
}
