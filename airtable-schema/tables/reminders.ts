import { REMINDER_DELIVERY_STATUSES, REMINDER_STATUSES } from '../../core/airtable/crm/choices';
import { instant, link, select, text } from '../fields';
import type { TableSpec } from '../types';

export { REMINDER_STATUSES, REMINDER_DELIVERY_STATUSES };

export const reminders: TableSpec = {
	name: 'Reminders',
	description: 'Messages BestStag sends at a set time.',
	fields: [
		text('Text', 'What to remind, e.g. "ligar pro João".'),
		link('User', 'Who to remind.', 'Users'),
		instant('Due At', 'When to send it.'),
		select('Status', 'scheduled until the scheduler claims it (sending), then sent; done when the user taps Feito; skipped when the user had opted out.', REMINDER_STATUSES),
		instant('Sent At', 'When it went out.'),
		link('Task', 'The task it belongs to, if any.', 'Tasks'),
		text('Message SID', "Twilio's MessageSid of the last delivery; status callbacks find the reminder by it."),
		select('Delivery Status', "What Twilio last reported for that message (sent, delivered, read, failed...).", REMINDER_DELIVERY_STATUSES),
		text('Error Code', "Twilio's error code when the delivery failed (e.g. 63016: outside the 24-hour window), or why it was not sent (opted_out)."),
		instant('Done At', 'When the user tapped Feito.'),
		text('Reminder Key', 'Stable key BestStag gives a reminder when it creates it (rm_...); buffered writes upsert on it.'),
	],
};
