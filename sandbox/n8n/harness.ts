import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

import { waitForHttp } from '../http-health';
import { inUse } from '../port-check';
import { logTail } from '../process/log-tail';
import { ManagedProcess } from '../process/managed-process';
import { n8nEnvironment } from './environment';
import { resolveN8nEntry, resolveNodeBinary } from './node-runtime';
import { createApiKey, hashPassword, loginAsOwner, newOwnerLogin, type OwnerLogin } from './owner';
import { installPackageIntoN8n } from './package-install';
import { N8nPublicApi } from './public-api';
import type { PostgresConnection } from './postgres';
import { readWorkflowFiles, type WorkflowFile } from './workflow-files';

const run = promisify(execFile);

export interface StartN8nOptions {
	projectRoot: string;
	/** n8n's N8N_USER_FOLDER; its database and the installed package live here. */
	userFolder: string;
	port: number;
	taskBrokerPort: number;
	/** Every *.json here is imported; those with "active": true are published. */
	workflowDirs: string[];
	/** n8n credentials to import (with fixed ids, so workflow JSON can refer to them). */
	credentials?: N8nCredential[];
	/** Reuse a login (the sandbox keeps one across restarts); a random one otherwise. */
	owner?: OwnerLogin;
	/** Reuse an API key when it still works; a new one is created otherwise. */
	apiKey?: string;
	/** Record (and block) every non-loopback connection n8n attempts. */
	guardOutbound?: boolean;
	/** Echo n8n's output to this process's stdout. */
	echoLogs?: boolean;
	webhookUrl?: string;
	tuning?: Record<string, string>;
	extraEnv?: Record<string, string>;
	readyTimeoutMs?: number;
	/** Run n8n's queue mode: this process receives webhooks, `workers` worker processes run the executions. */
	queue?: QueueModeOptions;
}

/**
 * n8n's queue mode (https://docs.n8n.io/hosting/scaling/queue-mode/): executions go through a
 * Bull queue in Redis to `n8n worker` processes, which share the main's PostgreSQL database.
 */
export interface QueueModeOptions {
	/** The Redis n8n's queue lives in, e.g. redis://127.0.0.1:6379. */
	redisUrl: string;
	postgres: PostgresConnection;
	/** Worker processes (at least 1). */
	workers: number;
	/** Executions each worker runs at once (n8n's default is 10; N8N_CONCURRENCY_PRODUCTION_LIMIT overrides it). */
	concurrency?: number;
	/** Worker i listens on firstPort + 2i (its health server) and firstPort + 2i + 1 (its task broker). */
	firstPort: number;
}

/** The environment that puts n8n (main and workers alike) in queue mode. */
export function queueModeEnvironment(queue: QueueModeOptions): Record<string, string> {
	const redis = new URL(queue.redisUrl);
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.hostname,
		QUEUE_BULL_REDIS_PORT: redis.port || '6379',
		...(redis.password ? { QUEUE_BULL_REDIS_PASSWORD: decodeURIComponent(redis.password) } : {}),
		...(redis.pathname.length > 1 ? { QUEUE_BULL_REDIS_DB: redis.pathname.slice(1) } : {}),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: queue.postgres.host,
		DB_POSTGRESDB_PORT: String(queue.postgres.port),
		DB_POSTGRESDB_DATABASE: queue.postgres.database,
		DB_POSTGRESDB_USER: queue.postgres.user,
		DB_POSTGRESDB_PASSWORD: queue.postgres.password,
	};
}

/** A credential as n8n's import:credentials reads it; `data` is plain and n8n encrypts it. */
export interface N8nCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface OutboundAttempt {
	kind: 'connect' | 'dns';
	host: string;
	port?: number;
	stack: string[];
}

export interface StartTimings {
	installMs: number;
	importMs: number;
	bootMs: number;
	activateMs: number;
	totalMs: number;
}

