import { join } from 'node:path';

import { PORTAL_ENV } from '../portal/env';
import { AIRTABLE_STORE_ENV } from './airtable/env';
import type { SandboxConfig } from './config';
import { ANTHROPIC_STANDIN_ENV, OPENAI_STANDIN_ENV } from './llm/env';
import type { N8nCredential } from './n8n/harness';
import type { SandboxSecrets } from './secrets';
import type { ServiceEndpoint } from './endpoints';
import type { PortName, PortPlan } from './ports';
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

/**
 * A stand-in built on sandbox/stand-in: a Node program under dist/ (`entry`), configured only through
 * its environment contract, answering GET /healthz, and exiting by itself when the supervisor's IPC
 * channel closes.
 */
function standInSpec(config: SandboxConfig, node: string, name: PortName, port: number, entry: string[], env: Record<string, string>): ServiceSpec {
	return {
		name,
		command: node,
		args: [join(config.projectRoot, 'dist', ...entry)],
		env: { PATH: process.env.PATH, ...env },
		logFile: join(config.dataDir, 'logs', `${name}.log`),
		healthUrl: `http://127.0.0.1:${port}/healthz`,
		lifeline: 'ipc',
	};
}

export const portalService: SandboxService = {
	name: 'portal',
	spec: (config, ports, node) =>
		standInSpec(config, node, 'portal', ports.portal, ['portal', 'server.js'], PORTAL_ENV.toEnv({ port: ports.portal, dataDir: config.dataDir })),
	endpoint: (ports) => ({ url: local(ports.portal), port: ports.portal }),
};

/** The id workflows use for the sandbox's Airtable credential (n8n ids are 16 letters or digits). */
export const SANDBOX_AIRTABLE_CREDENTIAL_ID = 'bsAirtableSandbx';

export const airtableService: SandboxService = {
	name: 'airtable',
	spec: (config, ports, node, secrets) =>
		standInSpec(
			config,
			node,
			'airtable',
			ports.airtable,
			['sandbox', 'airtable', 'server.js'],
			AIRTABLE_STORE_ENV.toEnv({ port: ports.airtable, dataDir: join(config.dataDir, 'airtable'), token: secrets.airtable.token, baseId: secrets.airtable.baseId }),
		),
	endpoint: (ports, secrets) => ({
		url: local(ports.airtable),
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
	spec: (config, ports, node, secrets) =>
		standInSpec(
			config,
			node,
			'twilio',
			ports.twilio,
			['sandbox', 'twilio', 'server.js'],
			TWILIO_STANDIN_ENV.toEnv({ port: ports.twilio, dataDir: join(config.dataDir, 'twilio'), accountSid: secrets.twilio.accountSid, authToken: secrets.twilio.authToken }),
		),
	endpoint: (ports, secrets) => ({
		url: local(ports.twilio),
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
	const env = kind === 'openai' ? OPENAI_STANDIN_ENV : ANTHROPIC_STANDIN_ENV;
	const credentialType = kind === 'openai' ? 'bestStagOpenAiApi' : 'bestStagAnthropicApi';
	const keyOf = (secrets: SandboxSecrets) => (kind === 'openai' ? secrets.llm.openaiKey : secrets.llm.anthropicKey);
	// The OpenAI SDK's base URL includes /v1; Anthropic's does not.
	const baseUrl = (port: number) => (kind === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`);
	return {
		name: kind,
		spec: (config, ports, node, secrets) =>
			standInSpec(config, node, kind, ports[kind], ['sandbox', 'llm', `${kind}-server.js`], env.toEnv({ port: ports[kind], apiKey: keyOf(secrets) })),
		endpoint: (ports, secrets) => ({ url: local(ports[kind]), port: ports[kind], credentials: { apiKey: keyOf(secrets), baseUrl: baseUrl(ports[kind]) } }),
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

/** Started in this order, before n8n, so workflows find their services up. */
export const SANDBOX_SERVICES: SandboxService[] = [airtableService, twilioService, openAiService, anthropicService, portalService];
