import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export interface ProcessSpec {
	/** Short name used in logs and errors, e.g. "n8n" or "portal". */
	name: string;
	command: string;
	args: string[];
	cwd?: string;
	env: NodeJS.ProcessEnv;
	/** Output goes here; when omitted it is discarded. */
	logFile?: string;
	/** Also echo output to this process's stdout, prefixed with the name. */
	echo?: boolean;
	/**
	 * How the child learns that this process (its supervisor) is gone, even when it dies without
	 * cleaning up (SIGKILL, out of memory, a closed terminal), so that it never outlives it:
	 * - "watchdog" (default), for programs we do not control (n8n, redis-server): see WATCHDOG below;
	 * - "ipc", for our own Node programs: they get an IPC channel and exit when it disconnects
	 *   (sandbox/stand-in/main.ts does this for every stand-in).
	 */
	lifeline?: 'watchdog' | 'ipc';
}

export interface ExitInfo {
	code: number | null;
	signal: NodeJS.Signals | null;
}

const STOP_GRACE_MS = 10_000;

/** Seconds the watchdog waits between SIGTERM and SIGKILL. */
export const WATCHDOG_GRACE_SECONDS = 5;

/**
 * A POSIX shell that becomes the command (exec keeps the pid, so signals and exit codes are the
 * command's own) after forking a watchdog into the same process group. The watchdog holds the read
 * end of a pipe whose only writer is the supervisor; the kernel closes that end when the supervisor
 * dies in any way, and the watchdog then stops the whole group: the command and whatever it spawned
 * (n8n's task runner is its child, in its group). SIGCONT wakes stopped members so they see the
 * SIGTERM; SIGKILL follows for those that ignore it. The watchdog ignores SIGTERM itself so it
 * survives a graceful stop long enough to do this; ManagedProcess.stop() kills it with the group.
 */
const WATCHDOG = [
	'exec 3<&0',
	"( trap '' TERM INT HUP; while read -r _; do :; done <&3",
	'  kill -TERM 0; kill -CONT 0',
	`  sleep ${WATCHDOG_GRACE_SECONDS}; kill -KILL 0 ) >/dev/null 2>&1 &`,
	'exec "$@" 0</dev/null 3<&-',
].join('\n');

/**
 * A child process in its own process group, so that stopping it also stops whatever it spawned
 * (n8n's task runners, for one) and nothing is left orphaned.
 */
export class ManagedProcess {
	readonly exited: Promise<ExitInfo>;
	private readonly child: ChildProcess;
	private readonly log?: WriteStream;
	private exitInfo?: ExitInfo;

	constructor(readonly spec: ProcessSpec) {
		if (spec.logFile) {
			mkdirSync(dirname(spec.logFile), { recursive: true });
			this.log = createWriteStream(spec.logFile, { flags: 'a' });
		}
		const ipc = spec.lifeline === 'ipc';
		this.child = spawn(ipc ? spec.command : '/bin/sh', ipc ? spec.args : ['-c', WATCHDOG, `${spec.name}-watchdog`, spec.command, ...spec.args], {
			cwd: spec.cwd,
			env: spec.env,
			detached: true,
			// The watchdog's pipe is stdin; nothing is ever written to it.
			stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
		});
		for (const stream of [this.child.stdout, this.child.stderr]) {
			stream?.on('data', (chunk: Buffer) => {
				this.log?.write(chunk);
				if (spec.echo) {
					for (const line of chunk.toString('utf8').split('\n')) {
						if (line.trim()) process.stdout.write(`[${spec.name}] ${line}\n`);
					}
				}
			});
		}
		this.exited = new Promise((resolve) => {
			this.child.once('error', (error) => {
				this.log?.write(`[beststag] could not start ${spec.command}: ${error.message}\n`);
				this.exitInfo = { code: 127, signal: null };
				resolve(this.exitInfo);
			});
			this.child.once('exit', (code, signal) => {
				// Closing the pipe lets the watchdog stop what the program left in its group, then exit.
				this.child.stdin?.destroy();
				this.exitInfo = { code, signal };
				this.log?.end();
				resolve(this.exitInfo);
			});
		});
		ManagedProcess.live.add(this);
		ManagedProcess.changed?.();
		void this.exited.then(() => {
			ManagedProcess.live.delete(this);
			ManagedProcess.changed?.();
		});
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitInfo === undefined;
	}

	/** SIGTERM to the whole group, then SIGKILL if it has not exited within the grace period. */
	async stop(graceMs = STOP_GRACE_MS): Promise<ExitInfo> {
		if (!this.running) return this.exited;
		this.signalGroup('SIGTERM');
		const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
		const info = await this.exited;
		clearTimeout(timer);
		// Grandchildren may outlive the leader (the watchdog ignores SIGTERM); make sure the group is gone.
		this.signalGroup('SIGKILL');
		await this.groupGone();
		return info;
	}

	/** Waits (at most `timeoutMs`) until no process of the group is left, since SIGKILL lands asynchronously. */
	private async groupGone(timeoutMs = 2_000): Promise<void> {
		const pid = this.child.pid;
		if (pid === undefined) return;
		for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
			try {
				process.kill(-pid, 0);
			} catch {
				return; // ESRCH: the group is gone.
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	private signalGroup(signal: NodeJS.Signals): void {
		if (this.child.pid === undefined) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// ESRCH: the group is already gone.
		}
	}

	/** Set once the whole process tree is going down; supervisors must not restart anything then. */
	static shuttingDown = false;

	/** Every process still running, so an exiting parent can kill them synchronously. */
	static readonly live = new Set<ManagedProcess>();

	/** Called after a process starts or exits (the sandbox keeps its pid file up to date with it). */
	static changed?: () => void;

	/** Graceful stop of everything still running, e.g. when Ctrl-C arrives mid start-up. */
	static async stopAll(): Promise<void> {
		ManagedProcess.shuttingDown = true;
		await Promise.all([...ManagedProcess.live].map((proc) => proc.stop()));
	}

	static killAllNow(): void {
		ManagedProcess.shuttingDown = true;
		for (const proc of ManagedProcess.live) proc.signalGroup('SIGKILL');
	}
}

// A crashing parent must not leave children behind.
process.once('exit', () => ManagedProcess.killAllNow());
