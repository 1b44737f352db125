import { waitForHttp } from './http-health';
import { ManagedProcess, type ProcessSpec } from './process/managed-process';

export interface ServiceSpec extends ProcessSpec {
	/** Answers 2xx once the service is ready. */
	healthUrl: string;
	readyTimeoutMs?: number;
}

const MAX_RESTARTS = 3;

/**
 * Runs the sandbox's local stand-ins as child processes: starts them, waits for health,
 * restarts a crashed one (a few times, with backoff), and stops them all, newest first.
 */
export class Supervisor {
	private readonly running = new Map<string, ManagedProcess>();
	private stopping = false;
	private failure?: (error: Error) => void;

	/** Called once when a service keeps crashing; the sandbox should then shut down. */
	onFatal(handler: (error: Error) => void): void {
		this.failure = handler;
	}

	async start(spec: ServiceSpec): Promise<void> {
		if (this.running.has(spec.name)) throw new Error(`Service "${spec.name}" is already running.`);
		await this.launch(spec, 0);
	}

	private async launch(spec: ServiceSpec, restarts: number): Promise<void> {
		const proc = new ManagedProcess(spec);
		this.running.set(spec.name, proc);
		await waitForHttp(spec.healthUrl, {
			timeoutMs: spec.readyTimeoutMs ?? 30_000,
			abortIf: () => (proc.running ? undefined : `${spec.name} exited during start-up; see ${spec.logFile ?? 'its output'}`),
		});
		void proc.exited.then(async (exit) => {
			if (this.stopping || ManagedProcess.shuttingDown || this.running.get(spec.name) !== proc) return;
			this.running.delete(spec.name);
			const why = `${spec.name} exited (code ${exit.code}, signal ${exit.signal})`;
			if (restarts >= MAX_RESTARTS) {
				this.failure?.(new Error(`${why} and was restarted ${MAX_RESTARTS} times; giving up. See ${spec.logFile ?? 'its output'}.`));
				return;
			}
			console.error(`[supervisor] ${why}; restarting (${restarts + 1}/${MAX_RESTARTS})`);
			await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** restarts));
			if (this.stopping) return;
			try {
				await this.launch(spec, restarts + 1);
			} catch (error) {
				// A stop that lands while the restarted service is still starting is not a failure.
				if (!this.stopping) this.failure?.(error as Error);
			}
		});
	}

	names(): string[] {
		return [...this.running.keys()];
	}

	async stopAll(): Promise<void> {
		this.stopping = true;
		const procs = [...this.running.values()].reverse();
		this.running.clear();
		for (const proc of procs) await proc.stop();
	}
}
