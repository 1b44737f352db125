import { resolve } from 'node:path';

import type { Command } from 'commander';

import { AIRTABLE_RATE_LIMIT_PENALTY_MS, AIRTABLE_REQUESTS_PER_SECOND_PER_BASE } from '../../core/limits/airtable';
import { startAirtableStore } from '../../sandbox/airtable/server';
import { CliError, EXIT } from '../errors';

export function registerStore(program: Command): void {
	program
		.command('store')
		.description('Run the local Airtable-compatible store on its own (npm start runs it for you)')
		.requiredOption('--port <port>', 'port to listen on (127.0.0.1)')
		.requiredOption('--data <dir>', 'folder for its SQLite file')
		.option('--token <pat>', 'the personal access token clients must send (default: the sandbox token from .sandbox/secrets.json)')
		.option('--base-id <id>', 'base to serve (app...); created if missing')
		.option('--empty', 'do not load the BestStag schema (for "schema apply" on an empty base)')
		.option('--rate-limit <n>', 'requests per second per base before 429 (0 = off)', String(AIRTABLE_REQUESTS_PER_SECOND_PER_BASE))
		.option('--rate-limit-penalty-ms <ms>', "how long a base keeps answering 429 after a 429, as Airtable does (0 = none)", String(AIRTABLE_RATE_LIMIT_PENALTY_MS))
		.action(async (options: { port: string; data: string; token?: string; baseId?: string; empty?: boolean; rateLimit: string; rateLimitPenaltyMs: string }) => {
			const port = Number(options.port);
			const rate = Number(options.rateLimit);
			const penaltyMs = Number(options.rateLimitPenaltyMs);
			if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0 to 65535, got "${options.port}".`, EXIT.usage);
			if (!Number.isInteger(rate) || rate < 0) throw new CliError(`--rate-limit must be a whole number, got "${options.rateLimit}".`, EXIT.usage);
			if (!Number.isInteger(penaltyMs) || penaltyMs < 0) {
				throw new CliError(`--rate-limit-penalty-ms must be a whole number of milliseconds, got "${options.rateLimitPenaltyMs}".`, EXIT.usage);
			}
			let token = options.token;
			if (!token) {
				const { packageRoot } = await import('../../nodes/shared/package-info');
				const { loadDotEnv, sandboxConfig } = await import('../../sandbox/config');
				const { loadOrCreateSecrets } = await import('../../sandbox/secrets');
				const root = packageRoot();
				loadDotEnv(root);
				const config = sandboxConfig(root);
				token = loadOrCreateSecrets(config.dataDir, config.ownerEmail).airtable.token;
			}
			const store = await startAirtableStore({
				port,
				dataDir: resolve(options.data),
				token,
				baseId: options.baseId,
				loadSchema: !options.empty,
				rateLimitPerSecond: rate,
				rateLimitPenaltyMs: penaltyMs,
			});
			console.log(`Airtable store on ${store.url} (base ${store.baseId}, ${rate ? `${rate} req/s per base, ${penaltyMs / 1000} s of 429s after a 429` : 'no rate limit'}). Ctrl-C to stop.`);
			await new Promise<void>((done) => {
				const stop = () => void store.close().then(done);
				process.once('SIGINT', stop);
				process.once('SIGTERM', stop);
			});
		});
}
