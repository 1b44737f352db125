import { join } from 'node:path';

import { PORTAL_ENV } from '../portal/env';
import { AIRTABLE_STORE_ENV } from './airtable/env';
import type { SandboxConfig } from './config';
import { ANTHROPIC_STANDIN_ENV, OPENAI_STANDIN_ENV } from './llm/env';
import type { N8nCredential } from './n8n/harness';
import type { SandboxSecrets } from './secrets';
import type { ServiceEndpoint } from './endpoints';
import type { PortName, PortPlan } from './ports';
import type { EnvContract, EnvInput, EnvSpec } from './stand-in/env';
import type { ServiceSpec } from './supervisor';
import { TWILIO_STANDIN_ENV } from './twilio/env';

/**
 * The local processes the sandbox runs beside n8n. Each stand-in for an external service
 * (Airtable, Twilio, Google, Microsoft, Notion, Monday, Gamma, OpenAI, Anthropic) registers here,
 * one entry per service.
 */
export interface SandboxService {
	name: string;
	spec(config: SandboxConfig, ports: PortPlan, node: string, secrets: SandboxSecrets): ServiceSpec;
	endpoint(ports: PortPlan, secrets: SandboxSecrets): ServiceEndpoint;
	/** n8n credentials that point BestStag's nodes at this stand-in. */
	credentials?(ports: PortPlan, secrets: SandboxSecrets): N8nCredential[];
}

const local = (port: number) => `http://127.0.0.1:${port}/`;

/** A compiled entry point under dist/. */
function distEntry(config: SandboxConfig, ...path: string[]): string {
	return join(config.projectRoot, 'dist', ...path);
}

/** A stand-in built on sandbox/stand-in, described by what differs from one to the next. */
interface StandInDefinition<S extends EnvSpec> {
	name: PortName;
	/** Its compiled main, under dist/. */
	entry: string[];
	/** The environment its main reads (the stand-in's env.ts)... */
	contract: EnvContract<S>;
	/** ...and the values the sandbox gives it. */
	env(config: SandboxConfig, ports: PortPlan, secrets: SandboxSecrets): EnvInput<S>;
	/** What a client needs to call it, recorded in endpoints.json. */
	clientCredentials?(ports: PortPlan, secrets: SandboxSecrets): Record<string, string>;
	credentials?(ports: PortPlan, secrets: SandboxSecrets): N8nCredential[];
}

/**
 * A stand-in as the supervisor runs it: a Node program configured only through its environment
 * contract, answering GET /healthz, and exiting by itself when the supervisor's IPC channel closes.
 */
function standIn<S extends EnvSpec>(def: StandInDefinition<S>): SandboxService {
	return {
		name: def.name,
		spec: (config, ports, node, secrets) => ({
			name: def.name,
			command: node,
			args: [join(config.projectRoot, 'dist', ...def.entry)],
			env: { PATH: process.env.PATH, ...def.contract.toEnv(def.env(config, ports, secrets)) },
			logFile: join(config.dataDir, 'logs', `${def.name}.log`),
			healthUrl: `http://127.0.0.1:${ports[def.name]}/healthz`,
			lifeline: 'ipc',
		}),
		endpoint: (ports, secrets) => ({
			url: local(ports[def.name]),
			port: ports[def.name],
			...(def.clientCredentials ? { credentials: def.clientCredentials(ports, secrets) } : {}),
		}),
		credentials: def.credentials,
	};
}

export const portalService = standIn({
	name: 'portal',
	entry: ['portal', 'server.js'],
	contract: PORTAL_ENV,
	env: (config, ports) => ({ port: ports.portal, dataDir: config.dataDir }),
});

/** The id workflows use for the sandbox's Airtable credential (n8n ids are 16 letters or digits). */
export const SANDBOX_AIRTABLE_CREDENTIAL_ID = 'bsAirtableSandbx';

