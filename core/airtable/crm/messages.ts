import { INTENTS } from '../../intents/taxonomy';
import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from './choices';
import { attachmentsText } from './attachments';
import { CrmInputError } from './input-error';
import { choice, clippedText, compact, instant, number, optionalText, phone, requiredText, userLink } from './values';

export interface MessageInput {
	messageSid: unknown;
	phone: unknown;
	direction: unknown;
	text?: unknown;
	intent?: unknown;
	confidence?: unknown;
	status?: unknown;
	errorCode?: unknown;
	latencyMs?: unknown;
	at?: unknown;
	/** The turn's reply text, its Twilio SID, when Twilio accepted it, and the classifier's engine. */
	reply?: unknown;
	replySid?: unknown;
	repliedAt?: unknown;
	engine?: unknown;
	/** Links of the photos and documents the message carried (attachments.ts). */
	attachments?: unknown;
}

const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/**
 * Fields for an upsert of Messages keyed by Message SID, so a redelivered webhook logs once.
 * @returns Airtable fields by name; the text is cut at 4096 UTF-16 units on a grapheme boundary
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then (a Message SID is SM or MM and 32 hex digits)
 */
export function messageFields(input: MessageInput, now: Date): Record<string, unknown> {
	const sid = requiredText(input.messageSid, 'Message SID', 64);
	if (!MESSAGE_SID.test(sid)) throw new CrmInputError('Message SID', `Message SID must look like SM followed by 32 hex digits; got "${sid}".`);
	const direction = choice(input.direction, 'Direction', MESSAGE_DIRECTIONS);
	if (!direction) throw new CrmInputError('Direction', 'Direction is required: inbound or outbound.');
	const latency = number(input.latencyMs, 'Latency Ms', { min: 0 });
	return compact({
		'Message SID': sid,
		User: userLink(phone(input.phone, 'Phone')),
		Direction: direction,
		Text: clippedText(input.text, 'Text', 4096),
		Intent: choice(input.intent, 'Intent', INTENTS),
		Confidence: number(input.confidence, 'Confidence', { min: 0, max: 1 }),
		Status: choice(input.status, 'Status', MESSAGE_STATUSES),
		'Error Code': optionalText(input.errorCode, 'Error Code', 16),
		'Latency Ms': latency === undefined ? undefined : Math.round(latency),
		At: instant(input.at, 'At') ?? now.toISOString(),
		Reply: clippedText(input.reply, 'Reply', 4096),
		'Reply SID': replySid(input.replySid),
		'Replied At': instant(input.repliedAt, 'Replied At'),
		Engine: optionalText(input.engine, 'Engine', 32),
		Attachments: attachmentsText(input.attachments),
	});
}

function replySid(value: unknown): string | undefined {
	const sid = optionalText(value, 'Reply SID', 64);
	if (sid !== undefined && !MESSAGE_SID.test(sid)) throw new CrmInputError('Reply SID', `Reply SID must look like SM followed by 32 hex digits; got "${sid}".`);
	return sid;
}

/**
 * What Record Status does with a message that is no turn's reply: `row` files it on its own outbound
 * row; `failures` files only a failed or undelivered one (a consent prompt is never logged before
 * consent, and its deliveries are nobody's business; its failure is the operator's).
 */
export const UNTRACKED_MESSAGE_POLICIES = ['row', 'failures'] as const;
export type UntrackedMessagePolicy = (typeof UNTRACKED_MESSAGE_POLICIES)[number];

const FAILURE_STATUSES: ReadonlySet<string> = new Set(['failed', 'undelivered']);

/**
 * Whether a status callback for a message that is no turn's reply gets its own Messages row.
 * @param status a Twilio MessageStatus (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values)
 */
export function filesUntrackedStatus(policy: UntrackedMessagePolicy | string, status: unknown): boolean {
	return policy !== 'failures' || FAILURE_STATUSES.has(String(status));
}

/** How far along a delivery status is: a callback that arrives late never moves a message back (read stays read). */
const STATUS_RANK: Record<string, number> = { received: 0, queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 };

/**
 * How long a turn's Messages row waits in the outbox for its reply's delivery status, ms, so row and
 * status reach Airtable as one record of one request instead of one in each of two (issue 8: at
 * most 0.3 requests per message). Twilio posts a WhatsApp reply's `delivered` within seconds when
 * the phone is online; a later status leaves on its own. With the flush window this keeps a row's
 * staleness under issue 8's 10 s.
 */
export const REPLY_STATUS_HOLD_MS = 6_000;

/**
 * Whether a Messages row (its fields as Log Turn writes them) still awaits its reply's delivery
 * status: it has a Reply SID and its Status is `queued` or `sent`.
 */
export function awaitsDeliveryStatus(fields: Record<string, unknown>): boolean {
	const status = String(fields.Status ?? '');
	return typeof fields['Reply SID'] === 'string' && fields['Reply SID'] !== '' && status in STATUS_RANK && STATUS_RANK[status] > STATUS_RANK.received && STATUS_RANK[status] < STATUS_RANK.delivered;
}

/**
 * The status a message shows after a status callback: the further of the current and the new one
 * (Twilio's callbacks may arrive out of order: https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks).
 * @throws CrmInputError when `incoming` is not a Messages status
 */
export function laterStatus(current: unknown, incoming: unknown): (typeof MESSAGE_STATUSES)[number] {
	const next = choice(incoming, 'Status', MESSAGE_STATUSES);
	if (!next) throw new CrmInputError('Status', 'Status is required, e.g. delivered.');
	const now = typeof current === 'string' && current in STATUS_RANK ? current : undefined;
	return now !== undefined && STATUS_RANK[now] > STATUS_RANK[next] ? (now as (typeof MESSAGE_STATUSES)[number]) : next;
}
