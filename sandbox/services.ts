import { join } from 'node:path';

import type { SandboxConfig } from './config';
import type { ServiceEndpoint } from './endpoints';
import type { PortPlan } from './ports';
import type { ServiceSpec } from './supervisor';

/**
 * The local processes the sandbox runs beside n8n. Each stand-in for an external service
 * (Airtable, Twilio, Google, Microsoft, Notion, Monday, Gamma, OpenAI, Anthropic) registers here.
 */
export interface SandboxService {
	name: string;
	spec(config: SandboxConfig, ports: PortPlan, node: string): ServiceSpec;
	endpoint(ports: PortPlan): ServiceEndpoint;
}

function distEntry(config: SandboxConfig, ...path: string[]): string {
	return join(config.projectRoot, 'dist', ...path);
}

export const portalService: SandboxService = {
	name: 'portal',
	spec: (config, ports, node) => ({
		name: 'portal',
		command: node,
		args: [distEntry(config, 'portal', 'server.js')],
		env: {
			PATH: process.env.PATH,
			PORTAL_PORT: String(ports.portal),
			BESTSTAG_SANDBOX_DIR: config.dataDir,
		},
		logFile: join(config.dataDir, 'logs', 'portal.log'),
		healthUrl: `http://127.0.0.1:${ports.portal}/healthz`,
	}),
	endpoint: (ports) => ({ url: `http://127.0.0.1:${ports.portal}/`, port: ports.portal }),
};

/** Started in this order, before n8n, so workflows find their services up. */
export const SANDBOX_SERVICES: SandboxService[] = [portalService];
