import type { EnvContract, EnvSpec, EnvValues } from './env';

/**
 * The standalone main every stand-in runs as a child of `beststag start`: read the environment
 * contract, start, say where it listens, and stop cleanly on SIGTERM/SIGINT or when the supervisor
 * is gone (its IPC channel disconnects, which also happens when the supervisor is killed with SIGKILL).
 */

/** How long close() may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 5_000;

export interface StandInMain<S extends EnvSpec, R extends { url: string; close(): Promise<void> }> {
	/** Lower-case name for the log lines, e.g. "twilio stand-in". */
	name: string;
	env: EnvContract<S>;
	start(settings: EnvValues<S>): Promise<R>;
	/** Added after the URL in the "listening" line, e.g. "(base app…)". */
	describe?(running: R): string;
}

/**
 * Exits the process once the parent that spawned it with an IPC channel is gone. A no-op when the
 * process has no IPC channel (run by hand). Exported for programs that are not stand-ins (the portal).
 */
export function exitWithParent(stop: () => Promise<void>, log: (line: string) => void = console.log): void {
	if (!process.send) return;
	process.once('disconnect', () => {
		log('supervisor gone (IPC channel closed); stopping');
		void stopWithin(stop);
	});
}

function stopWithin(stop: () => Promise<void>): Promise<void> {
	setTimeout(() => process.exit(1), CLOSE_TIMEOUT_MS).unref();
	return stop().then(
		() => process.exit(0),
		(error: Error) => {
			console.error(`close failed: ${error.message}`);
			process.exit(1);
		},
	);
}

/** Runs `main` as this process's job: exits 1 with the reason when it cannot start. */
export async function runStandInMain<S extends EnvSpec, R extends { url: string; close(): Promise<void> }>(main: StandInMain<S, R>): Promise<void> {
	try {
		const running = await main.start(main.env.fromEnv(process.env));
		const extra = main.describe?.(running);
		console.log(`${main.name} listening on ${running.url}/${extra ? ` ${extra}` : ''}`);
		const stop = () => running.close();
		process.once('SIGTERM', () => void stopWithin(stop));
		process.once('SIGINT', () => void stopWithin(stop));
		exitWithParent(stop);
	} catch (error) {
		console.error(`${main.name} failed to start: ${(error as Error).message}`);
		process.exit(1);
	}
}
