import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { isLoopbackHost } from '../../../sandbox/n8n/outbound-guard';

const run = promisify(execFile);
const GUARD = join(__dirname, '..', '..', '..', 'dist', 'sandbox', 'n8n', 'outbound-guard.js');

describe('isLoopbackHost', () => {
	it.each(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', undefined])('treats %p as local', (host) => {
		expect(isLoopbackHost(host)).toBe(true);
	});
	it.each(['api.n8n.io', '10.0.0.1', '192.168.1.1', '8.8.8.8', 'localhost.evil.com'])('treats %p as outbound', (host) => {
		expect(isLoopbackHost(host)).toBe(false);
	});
});

describe('outbound guard preload', () => {
	jest.setTimeout(30_000);

	it('records and blocks a non-loopback call while loopback keeps working', async () => {
		// n8n preloads the compiled guard; `npm test` builds dist/ first.
		expect(existsSync(GUARD)).toBe(true);
		const dir = mkdtempSync(join(tmpdir(), 'guard-'));
		const log = join(dir, 'outbound.jsonl');
		// A .invalid name never resolves, so even a broken guard sends nothing anywhere.
		const script = `
			const http = require('node:http');
			const server = http.createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', async () => {
				const local = await fetch('http://127.0.0.1:' + server.address().port).then((r) => r.text());
				let outbound = 'reached';
				try { await fetch('http://beststag-guard-test.invalid/'); } catch (e) { outbound = String(e.cause && e.cause.code); }
				console.log(JSON.stringify({ local, outbound }));
				server.close();
			});`;
		const { stdout } = await run(process.execPath, ['--require', GUARD, '-e', script], {
			env: { PATH: process.env.PATH, BESTSTAG_OUTBOUND_LOG: log, BESTSTAG_OUTBOUND_BLOCK: 'true' },
		});
		const result = JSON.parse(stdout) as { local: string; outbound: string };
		expect(result.local).toBe('ok');
		// Blocked at connect (ECONNREFUSED) or at lookup (ENOTFOUND), never reached.
		expect(['ECONNREFUSED', 'ENOTFOUND']).toContain(result.outbound);
		const attempts = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; host: string });
		expect(attempts.map((a) => a.host)).toContain('beststag-guard-test.invalid');
		expect(attempts.map((a) => a.host)).not.toContain('127.0.0.1');
	});
});
