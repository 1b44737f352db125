import { rmSync } from 'node:fs';

import { startTestStore, tempDataDir } from './helpers';

describe('persistence', () => {
	it('keeps the base, its schema and its records across a restart on the same data dir', async () => {
		const dataDir = tempDataDir();
		try {
			const first = await startTestStore({ dataDir });
			const created = await first.api('POST', `/v0/${first.baseId}/Users`, { fields: { Phone: '+5511900000001', Name: 'Bia' } });
			const task = await first.api('POST', `/v0/${first.baseId}/Tasks`, { fields: { Title: 'persist me', User: [created.body.id] } });
			const schema = (await first.api('GET', `/v0/meta/bases/${first.baseId}/tables`)).body;
			await first.close();
			await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();

			const second = await startTestStore({ dataDir });
			expect(second.baseId).toBe(first.baseId);
			const again = await second.api('GET', `/v0/${second.baseId}/Users/${created.body.id}`);
			expect(again.body).toEqual({ ...created.body, fields: { ...created.body.fields, Tasks: [task.body.id] } });
			// Loading the schema again on start adds nothing: the tables and fields are already there.
			expect((await second.api('GET', `/v0/meta/bases/${second.baseId}/tables`)).body).toEqual(schema);
			await second.close();
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('serves the configured base id, creating it when missing', async () => {
		const store = await startTestStore({ baseId: 'appBestStagLocal1', loadSchema: false, baseName: 'Empty' });
		try {
			expect(store.baseId).toBe('appBestStagLocal1');
			expect((await store.api('GET', '/v0/meta/bases')).body.bases).toEqual([{ id: 'appBestStagLocal1', name: 'Empty', permissionLevel: 'create' }]);
		} finally {
			await store.dispose();
		}
	});

	it('refuses a malformed base id or a missing token at start-up', async () => {
		await expect(startTestStore({ baseId: 'base1' })).rejects.toThrow(/not an Airtable base id/);
		await expect(startTestStore({ token: '' })).rejects.toThrow(/needs a token/);
	});
});
