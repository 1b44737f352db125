import { BESTSTAG_SCHEMA } from '../../../airtable-schema';
import { applySchema, planSchema } from '../../../airtable-schema/apply';
import { MetadataClient } from '../../../airtable-schema/metadata-client';
import { describeChange } from '../../../airtable-schema/schema-diff';
import { startTestStore, TOKEN, type TestStore } from '../sandbox/airtable/helpers';

describe('schema plan and apply against the local store', () => {
	let store: TestStore;
	let client: MetadataClient;

	beforeAll(async () => {
		// As strict as Airtable (5 requests/s, 30 s of 429s after one): the client must pace itself.
		store = await startTestStore({ loadSchema: false, rateLimitPerSecond: undefined });
		client = new MetadataClient({ endpointUrl: store.url, token: TOKEN, baseId: store.baseId });
	});

	afterAll(async () => {
		await store.dispose();
	});

	it('plans every table for an empty base, applies them, and then plans nothing', async () => {
		const before = await planSchema(client, BESTSTAG_SCHEMA);
		expect(before.applicable.filter((c) => c.kind === 'createTable')).toHaveLength(BESTSTAG_SCHEMA.tables.length);
		expect(before.destructive).toEqual([]);

		const applied = await applySchema(client, BESTSTAG_SCHEMA, before, () => undefined);
		expect(applied).toBe(before.applicable.length);

		const tables = await client.listTables();
		expect(tables.map((t) => t.name)).toEqual(BESTSTAG_SCHEMA.tables.map((t) => t.name));
		const after = await planSchema(client, BESTSTAG_SCHEMA);
		expect(after.changes.map(describeChange)).toEqual([]);
		const health = (await (await fetch(`${store.url}/healthz`)).json()) as { requests: number; rateLimited: number };
		expect(health.rateLimited).toBe(0);
	});

	it('adds a missing field and reports drift it will not touch', async () => {
		const tasks = (await client.listTables()).find((t) => t.name === 'Tasks')!;
		await client.createField(tasks.id, { name: 'Legacy Notes', type: 'singleLineText' });
		const plan = await planSchema(client, BESTSTAG_SCHEMA);
		expect(plan.destructive.map(describeChange)).toEqual(['! Tasks.Legacy Notes: field is not in the schema (delete or rename it by hand if unwanted)']);
		expect(plan.applicable).toEqual([]);
	});

	it('explains a wrong token', async () => {
		const bad = new MetadataClient({ endpointUrl: store.url, token: 'nope', baseId: store.baseId });
		await expect(bad.listTables()).rejects.toThrow(/HTTP 401.*AUTHENTICATION_REQUIRED/);
	});
});
