import { cpus } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import { TUNING_PROFILES } from '../../bench/profiles';
import { packageRoot } from '../../core/runtime/package-info';
import { CliError, EXIT } from '../errors';

function parseList(raw: string, what: string): number[] {
	const values = raw.split(',').map((v) => Number(v.trim()));
	if (values.some((v) => !Number.isInteger(v) || v < 1)) throw new CliError(`${what} must be positive whole numbers separated by commas, got "${raw}".`, EXIT.usage);
	return values;
}

export function registerBench(program: Command): void {
	program
		.command('bench')
		.description('Measure BestStag through real n8n and write bench/results/*.json and *.md')
		.option('--duration <seconds>', 'seconds of load per measurement', '10')
		.option('--connections <list>', 'concurrency levels to measure', '1,10')
		.option('--profiles <list>', 'n8n tuning profiles to compare', TUNING_PROFILES.map((p) => p.name).join(','))
		.option('--port-base <n>', 'ports for the benchmark n8n (it needs two)', '5878')
		.option('--out <dir>', 'where to write the results', 'bench/results')
		.action(async (options: { duration: string; connections: string; profiles: string; portBase: string; out: string }) => {
			const root = packageRoot();
			let bench: typeof import('../../bench/baseline');
			let report: typeof import('../../bench/report');
			try {
				bench = await import('../../bench/baseline');
				report = await import('../../bench/report');
			} catch (error) {
				throw new CliError(`The benchmarks need the development checkout (npm run setup): ${(error as Error).message}`);
			}
			const [durationSeconds] = parseList(options.duration, '--duration');
			const portBase = parseList(options.portBase, '--port-base')[0];
			const runs = await bench.runBaseline({
				projectRoot: root,
				portBase,
				durationSeconds,
				connections: parseList(options.connections, '--connections'),
				profiles: options.profiles.split(',').map((p) => p.trim()),
				log: (line) => console.log(line),
			});
			const n8nVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
			const written = report.writeBaselineReport(
				join(root, options.out),
				{ measuredAt: new Date().toISOString(), node: process.version, n8n: n8nVersion, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', durationSeconds },
				runs,
			);
			console.log(`\n${readFileSync(written.markdown, 'utf8')}\nWritten: ${written.json}, ${written.markdown}`);
		});
}
