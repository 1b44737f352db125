import { buildEqualsAll } from '../../../../core/airtable/formula-escape';
import { createMany, startTestStore, type TestStore } from './helpers';

let store: TestStore;
let items: string[];
let meta: { id: string; fields: Array<{ id: string; name: string }>; views: Array<{ id: string }> };

const UTC = { dateFormat: { name: 'iso' }, timeFormat: { name: '24hour' }, timeZone: 'utc' };

beforeAll(async () => {
	store = await startTestStore({ loadSchema: false });
	const fields = [
		{ name: 'Name', type: 'singleLineText' },
		{ name: 'Count', type: 'number', options: { precision: 0 } },
		{ name: 'Due', type: 'date', options: { dateFormat: { name: 'iso' } } },
		{ name: 'At', type: 'dateTime', options: UTC },
		{ name: 'Status', type: 'singleSelect', options: { choices: [{ name: 'todo' }, { name: 'doing' }, { name: 'done' }] } },
		{ name: 'Done', type: 'checkbox', options: { icon: 'check', color: 'greenBright' } },
	];
	meta = (await store.api('POST', `/v0/meta/bases/${store.baseId}/tables`, { name: 'Items', fields })).body;
	await store.api('POST', `/v0/meta/bases/${store.baseId}/tables`, { name: 'Sorts', fields });
	items = await createMany(
		store,
		'Items',
		Array.from({ length: 250 }, (_, i) => ({ Name: `Item ${String(i).padStart(3, '0')}`, Count: i % 10, Done: i % 2 === 0 })),
	);
	await createMany(store, 'Sorts', [
		{ Name: 'banana', Count: 10, Due: '2026-03-01', At: '2026-03-01T10:00:00.000Z', Status: 'done' },
		{ Name: 'Apple', Count: -2, Due: '2025-12-31', At: '2026-03-01T09:59:59.000Z', Status: 'todo' },
		{ Name: 'cherry', Count: 3.4, At: '2024-01-01T00:00:00Z', Status: 'doing' },
		{ Count: 7, Due: '2026-01-15' },
	]);
});
afterAll(() => store.dispose());

const list = (query: string, table = 'Items') => store.api('GET', `/v0/${store.baseId}/${table}${query}`);
const names = (body: { records: Array<{ fields: { Name?: string } }> }) => body.records.map((r) => r.fields.Name ?? '(blank)');

