import { startTestStore, TOKEN, type TestStore } from './helpers';

let store: TestStore;

beforeAll(async () => {
	store = await startTestStore({ baseName: 'BestStag' });
});
afterAll(() => store.dispose());

const AUTH_REQUIRED = { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } };

describe('authentication', () => {
	it('answers /healthz without a token, with the count of API requests served', async () => {
		const first = (await (await fetch(`${store.url}/healthz`)).json()) as { ok: boolean; requests: number };
		expect(first.ok).toBe(true);
		await store.api('GET', '/v0/meta/bases');
		const second = (await (await fetch(`${store.url}/healthz`)).json()) as { requests: number };
		expect(second.requests).toBe(first.requests + 1);
	});

	it('answers 401 to a missing, malformed or wrong token', async () => {
		for (const headers of [{}, { authorization: TOKEN }, { authorization: 'Bearer patWrong' }, { authorization: `Basic ${TOKEN}` }]) {
			const res = await fetch(`${store.url}/v0/meta/bases`, { headers });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(AUTH_REQUIRED);
		}
		const records = await fetch(`${store.url}/v0/${store.baseId}/Users`);
		expect(records.status).toBe(401);
	});

	it('accepts the configured personal access token', async () => {
		const res = await store.api('GET', '/v0/meta/whoami');
		expect(res.status).toBe(200);
		expect(res.body.id).toMatch(/^usr[A-Za-z0-9]{14}$/);
	});
});

describe('bases and routing', () => {
	it('lists the base with Airtable-shaped id and create permission', async () => {
		const res = await store.api('GET', '/v0/meta/bases');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ bases: [{ id: store.baseId, name: 'BestStag', permissionLevel: 'create' }] });
		expect(store.baseId).toMatch(/^app[A-Za-z0-9]{14}$/);
	});

	it('creates another base with POST /v0/meta/bases', async () => {
		const res = await store.api('POST', '/v0/meta/bases', {
			name: 'Scratch',
			workspaceId: 'wspAnything',
			tables: [{ name: 'Notes', fields: [{ name: 'Title', type: 'singleLineText' }] }],
		});
		expect(res.status).toBe(200);
		expect(res.body.id).toMatch(/^app[A-Za-z0-9]{14}$/);
		expect(res.body.tables.map((t: { name: string }) => t.name)).toEqual(['Notes']);
		const bases = await store.api('GET', '/v0/meta/bases');
		expect(bases.body.bases.map((b: { name: string }) => b.name)).toEqual(['BestStag', 'Scratch']);
		const created = await store.api('POST', `/v0/${res.body.id}/Notes`, { fields: { Title: 'hello' } });
		expect(created.body.fields).toEqual({ Title: 'hello' });
	});

	it('answers an unknown base with 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND, as Airtable does for a token', async () => {
		const res = await store.api('GET', '/v0/appAAAAAAAAAAAAAA/Users');
		expect(res.status).toBe(403);
		expect(res.body.error.type).toBe('INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND');
	});

	it('answers an unknown table with 404 TABLE_NOT_FOUND naming it', async () => {
		const res = await store.api('GET', `/v0/${store.baseId}/Nope`);
		expect(res.status).toBe(404);
		expect(res.body).toEqual({ error: { type: 'TABLE_NOT_FOUND', message: `Could not find table Nope in application ${store.baseId}` } });
	});

	it('answers an unknown record with 404 {"error":"NOT_FOUND"}', async () => {
		const res = await store.api('GET', `/v0/${store.baseId}/Users/recAAAAAAAAAAAAAA`);
		expect(res.status).toBe(404);
		expect(res.body).toEqual({ error: 'NOT_FOUND' });
	});

	it('answers an unknown route with 404 and says what exists', async () => {
		const res = await store.api('GET', '/v1/whatever');
		expect(res.status).toBe(404);
		expect(res.body.error.message).toMatch(/No endpoint for GET \/v1\/whatever/);
	});

	it('answers bad JSON with 422 INVALID_REQUEST_UNKNOWN', async () => {
		const res = await store.api('POST', `/v0/${store.baseId}/Users`, '{"records": [');
		expect(res.status).toBe(422);
		expect(res.body.error.type).toBe('INVALID_REQUEST_UNKNOWN');
		expect(res.body.error.message).toMatch(/not valid JSON/);
	});

	it('routes tables by URL-encoded name or id, with or without a trailing slash', async () => {
		const tables = await store.api('GET', `/v0/meta/bases/${store.baseId}/tables`);
		const users = tables.body.tables.find((t: { name: string }) => t.name === 'Users');
		const created = await store.api('POST', `/v0/${store.baseId}/${users.id}/`, { records: [{ fields: { Name: 'Ana' } }] });
		expect(created.status).toBe(200);
		const byName = await store.api('GET', `/v0/${store.baseId}/${encodeURIComponent('Users')}/${created.body.records[0].id}`);
		expect(byName.body.fields.Name).toBe('Ana');
		const spaced = await store.api('GET', `/v0/${store.baseId}/Sync%20Log`);
		expect(spaced.status).toBe(404);
	});
});
