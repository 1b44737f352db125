import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startN8n } from '../sandbox/n8n/harness';
import { runLoad, type LoadResult } from './load';
import { TUNING_PROFILES, type TuningProfile } from './profiles';

export interface BaselineRun {
	profile: string;
	description: string;
	startMs: number;
	loads: LoadResult[];
	/** What each execution leaves on disk: n8n's event log and its SQLite database (with WAL). */
	bytesPerExecution: { eventLog: number; database: number };
}

function bytesUnder(dir: string, match: RegExp): number {
	if (!existsSync(dir)) return 0;
	return readdirSync(dir)
		.filter((f) => match.test(f))
		.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

export interface BaselineOptions {
	projectRoot: string;
	portBase: number;
	durationSeconds: number;
	connections: number[];
	profiles: string[];
	log: (line: string) => void;
}

/** Webhook → Respond through real n8n, per tuning profile, at each concurrency. */
export async function runBaseline(options: BaselineOptions): Promise<BaselineRun[]> {
	const profiles: TuningProfile[] = options.profiles.map((name) => {
		const profile = TUNING_PROFILES.find((p) => p.name === name);
		if (!profile) throw new Error(`Unknown tuning profile "${name}"; known: ${TUNING_PROFILES.map((p) => p.name).join(', ')}.`);
		return profile;
	});
	const runs: BaselineRun[] = [];
	for (const profile of profiles) {
		const userFolder = mkdtempSync(join(tmpdir(), `beststag-bench-${profile.name}-`));
		options.log(`[bench] ${profile.name}: starting n8n...`);
		const n8n = await startN8n({
			projectRoot: options.projectRoot,
			userFolder,
			port: options.portBase,
			taskBrokerPort: options.portBase + 1,
			workflowDirs: [join(options.projectRoot, 'bench', 'workflows')],
			tuning: { N8N_LOG_LEVEL: 'warn', ...profile.env },
		});
		try {
			const url = `${n8n.webhookBaseUrl}bench/echo`;
			const body = JSON.stringify({ n: 1 });
			await runLoad({ url, method: 'POST', body, connections: 2, durationSeconds: 2 }); // warm-up
			const n8nDir = join(userFolder, '.n8n');
			const before = { eventLog: bytesUnder(n8nDir, /^n8nEventLog/), database: bytesUnder(n8nDir, /^database\.sqlite/) };
			const loads: LoadResult[] = [];
			for (const connections of options.connections) {
				const load = await runLoad({ url, method: 'POST', body, connections, durationSeconds: options.durationSeconds });
				options.log(
					`[bench] ${profile.name} c=${connections}: ${load.throughputPerSecond}/s, p50 ${load.latencyMs.p50} ms, p95 ${load.latencyMs.p95} ms, p99 ${load.latencyMs.p99} ms (${load.non2xx} non-2xx, ${load.errors} errors)`,
				);
				loads.push(load);
			}
			const executions = Math.max(1, loads.reduce((sum, l) => sum + l.requests, 0));
			const after = { eventLog: bytesUnder(n8nDir, /^n8nEventLog/), database: bytesUnder(n8nDir, /^database\.sqlite/) };
			runs.push({
				profile: profile.name,
				description: profile.description,
				startMs: n8n.timings.totalMs,
				loads,
				bytesPerExecution: {
					eventLog: Math.round((after.eventLog - before.eventLog) / executions),
					database: Math.round((after.database - before.database) / executions),
				},
			});
		} finally {
			await n8n.stop();
			rmSync(userFolder, { recursive: true, force: true });
		}
	}
	return runs;
}
