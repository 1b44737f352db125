import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { inUse } from '../port-check';
import { logTail } from '../process/log-tail';
import { ManagedProcess } from '../process/managed-process';

const run = promisify(execFile);

/** How n8n reaches the database: its DB_POSTGRESDB_* settings. */
export interface PostgresConnection {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

export interface RunningPostgres extends PostgresConnection {
	process: ManagedProcess;
	stop(): Promise<void>;
}

/** Debian's server binaries (`postgresql` package), newest major first. */
export function postgresBinaries(root = '/usr/lib/postgresql'): string | undefined {
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? join(root, majors[0], 'bin') : undefined;
}

/**
 * PostgreSQL refuses to run as root (https://www.postgresql.org/docs/current/app-postgres.html),
 * so as root the server runs as Debian's `postgres` system user; otherwise as the caller.
 */
function asServerUser(command: string, args: string[]): { command: string; args: string[]; uid?: number; gid?: number } {
	if (process.getuid?.() !== 0) return { command, args };
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('Running as root, PostgreSQL needs the "postgres" system user, which the Debian package creates: run "npm run setup".');
	const [, , uid, gid] = line.split(':');
	// setpriv execs the server in place: signals and the exit code stay the server's own.
	return { command: '/usr/bin/setpriv', args: ['--reuid', uid, '--regid', gid, '--init-groups', '--', command, ...args], uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts Debian's PostgreSQL for n8n's queue mode (n8n's production database, which its workers
 * share; https://docs.n8n.io/hosting/scaling/queue-mode/): a cluster in `dir` (created on first
 * use, password authentication over 127.0.0.1 only, no Unix socket) with a database "n8n" owned by
 * the user "n8n". As root, `dir`'s existing parent folders must be traversable by the postgres user.
 * Throws when the server binaries are missing (with what to install) or the server does not come up
 * within `readyTimeoutMs` (with its log's tail).
 */
export async function startPostgres(options: { dir: string; port: number; readyTimeoutMs?: number }): Promise<RunningPostgres> {
	const bin = postgresBinaries();
	if (!bin) throw new Error('PostgreSQL is not installed (n8n queue mode keeps its executions there): run "npm run setup -- --queue" or "apt-get install postgresql".');
	const { dir, port } = options;
	const data = join(dir, 'data');
	const passwordFile = join(dir, 'password');
	const logFile = join(dir, 'postgres.log');
	const owner = asServerUser('/bin/true', []);
	// Parents as usual (0755 under the default umask), so the postgres user can reach `dir`.
	mkdirSync(dirname(dir), { recursive: true });
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);

	if (!existsSync(join(data, 'PG_VERSION'))) {
		writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
		if (owner.uid !== undefined) chownSync(passwordFile, owner.uid, owner.gid!);
		const init = asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'n8n', `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale']);
		try {
			await run(init.command, init.args, { cwd: dir });
		} catch (error) {
			const e = error as { stderr?: string; message: string };
			throw new Error(`initdb failed in ${data}: ${e.stderr || e.message}`);
		}
	}
	if (!existsSync(passwordFile)) throw new Error(`${data} holds a cluster but ${passwordFile} is gone: delete ${dir} to start afresh.`);
	const password = readFileSync(passwordFile, 'utf8').trim();
	if (await inUse(port)) throw new Error(`Port ${port} is already in use; PostgreSQL needs it free.`);

	const server = asServerUser(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=']);
	const proc = new ManagedProcess({ name: 'postgres', command: server.command, args: server.args, cwd: dir, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' }, logFile });
	const stop = async () => {
		await proc.stop();
	};
	const connection: PostgresConnection = { host: '127.0.0.1', port, database: 'n8n', user: 'n8n', password };
	try {
		const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
		// -X: no ~/.psqlrc; only the variables psql needs, so a PG* setting of the caller's cannot redirect it.
		const psql = (sql: string, database = 'postgres') =>
			run(join(bin, 'psql'), ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-tAc', sql], { env: { PATH: process.env.PATH, LANG: 'C.UTF-8', PGPASSWORD: password, PGCONNECT_TIMEOUT: '2' } });
		for (;;) {
			if (!proc.running) throw new Error(`PostgreSQL exited at start.\n${logTail(logFile, 15)}`);
			try {
				await psql('SELECT 1');
				break;
			} catch (error) {
				if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections on port ${port}: ${(error as Error).message}\n${logTail(logFile, 15)}`);
				await new Promise((r) => setTimeout(r, 200));
			}
		}
		const { stdout } = await psql("SELECT 1 FROM pg_database WHERE datname = 'n8n'");
		if (stdout.trim() !== '1') await psql('CREATE DATABASE n8n');
		return { ...connection, process: proc, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
