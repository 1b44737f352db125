import { join } from 'node:path';

import { handoffEnv } from '../core/assistant/handoff';
import type { SandboxConfig } from './config';
import { removeEndpoints, writeEndpoints, type SandboxEndpoints, type ServiceEndpoint } from './endpoints';
import { startN8n, type RunningN8n } from './n8n/harness';
import { resolveNodeBinary } from './n8n/node-runtime';
import { assertPortsFree } from './port-check';
import { planPorts } from './ports';
import { PidFile, stopLeftovers } from './process/pid-file';
import { loadOrCreateSecrets, saveSecrets } from './secrets';
import { TURN_EXECUTION_SETTINGS } from './n8n/execution-settings';
import { airtableBudgetEnv, dataPathRedisUrl, SANDBOX_SERVICES } from './services';
import { Supervisor } from './supervisor';
import { SANDBOX_REMINDER_TEMPLATE_SID, SANDBOX_REMINDER_TEMPLATE_SID_EN } from './twilio/reminder-templates';

export interface RunningSandbox {
	endpoints: SandboxEndpoints;
	endpointsFile: string;
	/** Resolves when the sandbox has stopped, by stop() or because a part of it failed. */
	done: Promise<void>;
	stop(): Promise<void>;
}

/** The WhatsApp trigger people's messages go to: not one that another trigger sends its delivery statuses to. */
function whatsappWebhookUrl(n8n: RunningN8n): string | null {
	const hooks = n8n.workflows.filter((w) => w.active).flatMap((w) => w.webhooks.filter((h) => h.nodeType === 'n8n-nodes-beststag.whatsAppTrigger'));
	const statusPaths = new Set(hooks.map((h) => h.statusPath).filter(Boolean));
	const hook = hooks.find((h) => !statusPaths.has(h.path)) ?? hooks[0];
	return hook ? `${n8n.webhookBaseUrl}${hook.path}` : null;
}

/** Brings up the whole offline system: the local stand-ins, then n8n with the package and workflows. */
export async function startSandbox(config: SandboxConfig, log: (line: string) => void = console.log): Promise<RunningSandbox> {
	const t0 = Date.now();
	const ports = planPorts(config.portBase);
	const serviceNames = SANDBOX_SERVICES.map((s) => s.name as keyof typeof ports);
	// A previous run killed before it could clean up may still hold the ports.
	await stopLeftovers(config.dataDir, { log });
	await assertPortsFree(ports, ['n8n', 'n8nTaskBroker', ...serviceNames]);
	const pidFile = new PidFile(config.dataDir);
	pidFile.track();

	const secrets = loadOrCreateSecrets(config.dataDir, config.ownerEmail);
	const node = resolveNodeBinary(config.projectRoot);
	const supervisor = new Supervisor();
	let n8n: RunningN8n | undefined;
	let stopped = false;
	let resolveDone!: () => void;
	const done = new Promise<void>((resolve) => (resolveDone = resolve));

	const stop = async () => {
		if (stopped) return done;
		stopped = true;
		removeEndpoints(config.dataDir);
		await n8n?.stop();
		await supervisor.stopAll();
		pidFile.remove();
		resolveDone();
	};
	supervisor.onFatal((error) => {
		log(`[sandbox] ${error.message}`);
		void stop();
	});

	try {
		const services: Record<string, ServiceEndpoint> = {};
		for (const service of SANDBOX_SERVICES) {
			log(`[sandbox] starting ${service.name}...`);
			await supervisor.start(service.spec(config, ports, node, secrets));
			services[service.name] = service.endpoint(ports, secrets);
		}

		log('[sandbox] starting n8n (package install, workflow import, owner, API key)...');
		n8n = await startN8n({
			projectRoot: config.projectRoot,
			userFolder: join(config.dataDir, 'n8n'),
			port: ports.n8n,
			taskBrokerPort: ports.n8nTaskBroker,
			workflowDirs: [join(config.projectRoot, 'workflows')],
			credentials: SANDBOX_SERVICES.flatMap((s) => s.credentials?.(ports, secrets) ?? []),
			owner: secrets.owner,
			apiKey: secrets.n8nApiKey,
			echoLogs: config.echoN8nLogs,
			// Successful turns are recorded as Messages rows, not as saved executions; failures are saved in full.
			tuning: { ...TURN_EXECUTION_SETTINGS },
			extraEnv: {
				N8N_ENCRYPTION_KEY: secrets.n8nEncryptionKey,
				N8N_LOG_LEVEL: config.n8nLogLevel,
				// The nodes share rate limits, deduplication, caches and the data path through it.
				BESTSTAG_REDIS_URL: dataPathRedisUrl(ports),
				// The hand-off's settings from .env, and the portal link its consultant notice carries.
				...handoffEnv(process.env),
				BESTSTAG_PORTAL_URL: process.env.BESTSTAG_PORTAL_URL?.trim() || services.portal.url,
				// Reminders: the stand-in's approved templates, delivery statuses to the delivery status workflow, the test clock.
				BESTSTAG_REMINDER_TEMPLATE_SID: SANDBOX_REMINDER_TEMPLATE_SID,
				BESTSTAG_REMINDER_TEMPLATE_SID_EN: SANDBOX_REMINDER_TEMPLATE_SID_EN,
				BESTSTAG_STATUS_CALLBACK_URL: `http://127.0.0.1:${ports.n8n}/webhook/whatsapp/status`,
				BESTSTAG_TEST_CLOCK: '1',
				...airtableBudgetEnv(),
			},
		});
		if (n8n.apiKey !== secrets.n8nApiKey) saveSecrets(config.dataDir, { ...secrets, n8nApiKey: n8n.apiKey });
		const running = n8n;
		void running.process.exited.then((exit) => {
			if (stopped) return;
			log(`[sandbox] n8n exited unexpectedly (code ${exit.code}, signal ${exit.signal}); see ${running.logFile}. Stopping the sandbox.`);
			void stop();
		});

		const endpoints: SandboxEndpoints = {
			version: 1,
			startedAt: new Date().toISOString(),
			supervisorPid: process.pid,
			portBase: config.portBase,
			ports,
			n8n: {
				editorUrl: n8n.editorUrl,
				baseUrl: n8n.baseUrl,
				webhookBaseUrl: n8n.webhookBaseUrl,
				publicApiUrl: `${n8n.baseUrl}/api/v1`,
				owner: { email: n8n.owner.email, password: n8n.owner.password },
				apiKey: n8n.apiKey,
				userFolder: n8n.userFolder,
				logFile: n8n.logFile,
				startTimings: n8n.timings,
			},
			portal: { url: services.portal.url, whatsappSimulatorUrl: `${services.portal.url}simulator` },
			whatsappWebhookUrl: whatsappWebhookUrl(n8n),
			services,
			workflows: n8n.workflows.map((w) => ({ id: w.id, name: w.name, active: w.active })),
			coldStartMs: Date.now() - t0,
		};
		const endpointsFile = writeEndpoints(config.dataDir, endpoints);
		return { endpoints, endpointsFile, done, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
