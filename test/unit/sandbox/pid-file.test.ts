import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bootId, groupMembers, isSameProcess, startTimeOf } from '../../../sandbox/process/identity';
import { pidFilePath, stopLeftovers, type PidFileContent, type RecordedProcess } from '../../../sandbox/process/pid-file';

jest.setTimeout(30_000);

const spawned: ChildProcess[] = [];

/** A process in its own group, as the supervisor starts them; `code` decides how it takes SIGTERM. */
function leftover(code: string): ChildProcess {
	const child = spawn(process.execPath, ['-e', `${code}; setInterval(() => {}, 1000)`], { detached: true, stdio: 'ignore' });
	spawned.push(child);
	return child;
}

async function started(child: ChildProcess): Promise<RecordedProcess> {
	// Wait until the program runs (its handlers are in place) before signalling it.
	await new Promise((resolve) => setTimeout(resolve, 300));
	return {
		name: `p${child.pid}`,
		pid: child.pid!,
		startTime: startTimeOf(child.pid!)!,
		command: 'node -e …',
	};
}

/** A supervisor record for a process that has exited: the run that wrote the file is gone. */
async function deadSupervisor(): Promise<RecordedProcess> {
	const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 200)'], {
		stdio: 'ignore',
	});
	const record = {
		name: 'supervisor',
		pid: child.pid!,
		startTime: startTimeOf(child.pid!)!,
		command: 'beststag start',
	};
	await new Promise((resolve) => child.once('exit', resolve));
	return record;
}

function writeRecord(dataDir: string, content: Partial<PidFileContent> & Pick<PidFileContent, 'supervisor' | 'processes'>): void {
	writeFileSync(pidFilePath(dataDir), JSON.stringify({ version: 1, bootId: bootId(), ...content }));
}

afterAll(() => {
	for (const child of spawned) {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

describe('stopLeftovers (the next start cleans up after a supervisor killed with SIGKILL)', () => {
	it('stops recorded processes that ignore SIGTERM or are stopped (SIGSTOP), and the children they left in their group', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'leftovers-'));
		const ignoring = leftover(
			`process.on('SIGTERM', () => {}); require('node:child_process').spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' })`,
		);
		const stopped = leftover('');
		const ignoringRecord = await started(ignoring);
		const stoppedRecord = await started(stopped);
		process.kill(stopped.pid!, 'SIGSTOP');
		writeRecord(dataDir, {
			supervisor: await deadSupervisor(),
			processes: [ignoringRecord, stoppedRecord],
		});
		const group = groupMembers(ignoringRecord.pid, ignoringRecord.startTime);
		expect(group).toHaveLength(2);

		const names = await stopLeftovers(dataDir, { graceMs: 1_000 });

		expect(names).toEqual([ignoringRecord.name, stoppedRecord.name]);
		expect(isSameProcess(stoppedRecord)).toBe(false);
		for (const pid of group) expect(startTimeOf(pid)).toBeUndefined();
		expect(existsSync(pidFilePath(dataDir))).toBe(false);
	});

	it('stops what is left of a group whose recorded leader has already exited', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'leftovers-'));
		// The leader starts a child in its group and exits, as n8n leaves its task runner when killed alone.
		const leader = leftover(
			`require('node:child_process').spawn(process.execPath, ['-e', "setInterval(() => {}, 1000)"], { stdio: 'ignore' }); setTimeout(() => process.exit(0), 1000)`,
		);
		// Listen before waiting: on a fast machine the leader exits before started() returns.
		const exited = new Promise((resolve) => leader.once('exit', resolve));
		const record = await started(leader);
		await exited;
		const members = groupMembers(record.pid, record.startTime);
		expect(members).toHaveLength(1);
		writeRecord(dataDir, {
			supervisor: await deadSupervisor(),
			processes: [record],
		});

		expect(await stopLeftovers(dataDir, { graceMs: 1_000 })).toEqual([record.name]);
		expect(startTimeOf(members[0])).toBeUndefined();
	});

	it('never signals a process whose pid was reused (another start time)', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'leftovers-'));
		const bystander = leftover('');
		const real = await started(bystander);
		writeRecord(dataDir, {
			supervisor: await deadSupervisor(),
			processes: [{ ...real, startTime: 'ticks:1' }],
		});

		expect(await stopLeftovers(dataDir, { graceMs: 500 })).toEqual([]);
		expect(isSameProcess(real)).toBe(true);
	});

	it('ignores records from another boot', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'leftovers-'));
		const bystander = leftover('');
		const real = await started(bystander);
		writeRecord(dataDir, {
			bootId: 'another-boot',
			supervisor: await deadSupervisor(),
			processes: [real],
		});

		expect(await stopLeftovers(dataDir)).toEqual([]);
		expect(isSameProcess(real)).toBe(true);
		expect(existsSync(pidFilePath(dataDir))).toBe(false);
	});

	it('refuses to touch the processes of a sandbox whose supervisor is still running', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'leftovers-'));
		const supervisor = await started(leftover(''));
		const child = await started(leftover(''));
		writeRecord(dataDir, { supervisor, processes: [child] });

		await expect(stopLeftovers(dataDir)).rejects.toThrow(new RegExp(`still running .*pid ${supervisor.pid}`));
		expect(isSameProcess(child)).toBe(true);
		expect(existsSync(pidFilePath(dataDir))).toBe(true);
	});

	it('does nothing without a record, or with a torn one', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'leftovers-'));
		expect(await stopLeftovers(dataDir)).toEqual([]);
		writeFileSync(pidFilePath(dataDir), '{"version": 1, "proc');
		expect(await stopLeftovers(dataDir)).toEqual([]);
	});
});
