import { LEAD_STAGES, LEAD_TEMPERATURES } from '../../core/airtable/crm/choices';
import { decimal, email, link, longText, phone, select, text } from '../fields';
import type { TableSpec } from '../types';

/** The select values, from core (re-exported for the nodes' dropdowns). */
export { LEAD_TEMPERATURES, LEAD_STAGES };

export const leads: TableSpec = {
	name: 'Leads',
	description: 'Sales leads from discovery conversations.',
	fields: [
		text('Name', "The lead's name."),
		text('Company', 'Their company.'),
		email('Email', 'Contact email.'),
		phone('Phone', 'Contact phone, E.164.'),
		select('Temperature', 'hot, warm or cold.', LEAD_TEMPERATURES),
		decimal('Score', 'Lead score, 0 to 100.', 1),
		link('Owner', 'The consultant who owns the lead.', 'Users'),
		select('Stage', 'Where the lead is in the funnel.', LEAD_STAGES),
		text('Source', 'Where the lead came from.'),
		longText('Notes', 'Discovery notes.'),
	],
};
