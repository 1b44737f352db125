import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from '../../core/airtable/crm/choices';
import { INTENTS } from '../../core/intents/taxonomy';
import { decimal, instant, integer, link, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

/** The select values, from core (re-exported for the nodes' dropdowns). */
export { MESSAGE_DIRECTIONS, MESSAGE_STATUSES };

export const messages: TableSpec = {
	name: 'Messages',
	description: 'One row per WhatsApp turn: what the user wrote, what BestStag replied, and how it went. Keyed by the inbound Message SID, so a redelivered webhook logs once.',
	fields: [
		text('Message SID', "Twilio's message id (SM...), unique."),
		link('User', 'Who sent or received it.', 'Users'),
		select('Direction', 'Inbound from the user or outbound from BestStag.', MESSAGE_DIRECTIONS),
		longText('Text', 'The message body.'),
		select('Intent', 'What the classifier understood (inbound only).', INTENTS),
		decimal('Confidence', "The classifier's confidence, 0 to 1.", 3),
		select('Status', "Delivery status of the turn's reply, from Twilio's status callbacks (never moves back).", MESSAGE_STATUSES),
		text('Error Code', 'Twilio error code on failure, e.g. 63016 (outside the 24-hour window).'),
		integer('Latency Ms', 'Milliseconds from webhook arrival to the reply accepted by Twilio.'),
		instant('At', 'When it was received or sent.'),
		longText('Reply', "What BestStag answered in this turn, in the user's language."),
		text('Reply SID', "Twilio's id of the reply (SM...); its delivery status callbacks update this row."),
		instant('Replied At', 'When Twilio accepted the reply.'),
		text('Engine', 'What understood the message: offline, openai or anthropic.'),
		longText('Attachments', 'Links of the photos, videos and documents the message carried, one per line (Twilio media URLs, opened with the account credentials).'),
	],
};
