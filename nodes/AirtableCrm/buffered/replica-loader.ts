import { formulaString } from '../../../core/airtable/formula-escape';
import type { LoadedRecord } from '../../shared/datapath/store';
import type { AirtableGateway, AirtableRecord } from '../transport/request';

/**
 * Fills the replica the first time a user is seen (a miss): their Users row, open tasks, scheduled
 * reminders and unclosed hand-offs, read from Airtable through the direct-mode gateway (rate
 * limited like every direct call). Rows are keyed by their stable key; rows made in Airtable
 * without one (a task a manager typed in) are keyed by their record id. Airtable returns links as
 * record ids; the replica holds the User link as the owner's phone, as buffered writes send it.
 */
export async function loadUserRows(gateway: AirtableGateway, phone: string): Promise<LoadedRecord[]> {
	const users = await gateway.listAll('Users', { filterByFormula: `{Phone} = ${formulaString(phone)}`, maxRecords: 1 });
	// A phone Airtable does not know is a new user: nothing else can be theirs yet, so one request suffices.
	if (users.length === 0) return [];
	const owner = `ARRAYJOIN({User}) = ${formulaString(phone)}`;
	const [tasks, reminders, handoffs] = await Promise.all([
		gateway.listAll('Tasks', { filterByFormula: `AND(${owner}, {Status} != 'done')` }),
		gateway.listAll('Reminders', { filterByFormula: `AND(${owner}, {Status} = 'scheduled')` }),
		gateway.listAll('Handoffs', { filterByFormula: `AND(${owner}, {Status} != 'closed')` }),
	]);
	const rows = (table: string, keyField: string, records: AirtableRecord[]): LoadedRecord[] =>
		records.map((r) => ({ table, key: typeof r.fields[keyField] === 'string' && r.fields[keyField] ? (r.fields[keyField] as string) : r.id, recordId: r.id, fields: { ...r.fields, User: [phone] }, owner: phone }));
	return [
		...users.map((r) => ({ table: 'Users', key: phone, recordId: r.id, fields: r.fields })),
		...rows('Tasks', 'Task Key', tasks),
		...rows('Reminders', 'Reminder Key', reminders),
		...rows('Handoffs', 'Reference', handoffs),
	];
}
