import { startTestStore, type TestStore } from './helpers';

let store: TestStore;
let tasks: string;
let users: string;

beforeAll(async () => {
	store = await startTestStore({ now: () => new Date('2026-11-20T12:34:56.789Z') });
	tasks = `/v0/${store.baseId}/Tasks`;
	users = `/v0/${store.baseId}/Users`;
});
afterAll(() => store.dispose());

const REC = /^rec[A-Za-z0-9]{14}$/;
const batch = (n: number, fields: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => ({ fields: fields(i) }));
const count = async (table: string, formula = '') =>
	(await store.api('GET', `${table}${formula ? `?filterByFormula=${encodeURIComponent(formula)}` : ''}`)).body.records.length;

describe('create', () => {
	it('creates up to 10 records and answers them with ids, createdTime and only non-empty cells', async () => {
		const res = await store.api('POST', tasks, {
			records: [
				{ fields: { Title: 'Ligar pro João', Status: 'todo', Priority: 'high', Due: '2026-11-21T15:00:00Z', Notes: '' } },
				{ fields: { Title: 'Pagar boleto', Status: null } },
			],
		});
		expect(res.status).toBe(200);
		expect(res.body.records).toEqual([
			{
				id: expect.stringMatching(REC),
				createdTime: '2026-11-20T12:34:56.789Z',
				fields: { Title: 'Ligar pro João', Status: 'todo', Priority: 'high', Due: '2026-11-21T15:00:00.000Z' },
			},
			{ id: expect.stringMatching(REC), createdTime: '2026-11-20T12:34:56.789Z', fields: { Title: 'Pagar boleto' } },
		]);
	});

	it('accepts the legacy single-record body and answers the record itself', async () => {
		const res = await store.api('POST', users, { fields: { Phone: '+5511987654321', Name: 'Ana', Locale: 'pt-BR' } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ id: expect.stringMatching(REC), createdTime: expect.any(String), fields: { Phone: '+5511987654321', Name: 'Ana', Locale: 'pt-BR' } });
	});

	it('refuses more than 10 records with 422 INVALID_RECORDS and creates none', async () => {
		const before = await count(tasks);
		const res = await store.api('POST', tasks, { records: batch(11, (i) => ({ Title: `t${i}` })) });
		expect(res.status).toBe(422);
		expect(res.body.error.type).toBe('INVALID_RECORDS');
		expect(res.body.error.message).toMatch(/at most 10 records.*got 11/);
		expect(await count(tasks)).toBe(before);
	});

	it('writes nothing when any record of a batch is invalid', async () => {
		const before = await count(tasks);
		const res = await store.api('POST', tasks, { records: [{ fields: { Title: 'ok' } }, { fields: { Title: 'bad', Priority: 'whenever' } }] });
		expect(res.status).toBe(422);
		expect(await count(tasks)).toBe(before);
	});

	it('answers an unknown field with 422 UNKNOWN_FIELD_NAME', async () => {
		const res = await store.api('POST', tasks, { records: [{ fields: { Title: 'x', Foo: 1 } }] });
		expect(res.status).toBe(422);
		expect(res.body).toEqual({ error: { type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "Foo"' } });
	});

	it('answers a wrongly typed value with 422 INVALID_VALUE_FOR_COLUMN naming the field and the value', async () => {
		const cases: Array<[Record<string, unknown>, string, string]> = [
			[{ Priority: 7 }, 'Priority', '7'],
			[{ Title: 42 }, 'Title', '42'],
			[{ Due: 'amanhã' }, 'Due', '"amanhã"'],
			[{ Due: '2026-02-30' }, 'Due', '"2026-02-30"'],
			[{ User: ['Ana'] }, 'User', '"Ana"'],
		];
		for (const [fields, field, value] of cases) {
			const res = await store.api('POST', tasks, { records: [{ fields: { Title: 'x', ...fields } }] });
			expect(res.status).toBe(422);
			expect(res.body.error.type).toBe('INVALID_VALUE_FOR_COLUMN');
			expect(res.body.error.message).toContain(`Field "${field}" cannot accept the provided value ${value}`);
		}
		const number = await store.api('POST', `/v0/${store.baseId}/Messages`, { fields: { 'Latency Ms': '12' } });
		expect(number.body.error.message).toMatch(/^Field "Latency Ms" cannot accept the provided value "12": .*typecast/);
		const checkbox = await store.api('POST', `/v0/${store.baseId}/Events`, { fields: { 'All Day': 'true' } });
		expect(checkbox.body.error.type).toBe('INVALID_VALUE_FOR_COLUMN');
	});
});

describe('typecast', () => {
	it('refuses a new select option without typecast, with Airtable\'s message', async () => {
		const res = await store.api('POST', tasks, { records: [{ fields: { Title: 'x', Priority: 'someday' } }] });
		expect(res.status).toBe(422);
		expect(res.body.error.type).toBe('INVALID_MULTIPLE_CHOICE_OPTIONS');
		expect(res.body.error.message).toMatch(/^Insufficient permissions to create new select option ""someday""/);
	});

	it('creates the option, converts numbers, checkboxes and dates, and matches links by primary field with typecast', async () => {
		const task = await store.api('POST', tasks, {
			typecast: true,
			records: [{ fields: { Title: 'Revisar contrato', Priority: 'someday', Due: '11/25/2026 9:30', User: ['+5511987654321', '+5521999990000'] } }],
		});
		expect(task.status).toBe(200);
		const fields = task.body.records[0].fields;
		expect(fields).toMatchObject({ Priority: 'someday', Due: '2026-11-25T09:30:00.000Z' });
		const ana = (await store.api('GET', `${users}?filterByFormula=${encodeURIComponent("{Phone}='+5511987654321'")}`)).body.records[0];
		expect(fields.User[0]).toBe(ana.id);
		const created = await store.api('GET', `${users}/${fields.User[1]}`);
		expect(created.body.fields).toMatchObject({ Phone: '+5521999990000', Tasks: [task.body.records[0].id] });

		const tables = (await store.api('GET', `/v0/meta/bases/${store.baseId}/tables`)).body.tables;
		const priority = tables.find((t: { name: string }) => t.name === 'Tasks').fields.find((f: { name: string }) => f.name === 'Priority');
		expect(priority.options.choices.map((c: { name: string }) => c.name)).toEqual(['low', 'normal', 'high', 'urgent', 'someday']);
		expect(priority.options.choices[4]).toEqual({ id: expect.stringMatching(/^sel[A-Za-z0-9]{14}$/), name: 'someday', color: expect.any(String) });

		const message = await store.api('POST', `/v0/${store.baseId}/Messages`, { typecast: true, fields: { 'Latency Ms': '12', Confidence: '0.91234', At: '2026-11-20' } });
		expect(message.body.fields).toEqual({ 'Latency Ms': 12, Confidence: 0.912, At: '2026-11-20T00:00:00.000Z' });
		const event = await store.api('POST', `/v0/${store.baseId}/Events`, { typecast: true, fields: { Title: 'x', 'All Day': 'true' } });
		expect(event.body.fields['All Day']).toBe(true);
		const notAllDay = await store.api('POST', `/v0/${store.baseId}/Events`, { typecast: true, fields: { Title: 'y', 'All Day': 'false' } });
		expect(notAllDay.body.fields).toEqual({ Title: 'y' });
	});
});

describe('update, replace and delete', () => {
	it('PATCH merges, PUT replaces (clearing unspecified fields), for batches and single records', async () => {
		const created = await store.api('POST', tasks, { records: [{ fields: { Title: 'a', Status: 'todo', Notes: 'n' } }, { fields: { Title: 'b', Status: 'todo' } }] });
		const [a, b] = created.body.records.map((r: { id: string }) => r.id);

		const patched = await store.api('PATCH', tasks, { records: [{ id: a, fields: { Status: 'doing' } }, { id: b, fields: { Status: 'done', Notes: 'x' } }] });
		expect(patched.status).toBe(200);
		expect(patched.body.records.map((r: { fields: unknown }) => r.fields)).toEqual([
			{ Title: 'a', Status: 'doing', Notes: 'n' },
			{ Title: 'b', Status: 'done', Notes: 'x' },
		]);

		const replaced = await store.api('PUT', tasks, { records: [{ id: a, fields: { Title: 'a2' } }] });
		expect(replaced.body.records[0].fields).toEqual({ Title: 'a2' });

		const one = await store.api('PATCH', `${tasks}/${b}`, { fields: { Notes: null, Priority: 'low' } });
		expect(one.body).toEqual({ id: b, createdTime: expect.any(String), fields: { Title: 'b', Status: 'done', Priority: 'low' } });
		const put = await store.api('PUT', `${tasks}/${b}`, { fields: { Title: 'b2' } });
		expect(put.body.fields).toEqual({ Title: 'b2' });
		expect((await store.api('GET', `${tasks}/${b}`)).body.fields).toEqual({ Title: 'b2' });
	});

	it('refuses batches over 10, missing ids and unknown records', async () => {
		const eleven = await store.api('PATCH', tasks, { records: Array.from({ length: 11 }, () => ({ id: 'recAAAAAAAAAAAAAA', fields: {} })) });
		expect(eleven.body.error.type).toBe('INVALID_RECORDS');
		const noId = await store.api('PATCH', tasks, { records: [{ fields: { Title: 'x' } }] });
		expect(noId.body.error).toEqual({ type: 'INVALID_RECORDS', message: expect.stringMatching(/needs an "id"/) });
		const unknown = await store.api('PATCH', tasks, { records: [{ id: 'recAAAAAAAAAAAAAA', fields: { Title: 'x' } }] });
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.message).toMatch(/recAAAAAAAAAAAAAA/);
		const single = await store.api('PATCH', `${tasks}/recAAAAAAAAAAAAAA`, { fields: { Title: 'x' } });
		expect(single.status).toBe(404);
		expect(single.body).toEqual({ error: 'NOT_FOUND' });
	});

	it('deletes by records[] (at most 10) and by id, and unlinks deleted records', async () => {
		const user = await store.api('POST', users, { fields: { Name: 'To delete' } });
		const created = await store.api('POST', tasks, { records: batch(3, (i) => ({ Title: `del ${i}`, User: [user.body.id] })) });
		const ids: string[] = created.body.records.map((r: { id: string }) => r.id);
		expect((await store.api('GET', `${users}/${user.body.id}`)).body.fields.Tasks).toEqual(ids);

		const res = await store.api('DELETE', `${tasks}?records[]=${ids[0]}&records%5B%5D=${ids[1]}`);
		expect(res.body).toEqual({ records: [{ id: ids[0], deleted: true }, { id: ids[1], deleted: true }] });
		expect((await store.api('GET', `${users}/${user.body.id}`)).body.fields.Tasks).toEqual([ids[2]]);

		const one = await store.api('DELETE', `${tasks}/${ids[2]}`);
		expect(one.body).toEqual({ id: ids[2], deleted: true });
		expect((await store.api('GET', `${tasks}/${ids[2]}`)).body).toEqual({ error: 'NOT_FOUND' });
		expect((await store.api('GET', `${users}/${user.body.id}`)).body.fields).toEqual({ Name: 'To delete' });

		const task = await store.api('POST', tasks, { fields: { Title: 'orphan', User: [user.body.id] } });
		await store.api('DELETE', `${users}/${user.body.id}`);
		expect((await store.api('GET', `${tasks}/${task.body.id}`)).body.fields).toEqual({ Title: 'orphan' });

		const eleven = Array.from({ length: 11 }, (_, i) => `records[]=rec${String(i).padStart(14, 'A')}`).join('&');
		expect((await store.api('DELETE', `${tasks}?${eleven}`)).body.error.type).toBe('INVALID_RECORDS');
		expect((await store.api('DELETE', `${tasks}?records[]=recAAAAAAAAAAAAAA`)).status).toBe(404);
	});

	it('refuses a link to a record that does not exist', async () => {
		const res = await store.api('POST', tasks, { fields: { Title: 'x', User: ['recAAAAAAAAAAAAAA'] } });
		expect(res.status).toBe(422);
		expect(res.body.error.type).toBe('ROW_DOES_NOT_EXIST');
	});
});

describe('upsert', () => {
	it('creates on the first call and updates the same record on the second', async () => {
		const body = (status: string) => ({
			performUpsert: { fieldsToMergeOn: ['Message SID'] },
			records: [{ fields: { 'Message SID': 'SM0001', Status: status } }, { fields: { 'Message SID': 'SM0002', Status: status } }],
		});
		const first = await store.api('PATCH', `/v0/${store.baseId}/Messages`, body('queued'));
		expect(first.status).toBe(200);
		const ids = first.body.records.map((r: { id: string }) => r.id);
		expect(first.body.createdRecords).toEqual(ids);
		expect(first.body.updatedRecords).toEqual([]);

		const second = await store.api('PATCH', `/v0/${store.baseId}/Messages`, body('delivered'));
		expect(second.body.records.map((r: { id: string }) => r.id)).toEqual(ids);
		expect(second.body.createdRecords).toEqual([]);
		expect(second.body.updatedRecords).toEqual(ids);
		expect(second.body.records[0].fields).toEqual({ 'Message SID': 'SM0001', Status: 'delivered' });
		expect(await count(`/v0/${store.baseId}/Messages`, "FIND('SM', {Message SID}) = 1")).toBe(2);
	});

	it('replaces matched records with PUT and refuses upserts without the merge field', async () => {
		const path = `/v0/${store.baseId}/Digests`;
		await store.api('PATCH', path, { performUpsert: { fieldsToMergeOn: ['Digest Key'] }, records: [{ fields: { 'Digest Key': 'k1', Status: 'pending', 'Tasks Count': 3 } }] });
		const put = await store.api('PUT', path, { performUpsert: { fieldsToMergeOn: ['Digest Key'] }, records: [{ fields: { 'Digest Key': 'k1', Status: 'sent' } }] });
		expect(put.body.records[0].fields).toEqual({ 'Digest Key': 'k1', Status: 'sent' });
		expect(put.body.updatedRecords).toHaveLength(1);
		const missing = await store.api('PATCH', path, { performUpsert: { fieldsToMergeOn: ['Digest Key'] }, records: [{ fields: { Status: 'sent' } }] });
		expect(missing.body.error.type).toBe('INVALID_RECORDS');
		const unknown = await store.api('PATCH', path, { performUpsert: { fieldsToMergeOn: ['Nope'] }, records: [{ fields: { Status: 'sent' } }] });
		expect(unknown.body.error.type).toBe('UNKNOWN_FIELD_NAME');
	});
});

describe('links', () => {
	it('keeps both sides of a link in step, whichever side is written', async () => {
		const user = await store.api('POST', users, { fields: { Name: 'Caio' } });
		const [t1, t2] = (await store.api('POST', tasks, { records: batch(2, (i) => ({ Title: `link ${i}` })) })).body.records.map((r: { id: string }) => r.id);
		await store.api('PATCH', `${users}/${user.body.id}`, { fields: { Tasks: [t1, t2] } });
		expect((await store.api('GET', `${tasks}/${t1}`)).body.fields.User).toEqual([user.body.id]);
		await store.api('PATCH', `${tasks}/${t2}`, { fields: { User: [] } });
		expect((await store.api('GET', `${users}/${user.body.id}`)).body.fields.Tasks).toEqual([t1]);
	});

	it('links a table to itself without creating an inverse field', async () => {
		const tables = (await store.api('GET', `/v0/meta/bases/${store.baseId}/tables`)).body.tables;
		const leads = tables.find((t: { name: string }) => t.name === 'Leads');
		const field = await store.api('POST', `/v0/meta/bases/${store.baseId}/tables/${leads.id}/fields`, {
			name: 'Referred By',
			type: 'multipleRecordLinks',
			options: { linkedTableId: leads.id },
		});
		expect(field.body.options).toEqual({ isReversed: false, linkedTableId: leads.id, prefersSingleRecordLink: false });
		const [a, b] = (await store.api('POST', `/v0/${store.baseId}/Leads`, { records: batch(2, (i) => ({ Name: `lead ${i}` })) })).body.records.map(
			(r: { id: string }) => r.id,
		);
		const linked = await store.api('PATCH', `/v0/${store.baseId}/Leads/${b}`, { fields: { 'Referred By': [a] } });
		expect(linked.body.fields['Referred By']).toEqual([a]);
		expect((await store.api('GET', `/v0/${store.baseId}/Leads/${a}`)).body.fields).toEqual({ Name: 'lead 0' });
		await store.api('DELETE', `/v0/${store.baseId}/Leads/${a}`);
		expect((await store.api('GET', `/v0/${store.baseId}/Leads/${b}`)).body.fields).toEqual({ Name: 'lead 1' });
	});

	it('splits typecast text into multiple select options and reads ISO offsets', async () => {
		const tables = (await store.api('GET', `/v0/meta/bases/${store.baseId}/tables`)).body.tables;
		const audit = tables.find((t: { name: string }) => t.name === 'AuditLog');
		await store.api('POST', `/v0/meta/bases/${store.baseId}/tables/${audit.id}/fields`, {
			name: 'Tags',
			type: 'multipleSelects',
			options: { choices: [{ name: 'a' }] },
		});
		const res = await store.api('POST', `/v0/${store.baseId}/AuditLog`, { typecast: true, fields: { Tags: 'a, b, a', At: '2026-11-20T10:00:00-03:00' } });
		expect(res.body.fields).toEqual({ Tags: ['a', 'b'], At: '2026-11-20T13:00:00.000Z' });
		const strict = await store.api('POST', `/v0/${store.baseId}/AuditLog`, { fields: { Tags: 'a' } });
		expect(strict.body.error.type).toBe('INVALID_VALUE_FOR_COLUMN');
	});
});