export interface RunningN8n {
	baseUrl: string;
	editorUrl: string;
	webhookBaseUrl: string;
	apiKey: string;
	owner: OwnerLogin;
	userFolder: string;
	logFile: string;
	workflows: WorkflowFile[];
	api: N8nPublicApi;
	timings: StartTimings;
	process: ManagedProcess;
	/** Queue mode's `n8n worker` processes (none otherwise). */
	workers: ManagedProcess[];
	outboundAttempts(): OutboundAttempt[];
	stop(): Promise<void>;
}

/**
 * Starts a real n8n the way an operator would run it: the package installed into the nodes folder,
 * workflows imported with n8n's own CLI, the owner provisioned from the environment, an API key
 * created, and the active workflows published. Resolves once every active webhook answers.
 */
export async function startN8n(options: StartN8nOptions): Promise<RunningN8n> {
	const t0 = Date.now();
	const { projectRoot, userFolder } = options;
	if (options.queue) await assertQueuePortsFree(options.queue);
	mkdirSync(userFolder, { recursive: true });
	const logFile = join(userFolder, 'n8n.log');
	const outboundFile = join(userFolder, 'outbound.jsonl');
	rmSync(outboundFile, { force: true });

	const workflows = readWorkflowFiles(options.workflowDirs);
	const owner = options.owner ?? newOwnerLogin();
	const node = resolveNodeBinary(projectRoot);
	const n8nEntry = resolveN8nEntry(projectRoot);
	const guardModule = join(projectRoot, 'dist', 'sandbox', 'n8n', 'outbound-guard.js');
	const env = n8nEnvironment({
		userFolder,
		nodeBinary: node,
		port: options.port,
		taskBrokerPort: options.taskBrokerPort,
		webhookUrl: options.webhookUrl,
		owner: { email: owner.email, passwordHash: hashPassword(owner.password) },
		outboundLog: options.guardOutbound ? { guardModule, file: outboundFile, block: true } : undefined,
		tuning: options.tuning,
		extra: { ...(options.queue ? queueModeEnvironment(options.queue) : {}), ...options.extraEnv },
	});

	await installPackageIntoN8n(projectRoot, userFolder);
	const tInstalled = Date.now();

	// n8n's CLI imports keep ids, so a re-import updates in place. Each costs a CLI boot, so it
	// only runs when the files changed.
	const runImport = async (kind: 'workflow' | 'credentials', files: Array<{ name: string; content: string }>) => {
		const dir = join(userFolder, `import-${kind}`);
		const marker = join(userFolder, `.beststag-imported-${kind}`);
		const digest = createHash('sha256').update(JSON.stringify(files)).digest('hex');
		if (files.length === 0 || (existsSync(marker) && readFileSync(marker, 'utf8') === digest)) return;
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		for (const file of files) writeFileSync(join(dir, file.name), file.content, { mode: 0o600 });
		try {
			const { stdout, stderr } = await run(node, [n8nEntry, `import:${kind}`, '--separate', `--input=${dir}`], { env, maxBuffer: 32 * 1024 * 1024 });
			appendFileSync(logFile, stdout + stderr);
		} catch (error) {
			const e = error as { stdout?: string; stderr?: string; message: string };
			appendFileSync(logFile, (e.stdout ?? '') + (e.stderr ?? ''));
			throw new Error(`n8n import:${kind} failed: ${e.message}\n${logTail(logFile, 15)}`);
		} finally {
			// Credential files hold secrets in plain text until n8n encrypts them.
			rmSync(dir, { recursive: true, force: true });
		}
		writeFileSync(marker, digest);
	};
	await runImport(
		'credentials',
		(options.credentials ?? []).map((c) => ({ name: `${c.id}.json`, content: JSON.stringify(c) })),
	);
	await runImport(
		'workflow',
		workflows.map((w) => ({ name: basename(w.file), content: readFileSync(w.file, 'utf8') })),
	);
	const tImported = Date.now();

	const proc = new ManagedProcess({ name: 'n8n', command: node, args: [n8nEntry, 'start'], env, logFile, echo: options.echoLogs });
	const baseUrl = `http://127.0.0.1:${options.port}`;
	const workers: ManagedProcess[] = [];
	const stop = async () => {
		// Workers first: each finishes (or gives back) its running executions while the main still answers.
		await Promise.all(workers.map((w) => w.stop()));
		await proc.stop();
	};
	try {
		await waitForHttp(`${baseUrl}/healthz/readiness`, {
			timeoutMs: options.readyTimeoutMs ?? 120_000,
			abortIf: () => (proc.running ? undefined : `n8n exited early.\n${logTail(logFile)}`),
		});
		for (let i = 0; i < (options.queue?.workers ?? 0); i++) {
			workers.push(
				new ManagedProcess({
					name: `n8n-worker-${i + 1}`,
					command: node,
					args: [n8nEntry, 'worker', `--concurrency=${options.queue!.concurrency ?? 10}`],
					env: {
						...env,
						// Each process brokers its own task runners; the health server says when the worker is ready.
						N8N_RUNNERS_BROKER_PORT: String(options.queue!.firstPort + 2 * i + 1),
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(options.queue!.firstPort + 2 * i),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
					logFile: join(userFolder, `n8n-worker-${i + 1}.log`),
					echo: options.echoLogs,
				}),
			);
		}
		await Promise.all(
			workers.map((w, i) =>
				waitForHttp(`http://127.0.0.1:${options.queue!.firstPort + 2 * i}/healthz/readiness`, {
					timeoutMs: options.readyTimeoutMs ?? 120_000,
					abortIf: () => (w.running ? undefined : `${w.spec.name} exited early.\n${logTail(join(userFolder, `${w.spec.name}.log`))}`),
				}),
			),
		);
		const tBooted = Date.now();

		const cookie = await loginAsOwner(baseUrl, owner);
		let apiKey = options.apiKey;
		if (!apiKey || !(await new N8nPublicApi(baseUrl, apiKey).keyWorks())) {
			apiKey = await createApiKey(baseUrl, cookie, `beststag-sandbox-${new Date().toISOString()}`);
		}
		const api = new N8nPublicApi(baseUrl, apiKey);
		for (const wf of workflows.filter((w) => w.active)) await api.activateWorkflow(wf.id);
		// Activation returns before the webhook is routable. A CORS preflight asks n8n whether the
		// path is registered (404 if not) without executing the workflow.
		for (const wf of workflows.filter((w) => w.active)) {
			for (const hook of wf.webhooks) {
				await waitForHttp(`${baseUrl}/webhook/${hook.path}`, {
					method: 'OPTIONS',
					headers: { origin: baseUrl, 'access-control-request-method': hook.method },
					timeoutMs: 15_000,
					intervalMs: 100,
				});
			}
		}
		const tActive = Date.now();

		return {
			baseUrl,
			editorUrl: `${baseUrl}/`,
			webhookBaseUrl: (options.webhookUrl ?? `${baseUrl}/`).replace(/\/?$/, '/') + 'webhook/',
			apiKey,
			owner,
			userFolder,
			logFile,
			workflows,
			api,
			process: proc,
			workers,
			timings: {
				installMs: tInstalled - t0,
				importMs: tImported - tInstalled,
				bootMs: tBooted - tImported,
				activateMs: tActive - tBooted,
				totalMs: tActive - t0,
			},
			outboundAttempts: () => readOutbound(outboundFile),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Queue mode needs at least one worker, and its ports free (a busy one only shows once the main has booted). */
async function assertQueuePortsFree(queue: QueueModeOptions): Promise<void> {
	if (!Number.isInteger(queue.workers) || queue.workers < 1) throw new RangeError(`Queue mode needs at least 1 worker to run executions; got ${queue.workers}.`);
	const busy: number[] = [];
	for (let port = queue.firstPort; port < queue.firstPort + 2 * queue.workers; port++) if (await inUse(port)) busy.push(port);
	if (busy.length > 0) throw new Error(`The n8n workers' ports ${busy.join(', ')} are already in use: stop whatever holds them or choose other ports.`);
}

function readOutbound(file: string): OutboundAttempt[] {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as OutboundAttempt);
}
