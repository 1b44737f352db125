import { instant, link, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

export const HANDOFF_STATUSES = ['open', 'assigned', 'closed'] as const;

export const handoffs: TableSpec = {
	name: 'Handoffs',
	description: 'Conversations handed from the assistant to a human consultant.',
	fields: [
		text('Reference', 'Short handle consultants use, e.g. HO-20261130-4F2A9C; the stable key of a hand-off.'),
		link('User', 'Who asked for a person.', 'Users'),
		longText('Reason', 'Why, in the user\'s words or the assistant\'s.'),
		longText('Summary', 'What the consultant reads first: the user\'s last messages and their open tasks count.'),
		select('Status', 'open, assigned or closed.', HANDOFF_STATUSES),
		link('Consultant', 'Who took it.', 'Users'),
		instant('Opened At', 'When the user asked.'),
		instant('Closed At', 'When it was resolved.'),
		instant('Resume Notified At', 'When the user was told the assistant answers again after the close.'),
	],
};
