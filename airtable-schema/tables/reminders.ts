import { instant, link, select, text } from '../fields';
import type { TableSpec } from '../types';

export const REMINDER_STATUSES = ['scheduled', 'sent', 'cancelled', 'failed'] as const;

export const reminders: TableSpec = {
	name: 'Reminders',
	description: 'Messages BestStag sends at a set time.',
	fields: [
		text('Text', 'What to remind, e.g. "ligar pro João".'),
		link('User', 'Who to remind.', 'Users'),
		instant('Due At', 'When to send it.'),
		select('Status', 'scheduled until sent.', REMINDER_STATUSES),
		instant('Sent At', 'When it went out.'),
		link('Task', 'The task it belongs to, if any.', 'Tasks'),
		text('Reminder Key', 'Stable key BestStag gives a reminder when it creates it (rm_...); buffered writes upsert on it.'),
	],
};
