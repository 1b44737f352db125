import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createServer } from 'node:net';

import { queueModeEnvironment, startN8n } from '../../../../sandbox/n8n/harness';
import { postgresBinaries } from '../../../../sandbox/n8n/postgres';

const postgres = { host: '127.0.0.1', port: 5433, database: 'n8n', user: 'n8n', password: 's3cret' };

describe('queueModeEnvironment', () => {
	it('puts n8n in queue mode on the given Redis and PostgreSQL', () => {
		expect(queueModeEnvironment({ redisUrl: 'redis://127.0.0.1:6380', postgres, workers: 2, firstPort: 30000 })).toEqual({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: '6380',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: '5433',
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 's3cret',
		});
	});

	it("carries a Redis URL's password and database number, and Redis's default port", () => {
		const env = queueModeEnvironment({ redisUrl: 'redis://:p%40ss@redis.internal/2', postgres, workers: 1, firstPort: 30000 });
		expect(env).toMatchObject({ QUEUE_BULL_REDIS_HOST: 'redis.internal', QUEUE_BULL_REDIS_PORT: '6379', QUEUE_BULL_REDIS_PASSWORD: 'p@ss', QUEUE_BULL_REDIS_DB: '2' });
	});
});

describe('startN8n in queue mode', () => {
	const options = (queue: { workers: number; firstPort: number }) => ({
		projectRoot: '/nonexistent',
		userFolder: join(tmpdir(), 'never-created'),
		port: 1,
		taskBrokerPort: 2,
		workflowDirs: [],
		queue: { redisUrl: 'redis://127.0.0.1:1', postgres, ...queue },
	});

	it('refuses queue mode without a worker, before starting anything', async () => {
		await expect(startN8n(options({ workers: 0, firstPort: 30000 }))).rejects.toThrow(/at least 1 worker/);
	});

	it('names a worker port that is already taken, before starting anything', async () => {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const taken = (server.address() as { port: number }).port;
		try {
			// Worker 2's health server would listen on the taken port.
			await expect(startN8n(options({ workers: 2, firstPort: taken - 2 }))).rejects.toThrow(new RegExp(`ports (\\d+, )*${taken}(, \\d+)* are already in use`));
		} finally {
			server.close();
		}
	});
});

describe('postgresBinaries', () => {
	it("picks the newest installed major's bin folder", () => {
		const root = mkdtempSync(join(tmpdir(), 'pg-bin-'));
		for (const major of ['13', '15', '9']) {
			mkdirSync(join(root, major, 'bin'), { recursive: true });
			writeFileSync(join(root, major, 'bin', 'postgres'), '');
		}
		// A major without a server binary (client only) does not count.
		mkdirSync(join(root, '16', 'bin'), { recursive: true });
		expect(postgresBinaries(root)).toBe(join(root, '15', 'bin'));
	});

	it('is undefined when PostgreSQL is not installed', () => {
		expect(postgresBinaries(join(tmpdir(), 'no-such-postgresql'))).toBeUndefined();
	});
});
