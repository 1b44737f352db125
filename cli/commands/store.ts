import { resolve } from 'node:path';

import type { Command } from 'commander';

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
		.option('--rate-limit <n>', 'requests per second per base before 429 (0 = off)', '5')
		.action(async (options: { port: string; data: string; token?: string; baseId?: string; empty?: boolean; rateLimit: string }) => {
			const port = Number(options.port);
			const rate = Number(options.rateLimit);
			if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0 to 65535, got "${options.port}".`, EXIT.usage);
			if (!Number.isInteger(rate) || rate < 0) throw new CliError(`--rate-limit must be a whole number, got "${options.rateLimit}".`, EXIT.usage);
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
			});
			console.log(`Airtable store on ${store.url} (base ${store.baseId}, ${rate ? `${rate} req/s per base` : 'no rate limit'}). Ctrl-C to stop.`);
			await new Promise<void>((done) => {
				const stop = () => void store.close().then(done);
				process.once('SIGINT', stop);
				process.once('SIGTERM', stop);
			});
		});
}
