import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { resolveNodeBinary } from '../../sandbox/n8n/node-runtime';
import { PROJECT_ROOT } from './n8n';

/** Where a test's `beststag flusher` sends the outbox. */
export interface FlusherTarget {
	redisUrl: string;
	airtableToken: string;
	airtableUrl: string;
}

/**
 * `beststag flusher` from dist/ as a real child process, as `npm start` runs it.
 * @param budgetPerSecond Airtable requests per second per base it may spend (default 4)
 */
export function spawnFlusher(target: FlusherTarget, budgetPerSecond = 4): ChildProcess {
	return spawn(resolveNodeBinary(PROJECT_ROOT), [join(PROJECT_ROOT, 'dist', 'cli', 'beststag.js'), 'flusher'], {
		env: {
			PATH: process.env.PATH,
			BESTSTAG_REDIS_URL: target.redisUrl,
			BESTSTAG_AIRTABLE_TOKEN: target.airtableToken,
			BESTSTAG_AIRTABLE_URL: target.airtableUrl,
			BESTSTAG_AIRTABLE_BUDGET: String(budgetPerSecond),
		},
		stdio: 'ignore',
	});
}

/** Sends `signal` and resolves once the process has exited (at once if it already has). */
export function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.kill(signal);
	});
}
