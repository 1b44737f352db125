import Airtable from 'airtable';

import { buildEqualsAll } from '../../../../core/airtable/formula-escape';
import { startTestStore, TOKEN, type TestStore } from './helpers';

/**
 * The contract suite: the official airtable.js client, pointed at the local store with
 * endpointUrl, must not be able to tell it from api.airtable.com for what BestStag uses.
 */
describe('the official airtable client against the local store', () => {
	let store: TestStore;
	let base: Airtable.Base;

	beforeAll(async () => {
		store = await startTestStore();
		base = new Airtable({ apiKey: TOKEN, endpointUrl: store.url, noRetryIfRateLimited: true }).base(store.baseId);
	});

	afterAll(async () => {
		await store.dispose();
	});

	it('pages through 250 records with eachPage, 100 at a time, without duplicates', async () => {
		const rows = Array.from({ length: 250 }, (_, i) => ({ fields: { Title: `task ${String(i).padStart(3, '0')}`, Status: 'todo' as const } }));
		for (let i = 0; i < rows.length; i += 10) await base('Tasks').create(rows.slice(i, i + 10));
		const pageSizes: number[] = [];
		const titles: string[] = [];
		await base('Tasks')
			.select({ pageSize: 100, sort: [{ field: 'Title', direction: 'asc' }], fields: ['Title'] })
			.eachPage((records, next) => {
				pageSizes.push(records.length);
				titles.push(...records.map((r) => r.get('Title') as string));
				next();
			});
		expect(pageSizes).toEqual([100, 100, 50]);
		expect(new Set(titles).size).toBe(250);
		expect(titles[0]).toBe('task 000');
		expect(titles[249]).toBe('task 249');
	});

	it('rejects more than 10 records per create with INVALID_RECORDS', async () => {
		const eleven = Array.from({ length: 11 }, (_, i) => ({ fields: { Title: `x${i}` } }));
		await expect(base('Tasks').create(eleven)).rejects.toMatchObject({ error: 'INVALID_RECORDS', statusCode: 422 });
	});

	it('upserts: the first call creates, the second updates the same record', async () => {
		const body = (fields: Record<string, unknown>) => ({
			method: 'PATCH',
			path: '/Users',
			body: { performUpsert: { fieldsToMergeOn: ['Phone'] }, records: [{ fields }] },
		});
		const first = await base.makeRequest(body({ Phone: '+5511987654321', Name: 'Ana' }));
		const second = await base.makeRequest(body({ Phone: '+5511987654321', Name: 'Ana Souza' }));
		const created = first.body as { createdRecords: string[]; updatedRecords: string[]; records: Array<{ id: string }> };
		const updated = second.body as typeof created;
		expect(created.createdRecords).toHaveLength(1);
		expect(updated.updatedRecords).toEqual(created.createdRecords);
		const found = await base('Users').find(created.records[0].id);
		expect(found.get('Name')).toBe('Ana Souza');
	});

	it('filters with formulas, and hostile text stays a literal', async () => {
		const nasty = `O'Brien"} , TRUE(), {Status`;
		await base('Tasks').create([{ fields: { Title: nasty, Status: 'doing' } }]);
		const records = await base('Tasks').select({ filterByFormula: buildEqualsAll({ Title: nasty }) }).all();
		expect(records.map((r) => r.get('Title'))).toEqual([nasty]);
		const doing = await base('Tasks').select({ filterByFormula: "{Status} = 'doing'" }).all();
		expect(doing).toHaveLength(1);
	});

	it('reads links in formulas as the linked records\' primary values, like Airtable', async () => {
		await base('Tasks').create([{ fields: { Title: 'linked task', User: ['+5521999990000'] } }], { typecast: true });
		const mine = await base('Tasks').select({ filterByFormula: "ARRAYJOIN({User}) = '+5521999990000'" }).all();
		expect(mine.map((r) => r.get('Title'))).toEqual(['linked task']);
	});

	// Differences found against real Airtable (issue 10 §5), each kept as a contract case.
	describe('strict like Airtable', () => {
		beforeAll(async () => {
			await base('Tasks').create(
				[
					{ fields: { Title: 'strict late', Status: 'doing', Due: '2024-03-15T02:30:00.000Z', Notes: 'ref AB-1234' } },
					{ fields: { Title: 'strict early', Status: 'done', Due: '2024-03-15T13:00:00.000Z', Notes: 'no ref' } },
				],
				{ typecast: true },
			);
		});

		const titles = async (filterByFormula: string) =>
			(await base('Tasks').select({ filterByFormula: `AND(LEFT(Title, 7) = 'strict ', ${filterByFormula})` }).all()).map((r) => r.get('Title')).sort();

		it('accepts bare single-word field names, as Airtable does', async () => {
			expect(await titles("Status = 'done'")).toEqual(['strict early']);
			await expect(base('Tasks').select({ filterByFormula: "Stauts = 'done'" }).all()).rejects.toMatchObject({
				error: 'INVALID_FILTER_BY_FORMULA',
				statusCode: 422,
			});
		});

		it('reads dates in the zone SET_TIMEZONE gives them', async () => {
			// 02:30 UTC on the 15th is still the 14th in São Paulo.
			expect(await titles("DATETIME_FORMAT(SET_TIMEZONE(Due, 'America/Sao_Paulo'), 'YYYY-MM-DD') = '2024-03-14'")).toEqual(['strict late']);
			expect(await titles("IS_BEFORE(Due, DATETIME_PARSE('15/03/2024 12:00', 'DD/MM/YYYY HH:mm'))")).toEqual(['strict late']);
		});

		it('runs the regex, numeric and text functions a find-by-fields user writes', async () => {
			expect(await titles(String.raw`REGEX_MATCH(Notes, '[A-Z]{2}-\\d{4}')`)).toEqual(['strict late']);
			expect(await titles("AND(SEARCH('early', Title), ROUND(LEN(Title) / 2, 0) = 6, WEEKDAY(Due) = 5)")).toEqual(['strict early']);
		});

		it('refuses what it cannot run like Airtable with 422 INVALID_FILTER_BY_FORMULA, saying why', async () => {
			const refused = await base('Tasks').select({ filterByFormula: 'TONOW(Due) > 1' }).all().catch((e: unknown) => e);
			expect(refused).toMatchObject({ error: 'INVALID_FILTER_BY_FORMULA', statusCode: 422 });
			expect((refused as Error).message).toMatch(/TONOW is not supported by the local store.*DATETIME_DIFF/);
		});

		it('refuses a text cell over 100,000 characters', async () => {
			await expect(base('Tasks').create([{ fields: { Title: 'x'.repeat(100_001) } }])).rejects.toMatchObject({
				error: 'INVALID_VALUE_FOR_COLUMN',
				statusCode: 422,
			});
			const [saved] = await base('Tasks').create([{ fields: { Title: 'strict max', Notes: 'y'.repeat(100_000) } }]);
			expect((saved.get('Notes') as string).length).toBe(100_000);
			await base('Tasks').destroy([saved.id]);
		});
	});

	it('reports typed errors the client surfaces as AirtableError', async () => {
		await expect(base('Tasks').create([{ fields: { Nope: 1 } }])).rejects.toMatchObject({ error: 'UNKNOWN_FIELD_NAME', statusCode: 422 });
		await expect(base('Tasks').create([{ fields: { Priority: 'urgentíssimo' } }])).rejects.toMatchObject({ error: 'INVALID_MULTIPLE_CHOICE_OPTIONS' });
		await expect(base('Tasks').create([{ fields: { Due: 'amanhã' } }])).rejects.toMatchObject({ error: 'INVALID_VALUE_FOR_COLUMN' });
		await expect(base('Tasks').select({ filterByFormula: 'FOO(1)' }).all()).rejects.toMatchObject({ error: 'INVALID_FILTER_BY_FORMULA' });
		await expect(base('Tasks').find('recAAAAAAAAAAAAAA')).rejects.toMatchObject({ statusCode: 404 });
		const wrongToken = new Airtable({ apiKey: 'wrong', endpointUrl: store.url, noRetryIfRateLimited: true }).base(store.baseId);
		await expect(wrongToken('Tasks').select().firstPage()).rejects.toMatchObject({ error: 'AUTHENTICATION_REQUIRED', statusCode: 401 });
	});

	it('answers 429 under a burst with the default 5 requests per second', async () => {
		const limited = await startTestStore({ rateLimitPerSecond: 5 });
		try {
			const client = new Airtable({ apiKey: TOKEN, endpointUrl: limited.url, noRetryIfRateLimited: true }).base(limited.baseId);
			const results = await Promise.allSettled(Array.from({ length: 20 }, () => client('Users').select({ maxRecords: 1 }).firstPage()));
			const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
			expect(rejected).toHaveLength(15);
			expect(rejected[0].reason).toMatchObject({ error: 'TOO_MANY_REQUESTS', statusCode: 429 });
		} finally {
			await limited.dispose();
		}
	});

	it('keeps answering 429 after a 429 until the penalty has passed with no request (30 s by default, shortened here)', async () => {
		const limited = await startTestStore({ rateLimitPerSecond: 5, rateLimitPenaltyMs: 1_200 });
		try {
			const client = new Airtable({ apiKey: TOKEN, endpointUrl: limited.url, noRetryIfRateLimited: true }).base(limited.baseId);
			await Promise.allSettled(Array.from({ length: 6 }, () => client('Users').select({ maxRecords: 1 }).firstPage()));
			await new Promise((resolve) => setTimeout(resolve, 1_050));
			// The window has room again; Airtable would still refuse, and so does the store.
			await expect(client('Users').select({ maxRecords: 1 }).firstPage()).rejects.toMatchObject({ error: 'TOO_MANY_REQUESTS', statusCode: 429 });
			await new Promise((resolve) => setTimeout(resolve, 1_300));
			await expect(client('Users').select({ maxRecords: 1 }).firstPage()).resolves.toBeDefined();
		} finally {
			await limited.dispose();
		}
	});
});
