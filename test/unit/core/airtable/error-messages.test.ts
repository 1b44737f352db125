import { explainAirtableError } from '../../../../core/airtable/error-messages';

describe('explainAirtableError', () => {
	it('names the field and the value for a bad cell', () => {
		const explained = explainAirtableError(
			{ type: 'INVALID_VALUE_FOR_COLUMN', message: 'Field "Due" cannot accept the provided value', status: 422 },
			{ table: 'Tasks', fields: [{ Title: 'x', Due: 'amanhã' }] },
		);
		expect(explained.message).toBe('Field "Due" in table "Tasks" cannot accept the value (value sent: "amanhã")');
		expect(explained.transient).toBe(false);
	});

	it('shortens a long value between characters, never inside an emoji', () => {
		const explained = explainAirtableError(
			{ type: 'INVALID_VALUE_FOR_COLUMN', message: 'Field "Title" cannot accept the provided value', status: 422 },
			{ table: 'Tasks', fields: [{ Title: `a${'🇧🇷'.repeat(40)}` }] },
		);
		const shown = /value sent: (.*)\)$/.exec(explained.message)![1];
		expect(shown).toBe(`"a${'🇧🇷'.repeat(18)}...`);
		expect(shown.length).toBeLessThanOrEqual(80);
	});

	it('names the unknown field and where to look', () => {
		const explained = explainAirtableError({ type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "Titel"' }, { table: 'Tasks' });
		expect(explained.message).toBe('The table "Tasks" has no field named "Titel"');
		expect(explained.description).toMatch(/schema plan/);
	});

	it('names the rejected select option and the typecast way out', () => {
		const explained = explainAirtableError(
			{ type: 'INVALID_MULTIPLE_CHOICE_OPTIONS', message: 'Insufficient permissions to create new select option ""urgentissimo""' },
			{ table: 'Tasks' },
		);
		expect(explained.message).toBe('"urgentissimo" is not one of the allowed options in table "Tasks"');
		expect(explained.description).toMatch(/Typecast/);
	});

	it('marks rate limits and server errors as transient', () => {
		expect(explainAirtableError({ type: 'TOO_MANY_REQUESTS', message: '', status: 429 }, { table: 'Users' }).transient).toBe(true);
		expect(explainAirtableError({ type: 'SERVER_ERROR', message: 'Try again', status: 502 }, { table: 'Users' })).toMatchObject({
			message: 'Airtable is unavailable (HTTP 502)',
			transient: true,
		});
	});
});
