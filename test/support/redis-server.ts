import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

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
