import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

import { DEFAULT_PORT_BASE } from './ports';

/** Sandbox settings. Every one has an offline default, so an empty .env runs everything locally. */
export interface SandboxConfig {
	projectRoot: string;
	portBase: number;
	/** Where the sandbox keeps n8n's data, secrets and endpoints.json. */
	dataDir: string;
	ownerEmail: string;
	n8nLogLevel: 'error' | 'warn' | 'info' | 'debug';
	/** Echo n8n's log lines to the terminal. */
	echoN8nLogs: boolean;
}

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/** Loads `<projectRoot>/.env` into process.env without overriding variables already set. */
export function loadDotEnv(projectRoot: string): string | undefined {
	const file = join(projectRoot, '.env');
	if (!existsSync(file)) return undefined;
	process.loadEnvFile(file);
	return file;
}

function parsePortBase(raw: string | undefined, source: string): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	if (!Number.isInteger(value)) throw new Error(`${source} must be a whole number, got "${raw}".`);
	return value;
}

export function sandboxConfig(
	projectRoot: string,
	flags: { portBase?: string; dataDir?: string } = {},
	env: NodeJS.ProcessEnv = process.env,
): SandboxConfig {
	const portBase =
		parsePortBase(flags.portBase, '--port-base') ?? parsePortBase(env.BESTSTAG_PORT_BASE, 'BESTSTAG_PORT_BASE') ?? DEFAULT_PORT_BASE;
	const rawDir = flags.dataDir ?? env.BESTSTAG_SANDBOX_DIR ?? '.sandbox';
	const level = (env.BESTSTAG_N8N_LOG_LEVEL ?? 'warn') as SandboxConfig['n8nLogLevel'];
	if (!LOG_LEVELS.includes(level)) {
		throw new Error(`BESTSTAG_N8N_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}".`);
	}
	return {
		projectRoot,
		portBase,
		dataDir: isAbsolute(rawDir) ? rawDir : join(projectRoot, rawDir),
		ownerEmail: env.BESTSTAG_OWNER_EMAIL || 'owner@beststag.local',
		n8nLogLevel: level,
		echoN8nLogs: env.BESTSTAG_N8N_ECHO_LOGS === 'true',
	};
}
