import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startAirtableStore } from '../sandbox/airtable/server';
import { startN8n } from '../sandbox/n8n/harness';
import { airtableService } from '../sandbox/services';

export interface CrmBenchRow {
	tasks: number;
	airtableRequests: number;
	/** Airtable requests per item written (user upsert + tasks) and read back. */
	requestsPerRecord: number;
	latencyMs: number;
}

const TOKEN = 'patBenchCrm000000.0000000000000000000000000000000000000000000000000000000000000000';
const BASE_ID = 'appBenchCrmBase01';

/**
 * The Airtable CRM node in real n8n, against the local store at Airtable's 5 requests/s: one
 * webhook run upserts a user, creates N tasks and lists them. Counts the Airtable requests it cost.
 */
export async function benchAirtableCrm(projectRoot: string, portBase: number, sizes = [1, 10, 25, 100]): Promise<CrmBenchRow[]> {
	const dir = mkdtempSync(join(tmpdir(), 'beststag-bench-crm-'));
	const store = await startAirtableStore({ port: portBase + 2, dataDir: join(dir, 'store'), token: TOKEN, baseId: BASE_ID });
	const n8n = await startN8n({
		projectRoot,
		userFolder: join(dir, 'n8n'),
		port: portBase,
		taskBrokerPort: portBase + 1,
		workflowDirs: [join(projectRoot, 'test', 'e2e', 'workflows')],
		credentials: airtableService.credentials!({ airtable: portBase + 2 } as never, { airtable: { token: TOKEN, baseId: BASE_ID } } as never),
		tuning: { N8N_LOG_LEVEL: 'warn' },
	});
	const requests = async () => ((await (await fetch(`${store.url}/healthz`)).json()) as { requests: number }).requests;
	try {
		const rows: CrmBenchRow[] = [];
		for (const [index, size] of sizes.entries()) {
			// A new user per run, so the list returns exactly this run's tasks.
			const phone = `+55119${String(70000000 + index).padStart(8, '0')}`;
			const titles = Array.from({ length: size }, (_, i) => `bench task ${i}`);
			const before = await requests();
			const t = performance.now();
			const response = await fetch(`${n8n.webhookBaseUrl}test/crm`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ phone, name: 'Bench', titles }),
			});
			const listed = (await response.json()) as unknown[];
			const latencyMs = Math.round(performance.now() - t);
			if (response.status !== 200 || listed.length !== size) throw new Error(`CRM flow failed for ${size} tasks (HTTP ${response.status}, ${listed.length} listed).`);
			const airtableRequests = (await requests()) - before;
			rows.push({ tasks: size, airtableRequests, requestsPerRecord: Math.round((airtableRequests / (size + 1)) * 100) / 100, latencyMs });
		}
		return rows;
	} finally {
		await n8n.stop();
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
