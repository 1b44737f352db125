import { BESTSTAG_SCHEMA } from '../../../../airtable-schema';
import { startTestStore, type TestStore } from './helpers';

const ID = (prefix: string) => new RegExp(`^${prefix}[A-Za-z0-9]{14}$`);

describe('the BestStag schema in the default base', () => {
	let store: TestStore;
	beforeAll(async () => {
		store = await startTestStore();
	});
	afterAll(() => store.dispose());

	it('has every table and field of BESTSTAG_SCHEMA, in order, with Airtable-shaped ids', async () => {
		const res = await store.api('GET', `/v0/meta/bases/${store.baseId}/tables`);
		expect(res.status).toBe(200);
		const tables = res.body.tables;
		expect(tables.map((t: { name: string }) => t.name)).toEqual(BESTSTAG_SCHEMA.tables.map((t) => t.name));
		for (const spec of BESTSTAG_SCHEMA.tables) {
			const table = tables.find((t: { name: string }) => t.name === spec.name);
			expect(table.id).toMatch(ID('tbl'));
			expect(table.description).toBe(spec.description);
			expect(table.primaryFieldId).toBe(table.fields[0].id);
			expect(table.fields.slice(0, spec.fields.length).map((f: { name: string; type: string }) => [f.name, f.type])).toEqual(
				spec.fields.map((f) => [f.name, f.type]),
			);
			for (const field of table.fields) expect(field.id).toMatch(ID('fld'));
			expect(table.views).toEqual([{ id: expect.stringMatching(ID('viw')), name: 'Grid view', type: 'grid' }]);
		}
	});

	it('returns select choices with ids and colors, and link options with the inverse field', async () => {
		const { body } = await store.api('GET', `/v0/meta/bases/${store.baseId}/tables`);
		const users = body.tables.find((t: { name: string }) => t.name === 'Users');
		const tasks = body.tables.find((t: { name: string }) => t.name === 'Tasks');
		const priority = tasks.fields.find((f: { name: string }) => f.name === 'Priority');
		expect(priority.options.choices.map((c: { name: string }) => c.name)).toEqual(['low', 'normal', 'high', 'urgent']);
		for (const choice of priority.options.choices) {
			expect(choice.id).toMatch(ID('sel'));
			expect(typeof choice.color).toBe('string');
		}
		const user = tasks.fields.find((f: { name: string }) => f.name === 'User');
		expect(user.options).toEqual({
			isReversed: false,
			linkedTableId: users.id,
			prefersSingleRecordLink: false,
			inverseLinkFieldId: expect.stringMatching(ID('fld')),
		});
		const inverse = users.fields.find((f: { id: string }) => f.id === user.options.inverseLinkFieldId);
		expect(inverse).toMatchObject({ name: 'Tasks', type: 'multipleRecordLinks', options: { linkedTableId: tasks.id, inverseLinkFieldId: user.id } });
		// Handoffs links to Users twice; the second inverse gets a numbered name, as in Airtable.
		expect(users.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['Handoffs', 'Handoffs 2']));
	});
});

