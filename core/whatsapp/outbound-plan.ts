/**
 * What to send for one reply, decided before any API call: opt-in, WhatsApp's 24-hour
 * customer-service window, quick-reply limits and body length. Pure, so every rule is testable.
 */
import { splitMessage } from './split';

export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_QUICK_REPLIES = 3;

export interface ReplyRequest {
	to: string;
	text: string;
	mediaUrls?: string[];
	buttons?: string[];
	/** From the Users table; anything but opted_out may be messaged. */
	optInStatus?: string | null;
	/** The user's last message; opens the 24-hour window. */
	lastInboundAt?: string | null;
	/** The reply confirming an opt-out is the one message an opted-out user still gets. */
	isOptOutConfirmation?: boolean;
	/** Approved template (Content SID) for outside the window, with its variables. */
	templateSid?: string | null;
	templateVariables?: Record<string, string>;
	now: Date;
}

export type PlannedMessage =
	| { kind: 'text'; body: string; mediaUrls: string[] }
	| { kind: 'quickReply'; body: string; buttons: string[] }
	| { kind: 'template'; contentSid: string; variables: Record<string, string> };

export type ReplyPlan = { send: PlannedMessage[] } | { skip: 'opted_out' | 'outside_window_no_template' | 'empty' };

export function insideServiceWindow(lastInboundAt: string | null | undefined, now: Date): boolean {
	if (!lastInboundAt) return false;
	const last = Date.parse(lastInboundAt);
	return Number.isFinite(last) && now.getTime() - last < SERVICE_WINDOW_MS && last <= now.getTime() + 60_000;
}

/** More than 3 options do not fit WhatsApp's quick replies; they become a numbered list to answer by number. */
export function numberedOptions(text: string, options: string[]): string {
	return `${text}\n\n${options.map((option, i) => `${i + 1}. ${option}`).join('\n')}\n\nResponda com o número / Reply with the number.`;
}

export function planReply(request: ReplyRequest): ReplyPlan {
	if (request.optInStatus === 'opted_out' && !request.isOptOutConfirmation) return { skip: 'opted_out' };
	if (!insideServiceWindow(request.lastInboundAt, request.now)) {
		if (!request.templateSid) return { skip: 'outside_window_no_template' };
		return { send: [{ kind: 'template', contentSid: request.templateSid, variables: request.templateVariables ?? {} }] };
	}
	const text = request.text.trim();
	const buttons = (request.buttons ?? []).map((b) => b.trim()).filter(Boolean);
	const mediaUrls = request.mediaUrls ?? [];
	if (!text && mediaUrls.length === 0) return { skip: 'empty' };
	// WhatsApp quick replies: at most 3, titles up to 20 characters, body up to 1024.
	if (buttons.length > 0 && buttons.length <= MAX_QUICK_REPLIES && buttons.every((b) => b.length <= 20) && text.length <= 1024) {
		return { send: [{ kind: 'quickReply', body: text, buttons }] };
	}
	const body = buttons.length > 0 ? numberedOptions(text, buttons) : text;
	const parts = body ? splitMessage(body) : [''];
	// Media rides on the first part, as the user reads it with the text that introduces it.
	return { send: parts.map((part, i) => ({ kind: 'text' as const, body: part, mediaUrls: i === 0 ? mediaUrls : [] })) };
}
