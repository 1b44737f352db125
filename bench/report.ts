import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BaselineRun } from './baseline';

export interface BenchEnvironment {
	measuredAt: string;
	node: string;
	n8n: string;
	cpus: number;
	cpuModel: string;
	durationSeconds: number;
}

export function baselineMarkdown(env: BenchEnvironment, runs: BaselineRun[]): string {
	const lines = [
		'# Baseline: Webhook → Respond through real n8n',
		'',
		`Measured ${env.measuredAt} on ${env.cpus} × ${env.cpuModel}, Node ${env.node}, n8n ${env.n8n}, SQLite, regular mode, ${env.durationSeconds} s per row.`,
		'',
		'| profile | concurrency | executions/s | p50 ms | p95 ms | p99 ms | non-2xx | errors |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const run of runs) {
		for (const l of run.loads) {
			lines.push(
				`| ${run.profile} | ${l.connections} | ${l.throughputPerSecond} | ${l.latencyMs.p50} | ${l.latencyMs.p95} | ${l.latencyMs.p99} | ${l.non2xx} | ${l.errors} |`,
			);
		}
	}
	lines.push('', '| profile | event log bytes/execution | database bytes/execution | n8n ready in |', '| --- | ---: | ---: | ---: |');
	for (const run of runs) {
		lines.push(`| ${run.profile} | ${run.bytesPerExecution.eventLog} | ${run.bytesPerExecution.database} | ${(run.startMs / 1000).toFixed(1)} s |`);
	}
	lines.push('', 'Profiles:', '');
	for (const run of runs) lines.push(`- **${run.profile}**: ${run.description}`);
	return lines.join('\n') + '\n';
}

export function writeBaselineReport(dir: string, env: BenchEnvironment, runs: BaselineRun[]): { json: string; markdown: string } {
	mkdirSync(dir, { recursive: true });
	const json = join(dir, 'baseline.json');
	const markdown = join(dir, 'baseline.md');
	writeFileSync(json, JSON.stringify({ environment: env, runs }, null, 2) + '\n');
	writeFileSync(markdown, baselineMarkdown(env, runs));
	return { json, markdown };
}

export function storeMarkdown(env: BenchEnvironment, store: import('./airtable-store').StoreBenchResult, crm: import('./airtable-crm').CrmBenchRow[]): string {
	const lines = [
		'# Airtable: local store throughput and the CRM node\'s request cost',
		'',
		`Measured ${env.measuredAt} on ${env.cpus} × ${env.cpuModel}, Node ${env.node}, n8n ${env.n8n}.`,
		'',
		`Local store, official airtable.js client, rate limit off, ${store.records} records:`,
		'',
		'| operation | records/s | requests |',
		'| --- | ---: | ---: |',
		`| batched create (10 per request) | ${store.batchedCreate.recordsPerSecond} | ${store.batchedCreate.requests} |`,
		`| list (100 per page) | ${store.list.recordsPerSecond} | ${store.list.pages} |`,
		`| list with filterByFormula (records scanned/s) | ${store.filteredList.recordsPerSecond} | ${store.filteredList.matched} matched |`,
		'',
		'Airtable CRM node in real n8n against the store at 5 requests/s: one webhook run upserts a user, creates N tasks, lists them:',
		'',
		'| tasks | Airtable requests | requests per record | run latency ms |',
		'| ---: | ---: | ---: | ---: |',
		...crm.map((r) => `| ${r.tasks} | ${r.airtableRequests} | ${r.requestsPerRecord} | ${r.latencyMs} |`),
	];
	return lines.join('\n') + '\n';
}
