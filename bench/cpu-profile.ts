import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A V8 CPU profile as `node --cpu-prof` writes it (https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile). */
interface CpuProfile {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
	samples: number[];
	timeDeltas: number[];
}

/** Where self time went: one row per package (or Node's internals, GC, idle), in ms and share of busy time. */
export interface CpuShare {
	where: string;
	ms: number;
	percentOfBusy: number;
}

/**
 * The package a profiled function belongs to: the last `node_modules/<name>` (or `@scope/name`) in
 * its script URL; BestStag's own code as `n8n-nodes-beststag`; Node's internals, GC, idle and
 * program by V8's names.
 */
export function packageOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	if (url.startsWith('node:')) return 'node:internal';
	const parts = url.split('node_modules/');
	if (parts.length > 1) {
		const rest = parts[parts.length - 1].split('/');
		return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	}
	return url.includes('/dist/') ? 'n8n-nodes-beststag' : '(other)';
}

/** Sums self time by package over every .cpuprofile in `dir` (n8n and its task runner), busiest first. */
export function cpuSharesByPackage(dir: string, top = 15): CpuShare[] {
	const totals = new Map<string, number>();
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
		const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
		const where = new Map(profile.nodes.map((n) => [n.id, packageOf(n.callFrame.url, n.callFrame.functionName)]));
		profile.samples.forEach((id, i) => {
			const key = where.get(id) ?? '(unknown)';
			totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
		});
	}
	totals.delete('(idle)');
	const busy = [...totals.values()].reduce((a, b) => a + b, 0);
	return [...totals.entries()]
		.map(([where, ms]) => ({ where, ms: Math.round(ms), percentOfBusy: Math.round((ms / Math.max(1, busy)) * 1000) / 10 }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, top);
}