export const airtableService = standIn({
	name: 'airtable',
	entry: ['sandbox', 'airtable', 'server.js'],
	contract: AIRTABLE_STORE_ENV,
	env: (config, ports, secrets) => ({ port: ports.airtable, dataDir: join(config.dataDir, 'airtable'), token: secrets.airtable.token, baseId: secrets.airtable.baseId }),
	clientCredentials: (_ports, secrets) => ({ token: secrets.airtable.token, baseId: secrets.airtable.baseId }),
	credentials: (ports, secrets) => [
		{
			id: SANDBOX_AIRTABLE_CREDENTIAL_ID,
			name: 'BestStag Airtable (sandbox)',
			type: 'airtableCrmApi',
			data: { accessToken: secrets.airtable.token, baseId: secrets.airtable.baseId, endpointUrl: `http://127.0.0.1:${ports.airtable}` },
		},
	],
});

export const SANDBOX_TWILIO_CREDENTIAL_ID = 'bsTwilioSandbox1';
/** Twilio's own WhatsApp sandbox number, so flows built here look like the real thing. */
export const SANDBOX_WHATSAPP_SENDER = 'whatsapp:+14155238886';

export const twilioService = standIn({
	name: 'twilio',
	entry: ['sandbox', 'twilio', 'server.js'],
	contract: TWILIO_STANDIN_ENV,
	env: (config, ports, secrets) => ({ port: ports.twilio, dataDir: join(config.dataDir, 'twilio'), accountSid: secrets.twilio.accountSid, authToken: secrets.twilio.authToken }),
	clientCredentials: (_ports, secrets) => ({ accountSid: secrets.twilio.accountSid, authToken: secrets.twilio.authToken, whatsappSender: SANDBOX_WHATSAPP_SENDER }),
	credentials: (ports, secrets) => [
		{
			id: SANDBOX_TWILIO_CREDENTIAL_ID,
			name: 'BestStag Twilio WhatsApp (sandbox)',
			type: 'twilioWhatsAppApi',
			data: { accountSid: secrets.twilio.accountSid, authToken: secrets.twilio.authToken, from: SANDBOX_WHATSAPP_SENDER, baseUrl: `http://127.0.0.1:${ports.twilio}` },
		},
	],
});

/** The OpenAI and Anthropic stand-ins answer with BestStag's offline model, so the LLM path works offline. */
function llmService(kind: 'openai' | 'anthropic'): SandboxService {
	const keyOf = (secrets: SandboxSecrets) => (kind === 'openai' ? secrets.llm.openaiKey : secrets.llm.anthropicKey);
	// The OpenAI SDK's base URL includes /v1; Anthropic's does not.
	const baseUrl = (port: number) => (kind === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`);
	const clientCredentials = (ports: PortPlan, secrets: SandboxSecrets) => ({ apiKey: keyOf(secrets), baseUrl: baseUrl(ports[kind]) });
	return standIn({
		name: kind,
		entry: ['sandbox', 'llm', `${kind}-server.js`],
		contract: kind === 'openai' ? OPENAI_STANDIN_ENV : ANTHROPIC_STANDIN_ENV,
		env: (_config, ports, secrets) => ({ port: ports[kind], apiKey: keyOf(secrets) }),
		clientCredentials,
		credentials: (ports, secrets) => [
			{
				id: kind === 'openai' ? 'bsOpenAiSandbox1' : 'bsAnthropicSndbx',
				name: `BestStag ${kind === 'openai' ? 'OpenAI' : 'Anthropic'} (sandbox)`,
				type: kind === 'openai' ? 'bestStagOpenAiApi' : 'bestStagAnthropicApi',
				data: clientCredentials(ports, secrets),
			},
		],
	});
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

/**
 * BESTSTAG_AIRTABLE_BUDGET as set for `npm start` (absent = the default 4 requests/s per base), for
 * n8n and the flusher alike, so every process books the same budget in the shared window.
 */
export function airtableBudgetEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
	const value = env.BESTSTAG_AIRTABLE_BUDGET?.trim();
	return value ? { BESTSTAG_AIRTABLE_BUDGET: value } : {};
}

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
			...airtableBudgetEnv(),
		},
		logFile: join(config.dataDir, 'logs', 'flusher.log'),
		healthUrl: `http://127.0.0.1:${ports.flusher}/healthz`,
	}),
	endpoint: (ports) => ({ url: `http://127.0.0.1:${ports.flusher}/`, port: ports.flusher }),
};

/** Started in this order, before n8n, so workflows find their services up. */
export const SANDBOX_SERVICES: SandboxService[] = [airtableService, twilioService, openAiService, anthropicService, portalService, redisService, flusherService];
