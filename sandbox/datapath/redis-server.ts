import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';

import Redis from 'ioredis';

import { DataPathStore } from '../../nodes/shared/datapath/store';

/**
 * The sandbox's Redis for the data path: Debian's redis-server with its data under
 * `.sandbox/redis`, append-only file on and fsynced on every write (`appendfsync always`), so a
 * write the outbox accepted survives a crash of any process, Redis included. This wrapper answers
 * /healthz (the supervisor waits on HTTP) with each base's outbox depth, and takes redis-server
 * down with it.
 *
 * Env: DATAPATH_REDIS_PORT, DATAPATH_HEALTH_PORT, DATAPATH_REDIS_DIR.
 */
function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set; "beststag start" sets it.`);
	return value;
}

async function main(): Promise<void> {
	const port = Number(required('DATAPATH_REDIS_PORT'));
	const healthPort = Number(required('DATAPATH_HEALTH_PORT'));
	const dir = required('DATAPATH_REDIS_DIR');
	const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
	if (!binary) throw new Error('redis-server is not installed: run "npm run setup" (it installs Debian\'s redis-server) or "apt-get install redis-server".');
	mkdirSync(dir, { recursive: true });
	await stopLeftover(port, dir);
	const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--protected-mode', 'yes'], {
		stdio: 'inherit',
	});
	child.on('exit', (code, signal) => {
		console.error(`[redis] redis-server exited (code ${code}, signal ${signal}).`);
		process.exit(1);
	});
	const client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1, lazyConnect: true });
	client.on('error', () => undefined);
	const server = createServer(async (req, res) => {
		if (req.url !== '/healthz') return void res.writeHead(404).end();
		try {
			const store = new DataPathStore(client);
			const outbox: Record<string, number> = {};
			for (const base of await store.bases()) outbox[base] = await store.outboxDepth(base);
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, outbox }));
		} catch (error) {
			res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: `redis-server is not answering: ${(error as Error).message}` }));
		}
	});
	server.listen(healthPort, '127.0.0.1');
	const stop = () => {
		server.close();
		client.disconnect();
		child.removeAllListeners('exit');
		child.once('exit', () => process.exit(0));
		// SIGTERM makes redis-server finish the append-only file before it exits.
		child.kill('SIGTERM');
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	await client.connect().catch(() => undefined);
}

/**
 * A wrapper killed with SIGKILL leaves its redis-server running on the port; the restarted wrapper
 * shuts that one down (SHUTDOWN writes the append-only file first) before starting its own. Only a
 * Redis whose data folder is ours is touched: anything else on the port is left alone and the start
 * fails on the busy port, as it should.
 */
async function stopLeftover(port: number, dir: string): Promise<void> {
	const probe = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
	probe.on('error', () => undefined);
	try {
		await probe.connect();
		const [, leftoverDir] = (await probe.config('GET', 'dir')) as [string, string];
		if (leftoverDir !== dir) return;
		console.error(`[redis] stopping a leftover redis-server on port ${port} (data in ${dir}).`);
		await probe.shutdown().catch(() => undefined);
		for (let i = 0; i < 50; i++) {
			const free = await new Promise<boolean>((resolve) => {
				const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(false)));
				socket.on('error', () => resolve(true));
			});
			if (free) return;
			await new Promise((r) => setTimeout(r, 100));
		}
	} catch {
		// Nothing listens there: the usual case.
	} finally {
		probe.disconnect();
	}
}

main().catch((error: Error) => {
	console.error(`[redis] ${error.message}`);
	process.exit(1);
});
