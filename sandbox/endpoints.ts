import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { StartTimings } from './n8n/harness';
import type { PortPlan } from './ports';

export interface ServiceEndpoint {
	url: string;
	port: number;
	/** Credentials a client needs for this stand-in (tokens, account ids); sandbox-only values. */
	credentials?: Record<string, string>;
}

/**
 * `.sandbox/endpoints.json`: how scripts and tests find the running sandbox. It holds sandbox
 * credentials, so it is git-ignored and readable by its owner only.
 */
export interface SandboxEndpoints {
	version: 1;
	startedAt: string;
	supervisorPid: number;
	portBase: number;
	ports: PortPlan;
	n8n: {
		editorUrl: string;
		baseUrl: string;
		webhookBaseUrl: string;
		publicApiUrl: string;
		owner: { email: string; password: string };
		apiKey: string;
		userFolder: string;
		logFile: string;
		/** Where start-up time went: package install, workflow import, boot, activation. */
		startTimings: StartTimings;
	};
	portal: { url: string; whatsappSimulatorUrl: string };
	/** Where Twilio posts inbound WhatsApp messages in the sandbox: the active inbound workflow's trigger. */
	whatsappWebhookUrl: string | null;
	services: Record<string, ServiceEndpoint>;
	workflows: Array<{ id: string; name: string; active: boolean }>;
	coldStartMs: number;
}

export function endpointsPath(dataDir: string): string {
	return join(dataDir, 'endpoints.json');
}

export function writeEndpoints(dataDir: string, endpoints: SandboxEndpoints): string {
	const file = endpointsPath(dataDir);
	mkdirSync(dirname(file), { recursive: true });
	const temp = `${file}.tmp`;
	writeFileSync(temp, JSON.stringify(endpoints, null, 2) + '\n', { mode: 0o600 });
	chmodSync(temp, 0o600);
	renameSync(temp, file);
	return file;
}

export function readEndpoints(dataDir: string): SandboxEndpoints {
	const file = endpointsPath(dataDir);
	if (!existsSync(file)) {
		throw new Error(`No running sandbox: ${file} does not exist. Start one with "npm start".`);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as SandboxEndpoints;
}

export function removeEndpoints(dataDir: string): void {
	rmSync(endpointsPath(dataDir), { force: true });
}
