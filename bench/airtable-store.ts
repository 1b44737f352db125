import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Airtable from 'airtable';

import { startAirtableStore } from '../sandbox/airtable/server';

export interface StoreBenchResult {
	records: number;
	batchedCreate: { recordsPerSecond: number; requests: number };
	list: { recordsPerSecond: number; pages: number };
	filteredList: { recordsPerSecond: number; matched: number };
}

const TOKEN = 'patBenchStore0000.0000000000000000000000000000000000000000000000000000000000000000';

/**
 * Local store throughput through the official client, rate limit off: how fast the sandbox can
 * serve batched creates (10 per request) and paginated lists (100 per page).
 */
export async function benchAirtableStore(records = 2000): Promise<StoreBenchResult> {
	const dataDir = mkdtempSync(join(tmpdir(), 'beststag-bench-store-'));
	const store = await startAirtableStore({ port: 0, dataDir, token: TOKEN, rateLimitPerSecond: 0 });
	try {
		const base = new Airtable({ apiKey: TOKEN, endpointUrl: store.url, noRetryIfRateLimited: true }).base(store.baseId);
		const rows = Array.from({ length: records }, (_, i) => ({ fields: { Title: `task ${i}`, Status: i % 3 === 0 ? 'done' : 'todo', Priority: 'normal' } }));
		let t = performance.now();
		let requests = 0;
		for (let i = 0; i < rows.length; i += 10) {
			await base('Tasks').create(rows.slice(i, i + 10) as never);
			requests++;
		}
		const createMs = performance.now() - t;

		t = performance.now();
		let pages = 0;
		let listed = 0;
		await base('Tasks')
			.select({ pageSize: 100 })
			.eachPage((page, next) => {
				pages++;
				listed += page.length;
				next();
			});
		const listMs = performance.now() - t;

		t = performance.now();
		const matched = (await base('Tasks').select({ filterByFormula: "AND({Status} = 'done', FIND('9', {Title}))" }).all()).length;
		const filterMs = performance.now() - t;

		return {
			records,
			batchedCreate: { recordsPerSecond: Math.round((records / createMs) * 1000), requests },
			list: { recordsPerSecond: Math.round((listed / listMs) * 1000), pages },
			filteredList: { recordsPerSecond: Math.round((records / filterMs) * 1000), matched },
		};
	} finally {
		await store.close();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
