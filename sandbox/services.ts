import { join } from 'node:path';

import type { SandboxConfig } from './config';
import type { N8nCredential } from './n8n/harness';
import type { SandboxSecrets } from './secrets';
import type { ServiceEndpoint } from './endpoints';
import type { PortPlan } from './ports';
import type { ServiceSpec } from './supervisor';

/**
 * The local processes the sandbox runs beside n8n. Each stand-in for an external service
 * (Airtable, Twilio, Google, Microsoft, Notion, Monday, Gamma, OpenAI, Anthropic) registers here.
 */
export interface SandboxService {
	name: string;
	spec(config: SandboxConfig, ports: PortPlan, node: string, secrets: SandboxSecrets): ServiceSpec;
	endpoint(ports: PortPlan, secrets: SandboxSecrets): ServiceEndpoint;
	/** n8n credentials that point BestStag's nodes at this stand-in. */
	credentials?(ports: PortPlan, secrets: SandboxSecrets): N8nCredential[];
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

/** The id workflows use for the sandbox's Airtable credential (n8n ids are 16 letters or digits). */
export const SANDBOX_AIRTABLE_CREDENTIAL_ID = 'bsAirtableSandbx';

export const airtableService: SandboxService = {
	name: 'airtable',
	spec: (config, ports, node, secrets) => ({
		name: 'airtable',
		command: node,
		args: [distEntry(config, 'sandbox', 'airtable', 'server.js')],
		env: {
			PATH: process.env.PATH,
			AIRTABLE_STORE_PORT: String(ports.airtable),
			AIRTABLE_STORE_DATA: join(config.dataDir, 'airtable'),
			AIRTABLE_STORE_TOKEN: secrets.airtable.token,
			AIRTABLE_STORE_BASE_ID: secrets.airtable.baseId,
		},
		logFile: join(config.dataDir, 'logs', 'airtable.log'),
		healthUrl: `http://127.0.0.1:${ports.airtable}/healthz`,
	}),
	endpoint: (ports, secrets) => ({
		url: `http://127.0.0.1:${ports.airtable}/`,
		port: ports.airtable,
		credentials: { token: secrets.airtable.token, baseId: secrets.airtable.baseId },
	}),
	credentials: (ports, secrets) => [
		{
			id: SANDBOX_AIRTABLE_CREDENTIAL_ID,
			name: 'BestStag Airtable (sandbox)',
			type: 'airtableCrmApi',
			data: { accessToken: secrets.airtable.token, baseId: secrets.airtable.baseId, endpointUrl: `http://127.0.0.1:${ports.airtable}` },
		},
	],
};

export const SANDBOX_TWILIO_CREDENTIAL_ID = 'bsTwilioSandbox1';
/** Twilio's own WhatsApp sandbox number, so flows built here look like the real thing. */
export const SANDBOX_WHATSAPP_SENDER = 'whatsapp:+14155238886';

export const twilioService: SandboxService = {
	name: 'twilio',
	spec: (config, ports, node, secrets) => ({
		name: 'twilio',
		command: node,
		args: [distEntry(config, 'sandbox', 'twilio', 'server.js')],
		env: {
			PATH: process.env.PATH,
			TWILIO_STANDIN_PORT: String(ports.twilio),
			TWILIO_STANDIN_DATA: join(config.dataDir, 'twilio'),
			TWILIO_STANDIN_ACCOUNT_SID: secrets.twilio.accountSid,
			TWILIO_STANDIN_AUTH_TOKEN: secrets.twilio.authToken,
		},
		logFile: join(config.dataDir, 'logs', 'twilio.log'),
		healthUrl: `http://127.0.0.1:${ports.twilio}/healthz`,
	}),
	endpoint: (ports, secrets) => ({
		url: `http://127.0.0.1:${ports.twilio}/`,
		port: ports.twilio,
		credentials: { accountSid: secrets.twilio.accountSid, authToken: secrets.twilio.authToken, whatsappSender: SANDBOX_WHATSAPP_SENDER },
	}),
	credentials: (ports, secrets) => [
		{
			id: SANDBOX_TWILIO_CREDENTIAL_ID,
			name: 'BestStag Twilio WhatsApp (sandbox)',
			type: 'twilioWhatsAppApi',
			data: { accountSid: secrets.twilio.accountSid, authToken: secrets.twilio.authToken, from: SANDBOX_WHATSAPP_SENDER, baseUrl: `http://127.0.0.1:${ports.twilio}` },
		},
	],
};

/** The OpenAI and Anthropic stand-ins answer with BestStag's offline model, so the LLM path works offline. */
function llmService(kind: 'openai' | 'anthropic'): SandboxService {
	const envPrefix = kind === 'openai' ? 'OPENAI' : 'ANTHROPIC';
	const credentialType = kind === 'openai' ? 'bestStagOpenAiApi' : 'bestStagAnthropicApi';
	const keyOf = (secrets: SandboxSecrets) => (kind === 'openai' ? secrets.llm.openaiKey : secrets.llm.anthropicKey);
	// The OpenAI SDK's base URL includes /v1; Anthropic's does not.
	const baseUrl = (port: number) => (kind === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`);
	return {
		name: kind,
		spec: (config, ports, node, secrets) => ({
			name: kind,
			command: node,
			args: [distEntry(config, 'sandbox', 'llm', `${kind}-server.js`)],
			env: { PATH: process.env.PATH, [`${envPrefix}_STANDIN_PORT`]: String(ports[kind]), [`${envPrefix}_STANDIN_KEY`]: keyOf(secrets) },
			logFile: join(config.dataDir, 'logs', `${kind}.log`),
			healthUrl: `http://127.0.0.1:${ports[kind]}/healthz`,
		}),
		endpoint: (ports, secrets) => ({ url: `http://127.0.0.1:${ports[kind]}/`, port: ports[kind], credentials: { apiKey: keyOf(secrets), baseUrl: baseUrl(ports[kind]) } }),
		credentials: (ports, secrets) => [
			{
				id: kind === 'openai' ? 'bsOpenAiSandbox1' : 'bsAnthropicSndbx',
				name: `BestStag ${kind === 'openai' ? 'OpenAI' : 'Anthropic'} (sandbox)`,
				type: credentialType,
				data: { apiKey: keyOf(secrets), baseUrl: baseUrl(ports[kind]) },
			},
		],
	};
}

