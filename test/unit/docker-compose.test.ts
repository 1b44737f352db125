import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { TURN_EXECUTION_SETTINGS } from '../../sandbox/n8n/execution-settings';

interface Service {
	image?: string;
	command?: string | string[];
	entrypoint?: string[];
	environment?: Record<string, string>;
	volumes?: string[];
	depends_on?: unknown;
}

const file = join(__dirname, '..', '..', 'docker-compose.yml');
const compose = parse(readFileSync(file, 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const pinnedN8n = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;

describe('docker-compose.yml: n8n queue mode, Redis with AOF, Postgres and the flusher', () => {
	it('parses as YAML and has exactly the services the data path needs', () => {
		expect(Object.keys(services).sort()).toEqual(['flusher', 'n8n', 'n8n-webhook', 'n8n-worker', 'postgres', 'redis']);
		expect(Object.keys(compose.volumes).sort()).toEqual(['n8n_data', 'postgres_data', 'redis_data']);
	});

	it('runs the pinned n8n as main, worker and webhook processor, all in queue mode on Postgres and Redis', () => {
		expect(services.n8n.command).toBeUndefined();
		expect(services['n8n-worker'].command).toBe('worker');
		expect(services['n8n-webhook'].command).toBe('webhook');
		for (const name of ['n8n', 'n8n-worker', 'n8n-webhook']) {
			const env = services[name].environment!;
			expect(services[name].image).toBe(`n8nio/n8n:${pinnedN8n}`);
			expect(env).toMatchObject({ EXECUTIONS_MODE: 'queue', DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'postgres', QUEUE_BULL_REDIS_HOST: 'redis', BESTSTAG_REDIS_URL: 'redis://redis:6379' });
			// The same encryption key everywhere, or workers cannot read credentials; compose refuses to start without it.
			expect(env.N8N_ENCRYPTION_KEY).toMatch(/^\$\{N8N_ENCRYPTION_KEY:\?/);
			expect(env.DB_POSTGRESDB_PASSWORD).toBe(services.postgres.environment!.POSTGRES_PASSWORD);
			// The sandbox's execution settings (SQLite's pool aside: this is Postgres).
			for (const [key, value] of Object.entries(TURN_EXECUTION_SETTINGS).filter(([k]) => !k.startsWith('DB_SQLITE_'))) expect(env[key]).toBe(value);
		}
	});

	it('keeps Redis writes on disk before a turn goes on (appendonly, fsync always) in a volume', () => {
		expect(services.redis.command).toEqual(['redis-server', '--appendonly', 'yes', '--appendfsync', 'always']);
		expect(services.redis.volumes).toEqual(['redis_data:/data']);
	});

	it('runs the flusher from the installed package with the same Redis and the same Airtable budget as n8n', () => {
		const flusher = services.flusher;
		expect(flusher.entrypoint?.at(-1)).toBe('/home/node/.n8n/nodes/node_modules/n8n-nodes-beststag/dist/cli/beststag.js');
		expect(flusher.command).toEqual(['flusher', '--health-port', '8081']);
		expect(flusher.environment).toMatchObject({ BESTSTAG_REDIS_URL: services.n8n.environment!.BESTSTAG_REDIS_URL, BESTSTAG_AIRTABLE_BUDGET: services.n8n.environment!.BESTSTAG_AIRTABLE_BUDGET });
		expect(flusher.environment!.BESTSTAG_AIRTABLE_TOKEN).toMatch(/^\$\{BESTSTAG_AIRTABLE_TOKEN:\?/);
		expect(services.n8n.environment!.BESTSTAG_AIRTABLE_BUDGET).toBe('${BESTSTAG_AIRTABLE_BUDGET:-4}');
	});
});
