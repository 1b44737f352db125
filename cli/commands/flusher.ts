import { createServer } from 'node:http';
import { hostname } from 'node:os';

import type { Command } from 'commander';
import Redis from 'ioredis';

import { describeRecord } from '../../core/datapath';
import { DataPathConfigError, requireDataPathRedisUrl } from '../../nodes/shared/datapath/config';
import { baseKeys } from '../../nodes/shared/datapath/keys';
import { BaseLease } from '../../nodes/shared/datapath/lease';
import { flusherSettingsFromEnv, runFlusher } from '../../nodes/shared/datapath/service';
import { DataPathStore } from '../../nodes/shared/datapath/store';
import { CliError, EXIT } from '../errors';

/**
 * `beststag flusher`: the data path's writer, run beside n8n (npm start supervises one; in
 * production run one or more next to n8n's queue-mode workers — the lease keeps one leader per base).
 * `beststag outbox`: what an operator checks when Airtable is slow or down.
 */
export function registerFlusher(program: Command): void {
	program
		.command('flusher')
		.description('Send buffered writes (the data path outbox in Redis) to Airtable; one leader per base across processes')
		.option('--health-port <port>', 'answer GET /healthz on this loopback port')
		.action(async (options: { healthPort?: string }) => {
			let settings;
			try {
				settings = flusherSettingsFromEnv();
			} catch (error) {
				if (error instanceof DataPathConfigError) throw new CliError(error.message, EXIT.usage);
				throw error;
			}
			const controller = new AbortController();
			for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
			const health = options.healthPort ? createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end(req.url === '/healthz' ? 'ok' : '')) : undefined;
			if (health) await new Promise<void>((resolve) => health.listen(Number(options.healthPort), '127.0.0.1', resolve));
			console.log(`[flusher] started as ${hostname()}:${process.pid}; budget ${settings.budgetPerSecond} requests/s per base.`);
			try {
				await runFlusher(settings, { holder: `${hostname()}:${process.pid}`, signal: controller.signal, log: (line) => console.log(line) });
			} finally {
				health?.close();
			}
		});

	program
		.command('outbox')
		.description('Show each base\'s outbox depth, flusher leader, 429 pause and newest dead letters')
		.option('--json', 'print the report as JSON')
		.option('--dead <n>', 'dead letters to show per base', '5')
		.action(async (options: { json?: boolean; dead: string }) => {
			let url;
			try {
				url = requireDataPathRedisUrl();
			} catch (error) {
				throw new CliError((error as Error).message, EXIT.usage);
			}
			const redis = new Redis(url, { maxRetriesPerRequest: 1 });
			redis.on('error', () => undefined);
			try {
				const store = new DataPathStore(redis);
				const report = await Promise.all(
					(await store.bases()).map(async (base) => ({
						base,
						depth: await store.outboxDepth(base),
						leader: (await BaseLease.current(redis, base)) ?? null,
						pausedForMs: Math.max(0, await redis.pttl(baseKeys(base).pause)),
						deadLetters: await redis.llen(baseKeys(base).dead),
						newestDead: (await store.deadLetters(base, Number(options.dead) || 5)).map((d) => ({ at: d.at, record: describeRecord(d), error: d.error })),
					})),
				);
				if (options.json) return void console.log(JSON.stringify(report, null, 2));
				if (report.length === 0) console.log('No base has used the data path yet.');
				for (const r of report) {
					console.log(`${r.base}: ${r.depth} waiting, leader ${r.leader ?? 'none'}${r.pausedForMs ? `, paused ${Math.ceil(r.pausedForMs / 1000)} s after a 429` : ''}, ${r.deadLetters} dead letter(s)`);
					for (const d of r.newestDead) console.log(`  dead ${d.at} ${d.record}: ${d.error.type} ${d.error.message}`);
				}
			} finally {
				redis.disconnect();
			}
		});
}
