import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

import Redis from 'ioredis';

import { freePortBlock } from './free-ports';

export interface TestRedis {
	url: string;
	stop(): Promise<void>;
}

/**
 * A throwaway redis-server on a free loopback port, without persistence. Tests that need Redis
 * fail loudly when it is missing: `.ci/run` installs Debian's redis-server.
 */
export async function startTestRedis(): Promise<TestRedis> {
	const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!binary) throw new Error('redis-server is not installed; run "apt-get install redis-server" (".ci/run" does it).');
	const port = await freePortBlock(1);
	const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	const url = `redis://127.0.0.1:${port}`;
	const deadline = Date.now() + 10_000;
	const net = await import('node:net');
	for (;;) {
		const ok = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
			socket.on('error', () => resolve(false));
		});
		if (ok) break;
		if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}.`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

/** What useTestRedis gives a describe block; read it inside hooks and tests, once beforeAll has run. */
export interface TestRedisHandle {
	/** redis://127.0.0.1:<port> of the throwaway server. */
	readonly url: string;
	/** One shared connection, closed after the block. */
	readonly client: Redis;
	/** Another connection (another process's worth), closed after the block. */
	connect(): Redis;
}

/**
 * A throwaway redis-server for the calling describe block: started in beforeAll, with a shared
 * client; every connection closed and the server stopped in afterAll. With `flushBeforeEach`,
 * every test starts from an empty Redis. Call it before the block's own hooks, which then see it.
 */
export function useTestRedis(options: { flushBeforeEach?: boolean } = {}): TestRedisHandle {
	let server: TestRedis | undefined;
	const clients: Redis[] = [];
	const handle: TestRedisHandle = {
		get url() {
			if (!server) throw new Error('useTestRedis: the server starts in beforeAll; read it inside hooks and tests.');
			return server.url;
		},
		get client() {
			return clients[0] ?? handle.connect();
		},
		connect() {
			const client = new Redis(handle.url);
			clients.push(client);
			return client;
		},
	};
	beforeAll(async () => {
		server = await startTestRedis();
		handle.connect();
	});
	if (options.flushBeforeEach) beforeEach(async () => void (await handle.client.flushall()));
	afterAll(async () => {
		await Promise.all(clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
		await server?.stop();
	});
	return handle;
}

/**
 * Every key in the database with its value as text (strings, hashes, lists, sets, sorted sets and
 * streams), for tests that prove something left no trace.
 */
export async function redisContents(redis: Redis): Promise<Array<[string, string]>> {
	const out: Array<[string, string]> = [];
	let cursor = '0';
	do {
		const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
		cursor = next;
		for (const key of keys) {
			const type = await redis.type(key);
			const value =
				type === 'string' ? await redis.get(key)
				: type === 'hash' ? await redis.hgetall(key)
				: type === 'list' ? await redis.lrange(key, 0, -1)
				: type === 'set' ? await redis.smembers(key)
				: type === 'zset' ? await redis.zrange(key, '0', '-1')
				: type === 'stream' ? await redis.xrange(key, '-', '+')
				: type;
			out.push([key, JSON.stringify(value)]);
		}
	} while (cursor !== '0');
	return out;
}
