import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Supervisor } from '../../../sandbox/supervisor';
import { freePortBlock } from '../../support/free-ports';

jest.setTimeout(30_000);

/** A tiny HTTP service; GET /crash makes it exit, to exercise restarts. */
const SERVICE = `
const http = require('node:http');
http.createServer((req, res) => {
	if (req.url === '/crash') { res.end('bye'); setTimeout(() => process.exit(3), 10); return; }
	res.end(JSON.stringify({ ok: true, pid: process.pid }));
}).listen(Number(process.env.PORT), '127.0.0.1');`;

async function pidOf(port: number): Promise<number> {
	const body = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { pid: number };
	return body.pid;
}

describe('Supervisor', () => {
	it('starts a service, restarts it after a crash, and stops it for good', async () => {
		const port = await freePortBlock(1);
		const supervisor = new Supervisor();
		const fatal = jest.fn();
		supervisor.onFatal(fatal);
		await supervisor.start({
			name: 'toy',
			command: process.execPath,
			args: ['-e', SERVICE],
			env: { PATH: process.env.PATH, PORT: String(port) },
			logFile: join(mkdtempSync(join(tmpdir(), 'sup-')), 'toy.log'),
			healthUrl: `http://127.0.0.1:${port}/healthz`,
		});
		const first = await pidOf(port);
		await fetch(`http://127.0.0.1:${port}/crash`);

		let second = first;
		for (let i = 0; i < 100 && second === first; i++) {
			await new Promise((r) => setTimeout(r, 100));
			second = await pidOf(port).catch(() => first);
		}
		expect(second).not.toBe(first);
		expect(supervisor.names()).toEqual(['toy']);

		await supervisor.stopAll();
		expect(supervisor.names()).toEqual([]);
		expect(() => process.kill(second, 0)).toThrow();
		await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
		expect(fatal).not.toHaveBeenCalled();
	});

	it('fails start-up with the reason when the service dies before it is healthy', async () => {
		const port = await freePortBlock(1);
		const supervisor = new Supervisor();
		await expect(
			supervisor.start({
				name: 'broken',
				command: process.execPath,
				args: ['-e', 'process.exit(1)'],
				env: { PATH: process.env.PATH },
				healthUrl: `http://127.0.0.1:${port}/healthz`,
				readyTimeoutMs: 10_000,
			}),
		).rejects.toThrow(/broken exited during start-up/);
		await supervisor.stopAll();
	});
});
