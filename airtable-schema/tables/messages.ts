import { INTENTS } from '../../core/intents/taxonomy';
import { decimal, instant, integer, link, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export const MESSAGE_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'] as const;

export const messages: TableSpec = {
	name: 'Messages',
	description: 'Every WhatsApp message in and out. The Message SID makes inbound handling idempotent.',
	fields: [
		text('Message SID', "Twilio's message id (SM...), unique."),
		link('User', 'Who sent or received it.', 'Users'),
		select('Direction', 'Inbound from the user or outbound from BestStag.', MESSAGE_DIRECTIONS),
		longText('Text', 'The message body.'),
		select('Intent', 'What the classifier understood (inbound only).', INTENTS),
		decimal('Confidence', "The classifier's confidence, 0 to 1.", 3),
		select('Status', 'Delivery status from Twilio status callbacks.', MESSAGE_STATUSES),
		text('Error Code', 'Twilio error code on failure, e.g. 63016 (outside the 24-hour window).'),
		integer('Latency Ms', 'Milliseconds from webhook arrival to reply sent.'),
		instant('At', 'When it was received or sent.'),
	],
};