export const openAiService = llmService('openai');
export const anthropicService = llmService('anthropic');

/** The data path's Redis: BESTSTAG_REDIS_URL when set (yours), else the sandbox's own redis-server. */
export function dataPathRedisUrl(ports: PortPlan, env: NodeJS.ProcessEnv = process.env): string {
	return env.BESTSTAG_REDIS_URL?.trim() || `redis://127.0.0.1:${ports.redis}`;
}

/** redis-server with AOF (appendfsync always), data under .sandbox/redis; see sandbox/datapath/redis-server.ts. */
export const redisService: SandboxService = {
	name: 'redis',
	spec: (config, ports, node) => ({
		name: 'redis',
		command: node,
		args: [distEntry(config, 'sandbox', 'datapath', 'redis-server.js')],
		env: { PATH: process.env.PATH, DATAPATH_REDIS_PORT: String(ports.redis), DATAPATH_HEALTH_PORT: String(ports.redisHealth), DATAPATH_REDIS_DIR: join(config.dataDir, 'redis') },
		logFile: join(config.dataDir, 'logs', 'redis.log'),
		healthUrl: `http://127.0.0.1:${ports.redisHealth}/healthz`,
	}),
	endpoint: (ports) => ({ url: `http://127.0.0.1:${ports.redisHealth}/`, port: ports.redis, credentials: { redisUrl: dataPathRedisUrl(ports) } }),
};

/** "beststag flusher": sends the outbox to the Airtable stand-in at the default budget (4 requests/s per base). */
export const flusherService: SandboxService = {
	name: 'flusher',
	spec: (config, ports, node, secrets) => ({
		name: 'flusher',
		command: node,
		args: [distEntry(config, 'cli', 'beststag.js'), 'flusher', '--health-port', String(ports.flusher)],
		env: {
			PATH: process.env.PATH,
			BESTSTAG_REDIS_URL: dataPathRedisUrl(ports),
			BESTSTAG_AIRTABLE_TOKEN: secrets.airtable.token,
			BESTSTAG_AIRTABLE_URL: `http://127.0.0.1:${ports.airtable}`,
		},
		logFile: join(config.dataDir, 'logs', 'flusher.log'),
		healthUrl: `http://127.0.0.1:${ports.flusher}/healthz`,
	}),
	endpoint: (ports) => ({ url: `http://127.0.0.1:${ports.flusher}/`, port: ports.flusher }),
};

/** Started in this order, before n8n, so workflows find their services up. */
export const SANDBOX_SERVICES: SandboxService[] = [airtableService, twilioService, openAiService, anthropicService, portalService, redisService, flusherService];
