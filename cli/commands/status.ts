import type { Command } from 'commander';

import { packageRoot } from '../../nodes/shared/package-info';
import { readEndpoints } from '../../sandbox/endpoints';
import { isHealthy } from '../../sandbox/http-health';
import { loadDotEnv, sandboxConfig } from '../../sandbox/config';
import { CliError } from '../errors';

export function registerStatus(program: Command): void {
	program
		.command('status')
		.description('Show whether the sandbox started by "beststag start" is running and healthy')
		.option('--data-dir <dir>', 'the sandbox data folder (default .sandbox)')
		.option('--json', 'print the health report as JSON')
		.action(async (options: { dataDir?: string; json?: boolean }) => {
			const root = packageRoot();
			loadDotEnv(root);
			const config = sandboxConfig(root, { dataDir: options.dataDir });
			let endpoints;
			try {
				endpoints = readEndpoints(config.dataDir);
			} catch (error) {
				throw new CliError((error as Error).message);
			}
			const checks = [
				{ name: 'n8n', url: `${endpoints.n8n.baseUrl}/healthz` },
				...Object.entries(endpoints.services).map(([name, s]) => ({ name, url: new URL('/healthz', s.url).href })),
			];
			const results = await Promise.all(checks.map(async (c) => ({ ...c, up: await isHealthy(c.url) })));
			if (options.json) {
				console.log(JSON.stringify({ startedAt: endpoints.startedAt, services: results }, null, 2));
			} else {
				for (const r of results) console.log(`${r.up ? 'up  ' : 'DOWN'}  ${r.name.padEnd(10)} ${r.url}`);
				// The data path's Redis reports each base's writes waiting for Airtable (details: beststag outbox).
				const redis = results.find((r) => r.name === 'redis' && r.up);
				const outbox = redis && ((await (await fetch(redis.url)).json().catch(() => ({}))) as { outbox?: Record<string, number> }).outbox;
				for (const [base, depth] of Object.entries(outbox ?? {})) console.log(`      outbox     ${base}: ${depth} write(s) waiting for Airtable`);
			}
			if (results.some((r) => !r.up)) throw new CliError('Some sandbox services are down.');
		});
}
