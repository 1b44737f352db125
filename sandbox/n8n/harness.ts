import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

import { waitForHttp } from '../http-health';
import { ManagedProcess } from '../process/managed-process';
import { n8nEnvironment } from './environment';
import { resolveN8nEntry, resolveNodeBinary } from './node-runtime';
import { createApiKey, hashPassword, loginAsOwner, newOwnerLogin, type OwnerLogin } from './owner';
import { installPackageIntoN8n } from './package-install';
import { N8nPublicApi } from './public-api';
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
	outboundAttempts(): OutboundAttempt[];
	stop(): Promise<void>;
}

function tail(file: string, lines = 30): string {
	if (!existsSync(file)) return '(no log)';
	return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/**
 * Starts a real n8n the way an operator would run it: the package installed into the nodes folder,
 * workflows imported with n8n's own CLI, the owner provisioned from the environment, an API key
 * created, and the active workflows published. Resolves once every active webhook answers.
 */
export async function startN8n(options: StartN8nOptions): Promise<RunningN8n> {
	const t0 = Date.now();
	const { projectRoot, userFolder } = options;
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
		extra: options.extraEnv,
	});

	await installPackageIntoN8n(projectRoot, userFolder);
	const tInstalled = Date.now();

	// n8n's CLI import keeps each workflow's id, so a re-import updates in place. It costs a
	// CLI boot, so it only runs when the workflow files changed.
	const importDir = join(userFolder, 'import');
	const importMarker = join(userFolder, '.beststag-imported');
	const workflowsDigest = digestFiles(workflows.map((w) => w.file));
	const upToDate = existsSync(importMarker) && readFileSync(importMarker, 'utf8') === workflowsDigest;
	if (workflows.length > 0 && !upToDate) {
		rmSync(importDir, { recursive: true, force: true });
		mkdirSync(importDir, { recursive: true });
		for (const wf of workflows) copyFileSync(wf.file, join(importDir, basename(wf.file)));
		try {
			const { stdout, stderr } = await run(node, [n8nEntry, 'import:workflow', '--separate', `--input=${importDir}`], {
				env,
				maxBuffer: 32 * 1024 * 1024,
			});
			appendFileSync(logFile, stdout + stderr);
		} catch (error) {
			const e = error as { stdout?: string; stderr?: string; message: string };
			appendFileSync(logFile, (e.stdout ?? '') + (e.stderr ?? ''));
			throw new Error(`n8n import:workflow failed for ${importDir}: ${e.message}\n${tail(logFile, 15)}`);
		}
		writeFileSync(importMarker, workflowsDigest);
	}
	const tImported = Date.now();

	const proc = new ManagedProcess({ name: 'n8n', command: node, args: [n8nEntry, 'start'], env, logFile, echo: options.echoLogs });
	const baseUrl = `http://127.0.0.1:${options.port}`;
	const stop = async () => {
		await proc.stop();
	};
	try {
		await waitForHttp(`${baseUrl}/healthz/readiness`, {
			timeoutMs: options.readyTimeoutMs ?? 120_000,
			abortIf: () => (proc.running ? undefined : `n8n exited early.\n${tail(logFile)}`),
		});
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

function digestFiles(files: string[]): string {
	const hash = createHash('sha256');
	for (const file of [...files].sort()) hash.update(file).update('\0').update(readFileSync(file));
	return hash.digest('hex');
}

function readOutbound(file: string): OutboundAttempt[] {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as OutboundAttempt);
}
