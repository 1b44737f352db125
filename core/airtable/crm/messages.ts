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
		Attachments: attachmentsText(input.attachments),
	});
}