describe('paging', () => {
	it('pages 250 records as 100, 100, 50 with an opaque offset, in creation order, without duplicates', async () => {
		const seen: string[] = [];
		const sizes: number[] = [];
		let offset: string | undefined;
		do {
			const res = await list(`?pageSize=100${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`);
			expect(res.status).toBe(200);
			sizes.push(res.body.records.length);
			seen.push(...res.body.records.map((r: { id: string }) => r.id));
			offset = res.body.offset;
			if (offset) expect(offset).toMatch(/^itr[A-Za-z0-9]{14}\/rec[A-Za-z0-9]{14}$/);
		} while (offset);
		expect(sizes).toEqual([100, 100, 50]);
		expect(seen).toEqual(items);
		expect(new Set(seen).size).toBe(250);
	});

	it('defaults to pages of 100 and returns the same page for the same offset', async () => {
		const first = await list('');
		expect(first.body.records).toHaveLength(100);
		const again = await list(`?offset=${encodeURIComponent(first.body.offset)}`);
		const twice = await list(`?offset=${encodeURIComponent(first.body.offset)}`);
		expect(again.body.records.map((r: { id: string }) => r.id)).toEqual(items.slice(100, 200));
		expect(twice.body).toEqual(again.body);
	});

	it('caps the whole listing with maxRecords', async () => {
		const first = await list('?maxRecords=120&pageSize=50');
		const second = await list(`?maxRecords=120&pageSize=50&offset=${encodeURIComponent(first.body.offset)}`);
		const third = await list(`?maxRecords=120&pageSize=50&offset=${encodeURIComponent(second.body.offset)}`);
		expect([first, second, third].map((r) => r.body.records.length)).toEqual([50, 50, 20]);
		expect(third.body.offset).toBeUndefined();
		expect((await list('?maxRecords=3')).body.records.map((r: { id: string }) => r.id)).toEqual(items.slice(0, 3));
	});

	it('refuses bad paging parameters with 422', async () => {
		expect((await list('?pageSize=101')).body.error).toEqual({ type: 'INVALID_REQUEST_UNKNOWN', message: expect.stringMatching(/pageSize.*1 to 100/) });
		expect((await list('?pageSize=abc')).status).toBe(422);
		expect((await list('?offset=garbage')).body.error.type).toBe('INVALID_OFFSET_VALUE');
		expect((await list('?offset=itrAAAAAAAAAAAAAA/recAAAAAAAAAAAAAA')).body.error.type).toBe('LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
	});

	it('pages POST .../listRecords like GET, with the parameters in the body', async () => {
		const path = `/v0/${store.baseId}/Items/listRecords`;
		const first = await store.api('POST', path, { pageSize: 100, fields: ['Name'], sort: [{ field: 'Name', direction: 'desc' }] });
		expect(first.status).toBe(200);
		expect(first.body.records[0].fields).toEqual({ Name: 'Item 249' });
		const rest = await store.api('POST', path, { pageSize: 100, fields: ['Name'], offset: first.body.offset });
		expect(rest.body.records[0].fields).toEqual({ Name: 'Item 149' });
	});
});

describe('fields, sort and views', () => {
	it("parses airtable.js's bracket encoding of fields[] and sort", async () => {
		const res = await list('?fields%5B%5D=Name&sort%5B0%5D%5Bfield%5D=Name&sort%5B0%5D%5Bdirection%5D=desc&maxRecords=2');
		expect(res.status).toBe(200);
		expect(res.body.records.map((r: { fields: unknown }) => r.fields)).toEqual([{ Name: 'Item 249' }, { Name: 'Item 248' }]);
	});

	it('reads a query exactly as airtable.js encodes it (spaces as +, repeated brackets)', async () => {
		// objectToQueryParamString({fields: ['Name', 'Count'], filterByFormula: '{Count} = 9', view: 'Grid view',
		//   sort: [{field: 'Count', direction: 'asc'}, {field: 'Name', direction: 'desc'}], maxRecords: 2, recordMetadata: ['commentCount']})
		const query =
			'?fields%5B%5D=Name&fields%5B%5D=Count&filterByFormula=%7BCount%7D+%3D+9&view=Grid+view' +
			'&sort%5B0%5D%5Bfield%5D=Count&sort%5B0%5D%5Bdirection%5D=asc&sort%5B1%5D%5Bfield%5D=Name&sort%5B1%5D%5Bdirection%5D=desc' +
			'&maxRecords=2&recordMetadata%5B%5D=commentCount';
		const res = await list(query);
		expect(res.status).toBe(200);
		expect(res.body.records).toEqual([
			{ id: items[249], createdTime: expect.any(String), fields: { Name: 'Item 249', Count: 9 }, commentCount: 0 },
			{ id: items[239], createdTime: expect.any(String), fields: { Name: 'Item 239', Count: 9 }, commentCount: 0 },
		]);
	});

	it('returns only the fields asked for, by name or id, and refuses unknown ones', async () => {
		const countId = meta.fields.find((f) => f.name === 'Count')?.id as string;
		const res = await list(`?maxRecords=1&fields[]=Name&fields[]=${countId}`);
		expect(res.body.records[0].fields).toEqual({ Name: 'Item 000', Count: 0 });
		const bad = await list('?fields[]=Nope');
		expect(bad.status).toBe(422);
		expect(bad.body.error).toEqual({ type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "Nope"' });
	});

	it('sorts text case-insensitively, with blanks first ascending and last descending', async () => {
		expect(names((await list('?sort[0][field]=Name', 'Sorts')).body)).toEqual(['(blank)', 'Apple', 'banana', 'cherry']);
		expect(names((await list('?sort[0][field]=Name&sort[0][direction]=desc', 'Sorts')).body)).toEqual(['cherry', 'banana', 'Apple', '(blank)']);
	});

	it('sorts numbers numerically, dates chronologically and selects by choice order', async () => {
		expect(names((await list('?sort[0][field]=Count', 'Sorts')).body)).toEqual(['Apple', 'cherry', '(blank)', 'banana']);
		expect(names((await list('?sort[0][field]=Count&sort[0][direction]=desc', 'Sorts')).body)).toEqual(['banana', '(blank)', 'cherry', 'Apple']);
		expect(names((await list('?sort[0][field]=Due', 'Sorts')).body)).toEqual(['cherry', 'Apple', '(blank)', 'banana']);
		expect(names((await list('?sort[0][field]=At&sort[0][direction]=desc', 'Sorts')).body)).toEqual(['banana', 'Apple', 'cherry', '(blank)']);
		expect(names((await list('?sort[0][field]=Status', 'Sorts')).body)).toEqual(['(blank)', 'Apple', 'cherry', 'banana']);
	});

	it('sorts by several fields, ties keeping creation order', async () => {
		const res = await list('?sort[0][field]=Count&sort[0][direction]=desc&sort[1][field]=Name&sort[1][direction]=desc&maxRecords=3');
		expect(names(res.body)).toEqual(['Item 249', 'Item 239', 'Item 229']);
		const ties = await list('?sort[0][field]=Done&maxRecords=2');
		expect(names(ties.body)).toEqual(['Item 001', 'Item 003']);
	});

	it('refuses an unknown sort field or direction', async () => {
		expect((await list('?sort[0][field]=Nope')).body.error.type).toBe('UNKNOWN_FIELD_NAME');
		expect((await list('?sort[0][field]=Name&sort[0][direction]=up')).body.error.message).toMatch(/"asc" or "desc"/);
	});

	it('accepts the default grid view by name or id, and refuses others', async () => {
		const byName = await list('?view=Grid%20view&maxRecords=2');
		const byId = await list(`?view=${meta.views[0].id}&maxRecords=2`);
		expect(byName.body.records.map((r: { id: string }) => r.id)).toEqual(items.slice(0, 2));
		expect(byId.body).toEqual(byName.body);
		const other = await list('?view=Kanban');
		expect(other.status).toBe(422);
		expect(other.body.error.type).toBe('VIEW_NAME_NOT_FOUND');
	});

	it('returns fields keyed by id with returnFieldsByFieldId', async () => {
		const nameId = meta.fields[0].id;
		const res = await list('?returnFieldsByFieldId=true&maxRecords=1&fields[]=Name');
		expect(res.body.records[0].fields).toEqual({ [nameId]: 'Item 000' });
		const one = await store.api('GET', `/v0/${store.baseId}/Items/${items[0]}?returnFieldsByFieldId=true`);
		expect(Object.keys(one.body.fields)).toEqual(expect.arrayContaining([nameId]));
	});

	it('refuses cellFormat=string with a clear 422 and accepts cellFormat=json', async () => {
		const res = await list('?cellFormat=string&timeZone=UTC&userLocale=en-us');
		expect(res.status).toBe(422);
		expect(res.body.error.message).toMatch(/cellFormat "string" is not supported/);
		expect((await list('?cellFormat=json&maxRecords=1')).status).toBe(200);
	});
});

describe('filterByFormula', () => {
	const filter = (formula: string, table = 'Items') => list(`?filterByFormula=${encodeURIComponent(formula)}`, table);

	it('filters with the formula subset, on field names', async () => {
		const res = await filter("AND({Count} = 9, FIND('Item 24', {Name}))");
		expect(names(res.body)).toEqual(['Item 249']);
		expect((await filter('{Done}')).body.records).toHaveLength(100);
		expect(names((await filter("IS_BEFORE({Due}, '2026-01-01')", 'Sorts')).body)).toEqual(['Apple']);
		expect(names((await filter('{Status} = BLANK()', 'Sorts')).body)).toEqual(['(blank)']);
	});

	it('combines a filter with sort, fields and paging', async () => {
		const first = await list(`?filterByFormula=${encodeURIComponent('{Count} < 5')}&sort[0][field]=Name&sort[0][direction]=desc&pageSize=100&fields[]=Count`);
		expect(first.body.records).toHaveLength(100);
		expect(first.body.records[0].fields).toEqual({ Count: 4 });
		const rest = await list(`?filterByFormula=${encodeURIComponent('{Count} < 5')}&pageSize=100&offset=${encodeURIComponent(first.body.offset)}`);
		expect(rest.body.records).toHaveLength(25);
		expect(rest.body.offset).toBeUndefined();
	});

	it('matches exactly the record holding hostile text when the formula is built with buildEqualsAll', async () => {
		const hostile = "x' , TRUE()) & OR(TRUE(), '\\' {Name} \"}";
		const [target] = await createMany(store, 'Sorts', [{ Name: hostile }]);
		const res = await filter(buildEqualsAll({ Name: hostile }), 'Sorts');
		expect(res.status).toBe(200);
		expect(res.body.records.map((r: { id: string }) => r.id)).toEqual([target]);
		const none = await filter(buildEqualsAll({ Name: "' OR '1'='1" }), 'Sorts');
		expect(none.body.records).toEqual([]);
		await store.api('DELETE', `/v0/${store.baseId}/Sorts/${target}`);
	});

	it('answers a bad formula or an unknown field with 422 INVALID_FILTER_BY_FORMULA', async () => {
		const syntax = await filter('{Count} >');
		expect(syntax.status).toBe(422);
		expect(syntax.body.error.type).toBe('INVALID_FILTER_BY_FORMULA');
		expect(syntax.body.error.message).toMatch(/^The formula for filtering records is invalid: .+position/);
		const unknown = await filter('{Nope} = 1');
		expect(unknown.body.error.type).toBe('INVALID_FILTER_BY_FORMULA');
		expect(unknown.body.error.message).toMatch(/Nope/);
		expect((await filter('NOSUCHFN(1)')).body.error.type).toBe('INVALID_FILTER_BY_FORMULA');
	});
});
