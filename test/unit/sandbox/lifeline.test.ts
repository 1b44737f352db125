import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isSameProcess, startTimeOf } from '../../../sandbox/process/identity';
import { WATCHDOG_GRACE_SECONDS } from '../../../sandbox/process/managed-process';
import { pidFilePath, type PidFileContent } from '../../../sandbox/process/pid-file';
import { freePortBlock } from '../../support/free-ports';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..', '..');
const REGISTER = join(ROOT, 'test', 'support', 'ts-register.js');

/**
 * A program we do not control, like n8n: it ignores SIGTERM and has a child of its own (like n8n's task
 * runner) that ignores it too, and writes that child's pid down.
 */
const FOREIGN = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => {});
const runner = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
require('node:fs').writeFileSync(process.env.RUNNER_PID_FILE, String(runner.pid));
setInterval(() => {}, 1000);`;

/** A supervisor as `beststag start` is one: ManagedProcess children, recorded in processes.json. */
function supervisorScript(dataDir: string, portalPort: number): string {
	return `
require(${JSON.stringify(REGISTER)});
const { ManagedProcess } = require(${JSON.stringify(join(ROOT, 'sandbox', 'process', 'managed-process'))});
const { PidFile } = require(${JSON.stringify(join(ROOT, 'sandbox', 'process', 'pid-file'))});
new PidFile(${JSON.stringify(dataDir)}).track();
new ManagedProcess({
	name: 'portal', command: process.execPath, lifeline: 'ipc',
	args: ['-r', ${JSON.stringify(REGISTER)}, ${JSON.stringify(join(ROOT, 'portal', 'server.ts'))}],
	env: { PATH: process.env.PATH, PORTAL_PORT: '${portalPort}', BESTSTAG_SANDBOX_DIR: ${JSON.stringify(dataDir)} },
	logFile: ${JSON.stringify(join(dataDir, 'portal.log'))},
});
new ManagedProcess({
	name: 'foreign', command: process.execPath, args: ['-e', ${JSON.stringify(FOREIGN)}],
	env: { PATH: process.env.PATH, RUNNER_PID_FILE: ${JSON.stringify(join(dataDir, 'runner.pid'))} },
});
setInterval(() => {}, 1000);`;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const up = (url: string) =>
	fetch(url).then(
		(r) => r.ok,
		() => false,
	);

describe('children never outlive a supervisor killed with SIGKILL', () => {
	it('stops a stand-in (IPC lifeline) and a foreign program with its own child (watchdog), even when they ignore SIGTERM', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'lifeline-'));
		const port = await freePortBlock(1);
		const script = join(dataDir, 'supervisor.js');
		writeFileSync(script, supervisorScript(dataDir, port));
		const supervisor = spawn(process.execPath, [script], { stdio: 'ignore' });
		try {
			await run(supervisor.pid!, dataDir, port);
		} finally {
			// Should the test fail half-way, leave nothing running.
			supervisor.kill('SIGKILL');
			stopAnyway(dataDir);
		}
	});
});

function stopAnyway(dataDir: string): void {
	let record: PidFileContent;
	try {
		record = JSON.parse(readFileSync(pidFilePath(dataDir), 'utf8')) as PidFileContent;
	} catch {
		return;
	}
	for (const entry of record.processes.filter(isSameProcess)) process.kill(-entry.pid, 'SIGKILL');
}

async function run(supervisorPid: number, dataDir: string, port: number): Promise<void> {
	await until('the portal answers', () => up(`http://127.0.0.1:${port}/healthz`), 30_000);
	await until(
		'the foreign program started its runner',
		() => {
			try {
				return readFileSync(join(dataDir, 'runner.pid'), 'utf8') !== '';
			} catch {
				return false;
			}
		},
		10_000,
	);
	await until(
		'processes.json lists both children',
		() => {
			try {
				return (JSON.parse(readFileSync(pidFilePath(dataDir), 'utf8')) as PidFileContent).processes.length === 2;
			} catch {
				return false;
			}
		},
		5_000,
	);
	const record = JSON.parse(readFileSync(pidFilePath(dataDir), 'utf8')) as PidFileContent;
	const runner = Number(readFileSync(join(dataDir, 'runner.pid'), 'utf8'));
	const runnerStart = startTimeOf(runner)!;
	expect(record.supervisor.pid).toBe(supervisorPid);
	expect(record.processes.every(isSameProcess)).toBe(true);

	const [portal, foreign] = record.processes;
	expect(portal.name).toBe('portal');
	process.kill(supervisorPid, 'SIGKILL');
	// Nothing but its IPC channel tells the portal: it leads its own process group, with no watchdog.
	await until('the portal has exited', () => !isSameProcess(portal), 5_000);
	expect(await up(`http://127.0.0.1:${port}/healthz`)).toBe(false);
	// SIGTERM is ignored throughout the foreign group, so the watchdog's SIGKILL ends it.
	await until('the foreign program and its runner have exited', () => !isSameProcess(foreign) && startTimeOf(runner) !== runnerStart, (WATCHDOG_GRACE_SECONDS + 5) * 1000);
}
