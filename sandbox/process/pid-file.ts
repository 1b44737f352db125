import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { bootId, groupMembers, isSameProcess, startTimeOf, type ProcessIdentity } from './identity';
import { ManagedProcess } from './managed-process';

/**
 * `<dataDir>/processes.json`: the sandbox's own record of what it runs (the supervisor and every
 * child, each with its start time), so that the next `beststag start` can recognise a previous run's
 * leftovers, and only them, and stop them before it starts.
 */

export interface RecordedProcess extends ProcessIdentity {
	name: string;
	/** For people reading the file and the log; not used to match. */
	command: string;
}

export interface PidFileContent {
	version: 1;
	/** Records from another boot never match (pids and start times restart). */
	bootId?: string;
	supervisor: RecordedProcess;
	/** Each child leads its own process group (pgid = pid). */
	processes: RecordedProcess[];
}

export function pidFilePath(dataDir: string): string {
	return join(dataDir, 'processes.json');
}

function writeAtomically(file: string, content: PidFileContent): void {
	const temp = `${file}.tmp`;
	writeFileSync(temp, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
	chmodSync(temp, 0o600);
	renameSync(temp, file);
}

/** Keeps processes.json equal to this process (the supervisor) and every ManagedProcess it runs. */
export class PidFile {
	private readonly file: string;
	private readonly started = new WeakMap<ManagedProcess, string>();

	constructor(private readonly dataDir: string) {
		this.file = pidFilePath(dataDir);
	}

	/** Writes the file now and after every start or exit of a ManagedProcess, until remove(). */
	track(): void {
		ManagedProcess.changed = () => this.write();
		this.write();
	}

	write(): void {
		mkdirSync(this.dataDir, { recursive: true });
		const processes: RecordedProcess[] = [];
		for (const proc of ManagedProcess.live) {
			if (proc.pid === undefined) continue;
			let startTime = this.started.get(proc);
			if (startTime === undefined) {
				startTime = startTimeOf(proc.pid);
				if (startTime === undefined) continue;
				this.started.set(proc, startTime);
			}
			processes.push({ name: proc.spec.name, pid: proc.pid, startTime, command: [proc.spec.command, ...proc.spec.args].join(' ') });
		}
		writeAtomically(this.file, {
			version: 1,
			bootId: bootId(),
			supervisor: { name: 'supervisor', pid: process.pid, startTime: startTimeOf(process.pid) ?? 'unknown', command: process.argv.join(' ') },
			processes,
		});
	}

	/** After a clean stop: nothing is left to find. */
	remove(): void {
		if (ManagedProcess.changed) ManagedProcess.changed = undefined;
		rmSync(this.file, { force: true });
	}
}

function readPidFile(file: string): PidFileContent | undefined {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	try {
		const content = JSON.parse(text) as PidFileContent;
		if (content.version === 1 && Array.isArray(content.processes) && content.supervisor) return content;
	} catch {
		// A torn or hand-edited file: nothing in it can be trusted to name our processes.
	}
	return undefined;
}

/** Whether any of the recorded process's group still runs: the recorded leader itself, or members it left behind. */
function stillRunning(entry: RecordedProcess): boolean {
	return isSameProcess(entry) || groupMembers(entry.pid, entry.startTime).length > 0;
}

function signal(entry: RecordedProcess, sig: NodeJS.Signals): void {
	// The leader is the very process recorded, so its group is ours: signal it whole.
	const targets = isSameProcess(entry) ? [-entry.pid] : groupMembers(entry.pid, entry.startTime);
	for (const target of targets) {
		try {
			process.kill(target, sig);
		} catch {
			// ESRCH: gone in the meantime.
		}
	}
}

export interface LeftoverOptions {
	/** How long SIGTERM may take before SIGKILL. Default 5000 ms. */
	graceMs?: number;
	log?: (line: string) => void;
}

/**
 * Stops what a previous run in this data folder left running (its supervisor was killed before it
 * could clean up), going only by processes.json: a recorded process is signalled only while its pid
 * still has the recorded start time, so a recycled pid is never touched. Each one gets SIGTERM and
 * SIGCONT (a stopped process only acts on SIGTERM once continued), then SIGKILL after the grace period.
 * Members of a recorded group whose leader has gone are found by their group id (Linux).
 * Resolves with the names of the processes it stopped; removes the file.
 * @throws Error when the recorded supervisor itself is still running: that is another live sandbox
 *   on this data folder, not a leftover, and it is not ours to stop.
 */
export async function stopLeftovers(dataDir: string, options: LeftoverOptions = {}): Promise<string[]> {
	const file = pidFilePath(dataDir);
	const content = readPidFile(file);
	if (!content || content.bootId !== bootId()) {
		rmSync(file, { force: true });
		return [];
	}
	const { supervisor } = content;
	if (supervisor.pid !== process.pid && isSameProcess(supervisor)) {
		throw new Error(
			`A sandbox using ${dataDir} is still running (its "beststag start" has pid ${supervisor.pid}). Stop it first (Ctrl-C in its terminal, or kill ${supervisor.pid}), or start this one with another --data-dir.`,
		);
	}
	// A pid that now belongs to another process means our group is gone (the kernel reuses no pid that is still a group id).
	const leftovers = content.processes.filter((entry) => (isSameProcess(entry) || startTimeOf(entry.pid) === undefined) && stillRunning(entry));
	if (leftovers.length > 0) {
		options.log?.(`[sandbox] stopping what a previous run left running: ${leftovers.map((e) => `${e.name} (pid ${e.pid})`).join(', ')}`);
		for (const entry of leftovers) {
			signal(entry, 'SIGTERM');
			signal(entry, 'SIGCONT');
		}
		const deadline = Date.now() + (options.graceMs ?? 5_000);
		while (leftovers.some(stillRunning) && Date.now() < deadline) await sleep(100);
		for (const entry of leftovers.filter(stillRunning)) signal(entry, 'SIGKILL');
		const killDeadline = Date.now() + 2_000;
		while (leftovers.some(stillRunning) && Date.now() < killDeadline) await sleep(50);
	}
	rmSync(file, { force: true });
	return leftovers.map((entry) => entry.name);
}
