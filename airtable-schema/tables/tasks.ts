import { TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from '../../core/airtable/crm/choices';
import { instant, link, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

/** The select values, from core (re-exported for the nodes' dropdowns). */
export { TASK_STATUSES, TASK_PRIORITIES, TASK_SOURCES };

export const tasks: TableSpec = {
	name: 'Tasks',
	description: "A user's to-do list.",
	fields: [
		text('Title', 'What to do, in the words the user wrote.'),
		link('User', 'Whose task it is.', 'Users'),
		select('Status', 'todo, doing or done.', TASK_STATUSES),
		instant('Due', 'When it is due, if the user said.'),
		select('Priority', 'How urgent.', TASK_PRIORITIES),
		select('Source', 'Where the task came from.', TASK_SOURCES),
		instant('Completed At', 'When it was marked done.'),
		longText('Notes', 'Anything else the user added.'),
		longText('Attachments', 'Links of the photos and documents sent with the message that created the task, one per line.'),
		text('Task Key', 'Stable key BestStag gives a task when it creates it (tk_...); buffered writes upsert on it, so a resent write never makes a second task.'),
	],
};
