import { CALENDAR_PROVIDERS, EMAIL_CATEGORIES, EMAIL_PRIORITIES } from '../../core/airtable/crm/choices';
import { checkbox, email, instant, integer, link, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

/** The select values, from core (re-exported for the nodes' dropdowns). */
export { EMAIL_CATEGORIES, EMAIL_PRIORITIES };

export const emails: TableSpec = {
	name: 'Emails',
	description: 'Triaged email from Gmail or Outlook.',
	fields: [
		text('Subject', 'The subject line.'),
		link('User', 'Whose mailbox.', 'Users'),
		select('Provider', 'google or microsoft.', CALENDAR_PROVIDERS),
		text('External ID', "The provider's message id; with Provider, the unique key."),
		text('Thread ID', "The provider's conversation id."),
		email('From', 'Sender address.'),
		text('From Name', 'Sender display name.'),
		instant('Received At', 'When it arrived.'),
		select('Category', 'What kind of email it is.', EMAIL_CATEGORIES),
		select('Priority', 'How soon the user should look.', EMAIL_PRIORITIES),
		integer('Triage Score', 'Triage score, 0 to 100; higher is more urgent.'),
		longText('Summary', 'A short summary for WhatsApp and the digest.'),
		checkbox('Needs Reply', 'Whether the sender is waiting for an answer.'),
	],
};
