import { CALENDAR_PROVIDERS, EVENT_STATUSES } from '../../core/airtable/crm/choices';
import { checkbox, instant, link, select, text } from '../fields';
import type { TableSpec } from '../types';

/** The select values, from core (re-exported for the nodes' dropdowns). */
export { CALENDAR_PROVIDERS, EVENT_STATUSES };

export const events: TableSpec = {
	name: 'Events',
	description: "Calendar events mirrored from the user's Google or Microsoft calendar.",
	fields: [
		text('Title', 'The event title.'),
		link('User', 'Whose calendar.', 'Users'),
		select('Provider', 'google or microsoft.', CALENDAR_PROVIDERS),
		text('External ID', "The provider's event id; with Provider, the unique key."),
		text('Calendar ID', "The provider's calendar id."),
		instant('Start', 'Start instant.'),
		instant('End', 'End instant.'),
		checkbox('All Day', 'Whether it is an all-day event.'),
		text('Location', 'Where, or the meeting link.'),
		select('Status', 'confirmed, tentative or cancelled.', EVENT_STATUSES),
	],
};
