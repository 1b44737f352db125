import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Which process a pid is. A pid alone is not an identity: once a process exits the kernel hands its
 * pid to the next one. A pid together with the process's start time is, within one boot, so the
 * sandbox records both and never signals a process whose start time differs.
 * Linux: /proc/<pid>/stat field 22, start time in clock ticks since boot (man 5 proc,
 * https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html). Elsewhere: `ps -o lstart=`.
 */

const PROC = '/proc';

interface StatFields {
	/** "Z" for a zombie: exited, not yet reaped. */
	state: string;
	pgid: number;
	/** Clock ticks since boot. */
	startTicks: number;
}

function readStat(pid: number): StatFields | undefined {
	let text: string;
	try {
		text = readFileSync(`${PROC}/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	// The command name (field 2) is in parentheses and may hold spaces or ")"; fields 3+ follow the last ")".
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state), so field N is fields[N - 3].
	return { state: fields[0], pgid: Number(fields[5 - 3]), startTicks: Number(fields[22 - 3]) };
}

const hasProc = () => existsSync(`${PROC}/self/stat`);

/** The process's start time as an opaque string, or undefined when no process runs with this pid (zombies have exited). */
export function startTimeOf(pid: number): string | undefined {
	if (!Number.isInteger(pid) || pid <= 0) return undefined;
	if (hasProc()) {
		const stat = readStat(pid);
		return stat && stat.state !== 'Z' ? `ticks:${stat.startTicks}` : undefined;
	}
	try {
		const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
		return out ? `lstart:${out}` : undefined;
	} catch {
		return undefined;
	}
}

/** This boot's id (Linux), so records from before a reboot are never matched; undefined elsewhere. */
export function bootId(): string | undefined {
	try {
		return readFileSync(`${PROC}/sys/kernel/random/boot_id`, 'utf8').trim();
	} catch {
		return undefined;
	}
}

/** A process as the sandbox records it. */
export interface ProcessIdentity {
	pid: number;
	startTime: string;
}

/** Whether `id.pid` is still the very process that was recorded. */
export function isSameProcess(id: ProcessIdentity): boolean {
	return startTimeOf(id.pid) === id.startTime;
}

/**
 * The members of process group `pgid` that started no earlier than `notBefore` (a recorded start time),
 * leader included. Linux only (an empty list elsewhere): a group outlives its leader while members
 * remain, and the kernel does not reuse a pid that is still some group's id.
 */
export function groupMembers(pgid: number, notBefore: string): number[] {
	if (!hasProc() || !notBefore.startsWith('ticks:')) return [];
	const floor = Number(notBefore.slice('ticks:'.length));
	const members: number[] = [];
	for (const entry of readdirSync(PROC)) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readStat(Number(entry));
		if (stat && stat.state !== 'Z' && stat.pgid === pgid && stat.startTicks >= floor) members.push(Number(entry));
	}
	return members;
}
