import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startAirtableStore, type AirtableStoreOptions, type RunningAirtableStore } from '../../../../sandbox/airtable/server';

export const TOKEN = 'patTestStore.0123456789abcdef';

/** Response bodies are checked with expect() rather than typed, as a client would read untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface ApiResponse<T = Loose> {
	status: number;
	body: T;
}

export interface TestStore extends RunningAirtableStore {
	dataDir: string;
	/** A request as any Airtable client would send it: bearer token, JSON body. */
	api<T = Loose>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
	/** Closes the server and deletes its data dir. */
	dispose(): Promise<void>;
}

export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'airtable-store-'));
}

export async function startTestStore(options: Partial<AirtableStoreOptions> = {}): Promise<TestStore> {
	const dataDir = options.dataDir ?? tempDataDir();
	// Rate limiting is off unless a test is about it, so setup bursts never see a 429.
	const store = await startAirtableStore({ port: 0, token: TOKEN, rateLimitPerSecond: 0, ...options, dataDir });
	const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
		const response = await fetch(`${store.url}${path}`, {
			method,
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	};
	return {
		...store,
		dataDir,
		api,
		async dispose() {
			await store.close();
			if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

/** Creates records in batches of 10 (Airtable's limit) and returns their ids in order. */
export async function createMany(store: TestStore, table: string, rows: Array<Record<string, unknown>>): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < rows.length; i += 10) {
		const res = await store.api('POST', `/v0/${store.baseId}/${encodeURIComponent(table)}`, { records: rows.slice(i, i + 10).map((fields) => ({ fields })) });
		if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
		ids.push(...res.body.records.map((r: { id: string }) => r.id));
	}
	return ids;
}
