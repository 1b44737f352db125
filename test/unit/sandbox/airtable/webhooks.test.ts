import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Airtable from 'airtable';

import { verifyContentMac } from '../../../../core/airtable/webhooks/mac';
import { startTestStore, tempDataDir, TOKEN, type Loose, type TestStore } from './helpers';

/**
 * The Webhooks API of the local store, through HTTP as any client sees it, against
 * https://airtable.com/developers/web/api/webhooks-overview and the endpoint pages it links.
 */

const DAY = 24 * 60 * 60 * 1000;
const CLIENT = { 'x-sandbox-change-source': 'client' };

interface Received {
	raw: string;
	mac: string | undefined;
	contentType: string | undefined;
}

/** A notification receiver that records each ping's raw bytes and answers `status`. */
async function startReceiver(status = 204): Promise<{ url: string; pings: Received[]; server: Server; waitFor(n: number): Promise<void> }> {
	const pings: Received[] = [];
	const server = createServer((req: IncomingMessage, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			pings.push({ raw: Buffer.concat(chunks).toString('utf8'), mac: req.headers['x-airtable-content-mac'] as string | undefined, contentType: req.headers['content-type'] });
			res.writeHead(status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/airtable-ping`;
	const waitFor = async (n: number) => {
		const deadline = Date.now() + 5000;
		while (pings.length < n) {
			if (Date.now() > deadline) throw new Error(`expected ${n} pings, got ${pings.length}`);
			await new Promise((r) => setTimeout(r, 10));
		}
	};
	return { url, pings, server, waitFor };
}

describe('the local store: Webhooks API', () => {
	let store: TestStore;
	let clock = Date.parse('2026-03-02T12:00:00.000Z');
	let tables: Record<string, Loose>;
	const tasksPath = () => `/v0/${store.baseId}/Tasks`;
	const hooksPath = () => `/v0/bases/${store.baseId}/webhooks`;
	const field = (table: string, name: string): string => tables[table].fields.find((f: Loose) => f.name === name).id;
	const tableSpec = (extra: Record<string, unknown> = {}) => ({ options: { filters: { dataTypes: ['tableData'], recordChangeScope: tables.Tasks.id, ...extra } } });

	beforeAll(async () => {
		store = await startTestStore({ now: () => new Date(clock) });
		const meta = await store.api('GET', `/v0/meta/bases/${store.baseId}/tables`);
		tables = Object.fromEntries(meta.body.tables.map((t: Loose) => [t.name, t]));
	});

	afterAll(async () => {
		await store.dispose();
	});

	afterEach(async () => {
		const list = await store.api('GET', hooksPath());
		for (const hook of list.body.webhooks) await store.api('DELETE', `${hooksPath()}/${hook.id}`);
	});

	it('creates a webhook: id, a 32-byte macSecretBase64 shown only once, and expiry 7 days out', async () => {
		const created = await store.api('POST', hooksPath(), { notificationUrl: 'https://example.com/ping', specification: tableSpec() });
		expect(created.status).toBe(200);
		expect(created.body.id).toMatch(/^ach[A-Za-z0-9]{14}$/);
		expect(Buffer.from(created.body.macSecretBase64, 'base64')).toHaveLength(32);
		expect(created.body.expirationTime).toBe(new Date(clock + 7 * DAY).toISOString());

		const list = await store.api('GET', hooksPath());
		expect(list.body.webhooks).toEqual([
			{
				id: created.body.id,
				areNotificationsEnabled: true,
				cursorForNextPayload: 1,
				isHookEnabled: true,
				lastNotificationResult: null,
				lastSuccessfulNotificationTime: null,
				notificationUrl: 'https://example.com/ping',
				expirationTime: created.body.expirationTime,
				specification: tableSpec(),
			},
		]);
		expect(JSON.stringify(list.body)).not.toContain(created.body.macSecretBase64);
	});

	it('reports an API write as "publicApi" by the token\'s user, in V2 cell format, and pages with cursor and mightHaveMore', async () => {
		const hook = (await store.api('POST', hooksPath(), { specification: tableSpec() })).body;
		const whoami = (await store.api('GET', '/v0/meta/whoami')).body;
		const created = await store.api('POST', tasksPath(), { records: [{ fields: { Title: 'Pagar boleto', Status: 'todo' } }] });
		const recordId = created.body.records[0].id;
		await store.api('PATCH', tasksPath(), { records: [{ id: recordId, fields: { Status: 'doing' } }] });
		await store.api('DELETE', `${tasksPath()}/${recordId}`);

		const first = await store.api('GET', `${hooksPath()}/${hook.id}/payloads?limit=2`);
		expect(first.status).toBe(200);
		expect(first.body.cursor).toBe(3);
		expect(first.body.mightHaveMore).toBe(true);
		const [create, update] = first.body.payloads;
		expect(create.payloadFormat).toBe('v0');
		expect(create.actionMetadata).toEqual({ source: 'publicApi', sourceMetadata: { user: expect.objectContaining({ id: whoami.id }) } });
		expect(update.baseTransactionNumber).toBeGreaterThan(create.baseTransactionNumber);
		const statusChoice = tables.Tasks.fields.find((f: Loose) => f.name === 'Status').options.choices.find((c: Loose) => c.name === 'doing');
		expect(create.changedTablesById[tables.Tasks.id].createdRecordsById[recordId]).toEqual({
			createdTime: created.body.records[0].createdTime,
			cellValuesByFieldId: { [field('Tasks', 'Title')]: 'Pagar boleto', [field('Tasks', 'Status')]: expect.objectContaining({ name: 'todo', id: expect.stringMatching(/^sel/) }) },
		});
		// Only the changed cell, as {id, name, color}; no previous values unless the specification asks.
		expect(update.changedTablesById[tables.Tasks.id].changedRecordsById[recordId]).toEqual({
			current: { cellValuesByFieldId: { [field('Tasks', 'Status')]: { id: statusChoice.id, name: 'doing', color: statusChoice.color } } },
		});

		const second = await store.api('GET', `${hooksPath()}/${hook.id}/payloads?cursor=${first.body.cursor}`);
		expect(second.body).toEqual({ payloads: [expect.objectContaining({ changedTablesById: { [tables.Tasks.id]: { destroyedRecordIds: [recordId] } } })], cursor: 4, mightHaveMore: false });
		const empty = await store.api('GET', `${hooksPath()}/${hook.id}/payloads?cursor=4`);
		expect(empty.body).toEqual({ payloads: [], cursor: 4, mightHaveMore: false });
	});

	it('marks a manager edit (sandbox header) as "client", with previous and unchanged values when included', async () => {
		const hook = (await store.api('POST', hooksPath(), {
			specification: { options: { filters: { dataTypes: ['tableData'], recordChangeScope: tables.Users.id }, includes: { includePreviousCellValues: true, includeCellValuesInFieldIds: [field('Users', 'Phone')] } } },
		})).body;
		const user = (await store.api('POST', `/v0/${store.baseId}/Users`, { fields: { Phone: '+5511987654321', Timezone: 'America/Sao_Paulo' } })).body;
		const edit = await store.api('PATCH', `/v0/${store.baseId}/Users/${user.id}`, { fields: { Timezone: 'America/Manaus' } }, CLIENT);
		expect(edit.status).toBe(200);

		const page = (await store.api('GET', `${hooksPath()}/${hook.id}/payloads`)).body;
		const payload = page.payloads[1];
		expect(payload.actionMetadata.source).toBe('client');
		expect(payload.actionMetadata.sourceMetadata.user.id).toMatch(/^usr/);
		expect(payload.changedTablesById[tables.Users.id].changedRecordsById[user.id]).toEqual({
			current: { cellValuesByFieldId: { [field('Users', 'Timezone')]: 'America/Manaus' } },
			previous: { cellValuesByFieldId: { [field('Users', 'Timezone')]: 'America/Sao_Paulo' } },
			unchanged: { cellValuesByFieldId: { [field('Users', 'Phone')]: '+5511987654321' } },
		});
		const bad = await store.api('PATCH', `/v0/${store.baseId}/Users/${user.id}`, { fields: { Timezone: 'UTC' } }, { 'x-sandbox-change-source': 'hacker' });
		expect(bad.status).toBe(422);
	});

	it('honours recordChangeScope, fromSources, changeTypes and watchDataInFieldIds, and a rolled-back batch makes no payload', async () => {
		const onlyClientUpdates = (await store.api('POST', hooksPath(), {
			specification: tableSpec({ fromSources: ['client'], changeTypes: ['update'], watchDataInFieldIds: [field('Tasks', 'Status')] }),
		})).body;
		const task = (await store.api('POST', tasksPath(), { fields: { Title: 'a', Status: 'todo' } })).body;
		await store.api('POST', `/v0/${store.baseId}/Users`, { fields: { Phone: '+5511900000001' } });
		await store.api('PATCH', `${tasksPath()}/${task.id}`, { fields: { Notes: 'not watched' } }, CLIENT);
		await store.api('PATCH', `${tasksPath()}/${task.id}`, { fields: { Status: 'done' } });
		const failed = await store.api('POST', tasksPath(), { records: [{ fields: { Title: 'ok' } }, { fields: { Status: 'nope' } }] }, CLIENT);
		expect(failed.status).toBe(422);
		expect((await store.api('GET', `${hooksPath()}/${onlyClientUpdates.id}/payloads`)).body.payloads).toEqual([]);

		await store.api('PATCH', `${tasksPath()}/${task.id}`, { fields: { Status: 'doing' } }, CLIENT);
		const page = (await store.api('GET', `${hooksPath()}/${onlyClientUpdates.id}/payloads`)).body;
		expect(page.payloads).toHaveLength(1);
		expect(Object.keys(page.payloads[0].changedTablesById)).toEqual([tables.Tasks.id]);
	});

	it('pings the notification URL with {base, webhook, timestamp}, signed with X-Airtable-Content-MAC over the raw body', async () => {
		const receiver = await startReceiver(204);
		try {
			const hook = (await store.api('POST', hooksPath(), { notificationUrl: receiver.url, specification: tableSpec() })).body;
			await store.api('POST', tasksPath(), { fields: { Title: 'ping me' } });
			await receiver.waitFor(1);
			const ping = receiver.pings[0];
			expect(JSON.parse(ping.raw)).toEqual({ base: { id: store.baseId }, webhook: { id: hook.id }, timestamp: new Date(clock).toISOString() });
			expect(ping.contentType).toMatch(/^application\/json/);
			expect(ping.mac).toMatch(/^hmac-sha256=[0-9a-f]{64}$/);
			expect(verifyContentMac(hook.macSecretBase64, ping.raw, ping.mac)).toBe(true);
			expect(verifyContentMac(hook.macSecretBase64, ping.raw.replace(hook.id, 'achAAAAAAAAAAAAAA'), ping.mac)).toBe(false);
			expect(verifyContentMac(Buffer.alloc(32, 7).toString('base64'), ping.raw, ping.mac)).toBe(false);

			await new Promise((r) => setTimeout(r, 50));
			const listed = (await store.api('GET', hooksPath())).body.webhooks[0];
			expect(listed.lastNotificationResult).toEqual(expect.objectContaining({ success: true, retryNumber: 0 }));
			expect(listed.lastSuccessfulNotificationTime).toBe(new Date(clock).toISOString());

			// Disabled notifications: payloads still accumulate, no ping goes out.
			expect((await store.api('POST', `${hooksPath()}/${hook.id}/enableNotifications`, { enable: false })).status).toBe(200);
			await store.api('POST', tasksPath(), { fields: { Title: 'quiet' } });
			await new Promise((r) => setTimeout(r, 100));
			expect(receiver.pings).toHaveLength(1);
			expect((await store.api('GET', `${hooksPath()}/${hook.id}/payloads`)).body.payloads).toHaveLength(2);
		} finally {
			receiver.server.close();
		}
	});

	it('records a failed ping (anything but 200/204) in lastNotificationResult', async () => {
		const receiver = await startReceiver(500);
		try {
			await store.api('POST', hooksPath(), { notificationUrl: receiver.url, specification: tableSpec() });
			await store.api('POST', tasksPath(), { fields: { Title: 'x' } });
			await receiver.waitFor(1);
			await new Promise((r) => setTimeout(r, 50));
			const listed = (await store.api('GET', hooksPath())).body.webhooks[0];
			expect(listed.lastNotificationResult).toEqual(expect.objectContaining({ success: false, error: { message: expect.stringContaining('500') } }));
			expect(listed.lastSuccessfulNotificationTime).toBeNull();
		} finally {
			receiver.server.close();
		}
	});

	it('retries a failed ping and records the retry that got through', async () => {
		let calls = 0;
		const server = createServer((req, res) => {
			req.resume();
			req.on('end', () => res.writeHead(++calls === 1 ? 503 : 200).end());
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`;
			await store.api('POST', hooksPath(), { notificationUrl: url, specification: tableSpec() });
			await store.api('POST', tasksPath(), { fields: { Title: 'retry me' } });
			const deadline = Date.now() + 5000;
			while (calls < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			await new Promise((r) => setTimeout(r, 50));
			expect(calls).toBe(2);
			expect((await store.api('GET', hooksPath())).body.webhooks[0].lastNotificationResult).toEqual(expect.objectContaining({ success: true, retryNumber: 1 }));
		} finally {
			server.close();
		}
	});

	it('keeps webhooks, secrets and cursors across a restart of the store', async () => {
		const dataDir = tempDataDir();
		const first = await startTestStore({ dataDir, now: () => new Date(clock) });
		const hook = (await first.api('POST', `/v0/bases/${first.baseId}/webhooks`, { specification: { options: { filters: { dataTypes: ['tableData'] } } } })).body;
		await first.api('POST', `/v0/${first.baseId}/Tasks`, { fields: { Title: 'before restart' } });
		await first.dispose();
		const second = await startTestStore({ dataDir, now: () => new Date(clock) });
		try {
			await second.api('POST', `/v0/${second.baseId}/Tasks`, { fields: { Title: 'after restart' } });
			const page = (await second.api('GET', `/v0/bases/${second.baseId}/webhooks/${hook.id}/payloads`)).body;
			expect(page.cursor).toBe(3);
			expect(page.payloads.map((p: Loose) => p.baseTransactionNumber)).toEqual([expect.any(Number), expect.any(Number)]);
			expect(page.payloads[1].baseTransactionNumber).toBeGreaterThan(page.payloads[0].baseTransactionNumber);
		} finally {
			await second.dispose();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('expires after 7 days unless refreshed or read; keeps payloads 7 days; the cursor never resets', async () => {
		const start = clock;
		try {
			const hook = (await store.api('POST', hooksPath(), { specification: tableSpec() })).body;
			await store.api('POST', tasksPath(), { fields: { Title: 'old' } });
			clock += 6 * DAY;
			expect((await store.api('POST', `${hooksPath()}/${hook.id}/refresh`)).body).toEqual({ expirationTime: new Date(clock + 7 * DAY).toISOString() });
			clock += 2 * DAY; // the first payload is now 8 days old
			await store.api('POST', tasksPath(), { fields: { Title: 'new' } });
			const page = (await store.api('GET', `${hooksPath()}/${hook.id}/payloads?cursor=1`)).body;
			expect(page.payloads).toHaveLength(1);
			expect(page.cursor).toBe(3);
			expect(Object.values(page.payloads[0].changedTablesById[tables.Tasks.id].createdRecordsById)[0]).toEqual(expect.objectContaining({ cellValuesByFieldId: { [field('Tasks', 'Title')]: 'new' } }));
			// Listing payloads extended the life too: 7 days from the list call.
			const listed = (await store.api('GET', hooksPath())).body.webhooks[0];
			expect(listed.expirationTime).toBe(new Date(clock + 7 * DAY).toISOString());

			clock += 7 * DAY + 1;
			const expired = (await store.api('GET', hooksPath())).body.webhooks[0];
			expect(expired.isHookEnabled).toBe(false);
			await store.api('POST', tasksPath(), { fields: { Title: 'unseen' } });
			expect((await store.api('GET', `${hooksPath()}/${hook.id}/payloads?cursor=3`)).body.payloads).toEqual([]);
			const refresh = await store.api('POST', `${hooksPath()}/${hook.id}/refresh`);
			expect(refresh.status).toBe(422);
			expect(refresh.body.error.type).toBe('CANNOT_REFRESH_DISABLED_WEBHOOK');

			clock += 7 * DAY;
			expect((await store.api('GET', hooksPath())).body.webhooks).toEqual([]);
		} finally {
			clock = start;
		}
	});

	it('refuses an 11th webhook, a bad specification, an unknown webhook, and a missing token, in Airtable\'s shapes', async () => {
		for (let i = 0; i < 10; i++) expect((await store.api('POST', hooksPath(), { specification: tableSpec() })).status).toBe(200);
		const eleventh = await store.api('POST', hooksPath(), { specification: tableSpec() });
		expect(eleventh.status).toBe(422);
		expect(eleventh.body.error.type).toBe('TOO_MANY_WEBHOOKS');

		const badType = await store.api('POST', hooksPath(), { specification: { options: { filters: { dataTypes: ['records'] } } } });
		expect(badType.status).toBe(422);
		expect(badType.body.error.type).toBe('INVALID_REQUEST_UNKNOWN');
		const byName = await store.api('POST', hooksPath(), { specification: { options: { filters: { dataTypes: ['tableData'], recordChangeScope: 'Tasks' } } } });
		expect(byName.status).toBe(422);
		const missing = await store.api('DELETE', `${hooksPath()}/achAAAAAAAAAAAAAA`);
		expect(missing.status).toBe(404);
		expect(missing.body.error.type).toBe('NOT_FOUND');
		const otherBase = await store.api('GET', '/v0/bases/appAAAAAAAAAAAAAA/webhooks');
		expect(otherBase.status).toBe(403);
		const anonymous = await fetch(`${store.url}${hooksPath()}`);
		expect(anonymous.status).toBe(401);
	});

	it('sees writes made with the official airtable client as publicApi changes', async () => {
		const hook = (await store.api('POST', hooksPath(), { specification: tableSpec() })).body;
		const base = new Airtable({ apiKey: TOKEN, endpointUrl: store.url, noRetryIfRateLimited: true }).base(store.baseId);
		const [record] = await base('Tasks').create([{ fields: { Title: 'via airtable.js' } }]);
		await base('Tasks').update([{ id: record.id, fields: { Status: 'done' } }]);
		const page = (await store.api('GET', `${hooksPath()}/${hook.id}/payloads`)).body;
		expect(page.payloads.map((p: Loose) => p.actionMetadata.source)).toEqual(['publicApi', 'publicApi']);
		expect(page.payloads[1].changedTablesById[tables.Tasks.id].changedRecordsById[record.id].current.cellValuesByFieldId[field('Tasks', 'Status')].name).toBe('done');
	});
});

describe('the local store: LAST_MODIFIED_TIME()', () => {
	let store: TestStore;
	let clock = Date.parse('2026-03-02T12:00:00.000Z');

	beforeAll(async () => {
		store = await startTestStore({ now: () => new Date(clock) });
	});

	afterAll(async () => {
		await store.dispose();
	});

	it('is the time of the last change to the record (its creation until then), for filterByFormula through airtable.js', async () => {
		const base = new Airtable({ apiKey: TOKEN, endpointUrl: store.url, noRetryIfRateLimited: true }).base(store.baseId);
		const [a, b] = await base('Tasks').create([{ fields: { Title: 'a' } }, { fields: { Title: 'b' } }]);
		clock += 60_000;
		await base('Tasks').update([{ id: b.id, fields: { Status: 'done' } }]);
		const since = (ms: number) => `IS_AFTER(LAST_MODIFIED_TIME(), '${new Date(ms).toISOString()}')`;
		const changed = await base('Tasks').select({ filterByFormula: since(clock - 1) }).all();
		expect(changed.map((r) => r.id)).toEqual([b.id]);
		const all = await base('Tasks').select({ filterByFormula: since(clock - 120_000) }).all();
		expect(all.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
	});
});