describe('the Metadata API on an empty base', () => {
	let store: TestStore;
	let path: string;
	beforeAll(async () => {
		store = await startTestStore({ loadSchema: false });
		path = `/v0/meta/bases/${store.baseId}/tables`;
	});
	afterAll(() => store.dispose());

	it('starts with no tables', async () => {
		expect((await store.api('GET', path)).body).toEqual({ tables: [] });
	});

	it('creates, lists and updates tables and fields', async () => {
		const people = await store.api('POST', path, {
			name: 'People',
			description: 'Who is who',
			fields: [
				{ name: 'Name', type: 'singleLineText', description: 'Full name' },
				{ name: 'Age', type: 'number', options: { precision: 0 } },
				{ name: 'Active', type: 'checkbox', options: { icon: 'check', color: 'greenBright' } },
				{ name: 'Kind', type: 'singleSelect', options: { choices: [{ name: 'a' }, { name: 'b', color: 'redBright' }] } },
				{ name: 'Seen', type: 'dateTime', options: { dateFormat: { name: 'iso' }, timeFormat: { name: '24hour' }, timeZone: 'America/Sao_Paulo' } },
			],
		});
		expect(people.status).toBe(200);
		expect(people.body).toMatchObject({
			id: expect.stringMatching(ID('tbl')),
			name: 'People',
			description: 'Who is who',
			fields: [
				{ name: 'Name', type: 'singleLineText', description: 'Full name' },
				{ name: 'Age', type: 'number', options: { precision: 0 } },
				{ name: 'Active', type: 'checkbox', options: { icon: 'check', color: 'greenBright' } },
				{ name: 'Kind', type: 'singleSelect', options: { choices: [{ name: 'a', color: 'blueLight2' }, { name: 'b', color: 'redBright' }] } },
				{
					name: 'Seen',
					options: { dateFormat: { name: 'iso', format: 'YYYY-MM-DD' }, timeFormat: { name: '24hour', format: 'HH:mm' }, timeZone: 'America/Sao_Paulo' },
				},
			],
			views: [{ name: 'Grid view', type: 'grid' }],
		});
		expect(people.body.primaryFieldId).toBe(people.body.fields[0].id);
		// A field without a description has no description key, as in Airtable.
		expect(people.body.fields[1]).not.toHaveProperty('description');

		const notes = await store.api('POST', path, {
			name: 'Notes',
			fields: [
				{ name: 'Title', type: 'singleLineText' },
				{ name: 'Author', type: 'multipleRecordLinks', options: { linkedTableId: people.body.id } },
			],
		});
		expect(notes.status).toBe(200);
		const author = notes.body.fields[1];
		expect(author.options).toMatchObject({ linkedTableId: people.body.id, isReversed: false, prefersSingleRecordLink: false });

		const renamed = await store.api('PATCH', `${path}/${people.body.id}`, { name: 'Persons', description: 'Renamed' });
		expect(renamed.body).toMatchObject({ id: people.body.id, name: 'Persons', description: 'Renamed' });

		const field = await store.api('POST', `${path}/${people.body.id}/fields`, { name: 'Email', type: 'email', description: 'Where to write' });
		expect(field.body).toEqual({ id: expect.stringMatching(ID('fld')), name: 'Email', type: 'email', description: 'Where to write' });
		const patched = await store.api('PATCH', `${path}/${people.body.id}/fields/${field.body.id}`, { name: 'E-mail', description: 'Main address' });
		expect(patched.body).toEqual({ id: field.body.id, name: 'E-mail', type: 'email', description: 'Main address' });

		const listed = await store.api('GET', path);
		const persons = listed.body.tables.find((t: { id: string }) => t.id === people.body.id);
		expect(persons.name).toBe('Persons');
		expect(persons.fields.map((f: { name: string }) => f.name)).toEqual(['Name', 'Age', 'Active', 'Kind', 'Seen', 'Notes', 'E-mail']);
		expect(persons.fields[5]).toMatchObject({ type: 'multipleRecordLinks', options: { linkedTableId: notes.body.id, inverseLinkFieldId: author.id } });
	});

	it('keeps record values when a field is renamed (cells are stored by field id)', async () => {
		const table = await store.api('POST', path, { name: 'Renames', fields: [{ name: 'Before', type: 'singleLineText' }] });
		const created = await store.api('POST', `/v0/${store.baseId}/Renames`, { fields: { Before: 'kept' } });
		await store.api('PATCH', `${path}/${table.body.id}/fields/${table.body.fields[0].id}`, { name: 'After' });
		const read = await store.api('GET', `/v0/${store.baseId}/${table.body.id}/${created.body.id}`);
		expect(read.body.fields).toEqual({ After: 'kept' });
	});

	it('rejects duplicate names and invalid field definitions the way Airtable does', async () => {
		const cases: Array<[unknown, string, RegExp]> = [
			[{ name: 'persons', fields: [{ name: 'Name', type: 'singleLineText' }] }, 'DUPLICATE_TABLE_NAME', /already exists/],
			[
				{ name: 'Dup', fields: [{ name: 'A', type: 'singleLineText' }, { name: 'a', type: 'email' }] },
				'DUPLICATE_OR_EMPTY_FIELD_NAME',
				/"a" twice/,
			],
			[{ name: 'Empty', fields: [{ name: ' ', type: 'singleLineText' }] }, 'DUPLICATE_OR_EMPTY_FIELD_NAME', /non-empty "name"/],
			[
				{ name: 'Box', fields: [{ name: 'A', type: 'singleLineText' }, { name: 'B', type: 'checkbox' }] },
				'INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE',
				/"options" is required/,
			],
			[
				{ name: 'Sel', fields: [{ name: 'A', type: 'singleLineText' }, { name: 'S', type: 'singleSelect', options: {} }] },
				'INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE',
				/"choices"/,
			],
			[
				{
					name: 'When',
					fields: [
						{ name: 'A', type: 'singleLineText' },
						{ name: 'T', type: 'dateTime', options: { dateFormat: { name: 'iso' }, timeFormat: { name: '24hour' } } },
					],
				},
				'INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE',
				/"timeZone"/,
			],
			[
				{ name: 'Num', fields: [{ name: 'A', type: 'singleLineText' }, { name: 'N', type: 'number', options: { precision: 12 } }] },
				'INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE',
				/precision/,
			],
			[{ name: 'Calc', fields: [{ name: 'A', type: 'formula' }] }, 'UNSUPPORTED_FIELD_TYPE_FOR_CREATE', /not implemented/],
			[
				{ name: 'Link', fields: [{ name: 'A', type: 'singleLineText' }, { name: 'L', type: 'multipleRecordLinks', options: { linkedTableId: 'tblNope' } }] },
				'INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE',
				/linkedTableId/,
			],
			[{ name: 'Prim', fields: [{ name: 'A', type: 'checkbox', options: { icon: 'check', color: 'greenBright' } }] }, 'INVALID_FIELD_TYPE_FOR_PRIMARY', /primary/],
			[{ name: 'NoFields', fields: [] }, 'INVALID_REQUEST_UNKNOWN', /non-empty list/],
		];
		for (const [body, type, message] of cases) {
			const res = await store.api('POST', path, body);
			expect({ body, status: res.status, type: res.body.error.type }).toEqual({ body, status: 422, type });
			expect(res.body.error.message).toMatch(message);
		}
		const tables = await store.api('GET', path);
		expect(tables.body.tables.map((t: { name: string }) => t.name)).toEqual(['Persons', 'Notes', 'Renames']);
	});

	it('rejects duplicate field names, type changes and unknown tables on field routes', async () => {
		const { body } = await store.api('GET', path);
		const persons = body.tables[0];
		const dup = await store.api('POST', `${path}/${persons.id}/fields`, { name: 'NAME', type: 'singleLineText' });
		expect(dup.status).toBe(422);
		expect(dup.body.error.type).toBe('DUPLICATE_OR_EMPTY_FIELD_NAME');
		const retype = await store.api('PATCH', `${path}/${persons.id}/fields/${persons.fields[0].id}`, { type: 'email' });
		expect(retype.status).toBe(422);
		expect(retype.body.error.message).toMatch(/only name and description/);
		const missing = await store.api('POST', `${path}/tblAAAAAAAAAAAAAA/fields`, { name: 'X', type: 'singleLineText' });
		expect(missing.status).toBe(404);
		expect(missing.body.error.type).toBe('TABLE_NOT_FOUND');
		const rename = await store.api('PATCH', `${path}/${persons.id}`, { name: 'Notes' });
		expect(rename.body.error.type).toBe('DUPLICATE_TABLE_NAME');
	});
});
