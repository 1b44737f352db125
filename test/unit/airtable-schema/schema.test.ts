import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BESTSTAG_SCHEMA } from '../../../airtable-schema';
import { renderSchemaDoc } from '../../../airtable-schema/doc';
import { INTENTS } from '../../../core/intents/taxonomy';

const tables = BESTSTAG_SCHEMA.tables;
const PRIMARY_TYPES = ['singleLineText', 'email', 'url', 'phoneNumber', 'number', 'multilineText', 'date', 'dateTime'];

describe('the BestStag base schema', () => {
	it('has every table the product needs', () => {
		expect(tables.map((t) => t.name)).toEqual([
			'Users', 'Messages', 'Tasks', 'Reminders', 'Events', 'Emails', 'Digests', 'Leads', 'Handoffs', 'SyncLog', 'AuditLog',
		]);
	});

	it.each(tables.map((t) => [t.name, t] as const))('%s: unique field names, a valid primary field, documented fields', (_name, table) => {
		const names = table.fields.map((f) => f.name.toLowerCase());
		expect(new Set(names).size).toBe(names.length);
		expect(PRIMARY_TYPES).toContain(table.fields[0].type);
		for (const field of table.fields) expect(field.description.length).toBeGreaterThan(5);
	});

	it('links only to tables defined earlier or to itself, so apply can create them in order', () => {
		tables.forEach((table, index) => {
			for (const field of table.fields) {
				if (field.type !== 'multipleRecordLinks') continue;
				const target = tables.findIndex((t) => t.name === field.options.linkedTable);
				expect(target).toBeGreaterThanOrEqual(0);
				expect(target).toBeLessThanOrEqual(index);
			}
		});
	});

	it('keys users by phone and messages by MessageSid', () => {
		expect(tables[0].fields[0]).toMatchObject({ name: 'Phone', type: 'phoneNumber' });
		expect(tables[1].fields[0]).toMatchObject({ name: 'Message SID', type: 'singleLineText' });
	});

	it('stores intents with exactly the taxonomy labels', () => {
		const intent = tables[1].fields.find((f) => f.name === 'Intent');
		expect(intent?.type === 'singleSelect' && intent.options.choices.map((c) => c.name)).toEqual([...INTENTS]);
	});

	it('ships a schema doc generated from the code', () => {
		const committed = readFileSync(join(__dirname, '..', '..', '..', 'airtable-schema', 'SCHEMA.md'), 'utf8');
		expect(committed).toBe(renderSchemaDoc(BESTSTAG_SCHEMA));
	});
});
