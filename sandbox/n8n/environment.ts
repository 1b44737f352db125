import { delimiter, dirname } from 'node:path';

/**
 * The environment n8n runs with in the sandbox and in tests: loopback only, no telemetry,
 * no version checks, no templates, and no module that calls home.
 */
export interface N8nEnvironmentOptions {
	userFolder: string;
	/** The Node 24 binary; its folder leads PATH because n8n launches its task runner as plain `node`. */
	nodeBinary: string;
	port: number;
	taskBrokerPort: number;
	/** The public base URL of webhooks, as Twilio and other callers reach n8n. */
	webhookUrl?: string;
	owner: { email: string; passwordHash: string };
	/** File for the outbound-connection guard; omit to run without the guard. */
	outboundLog?: { guardModule: string; file: string; block: boolean };
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Per-execution cost settings, see bench/ for what each one changes. */
	tuning?: Record<string, string>;
	extra?: Record<string, string>;
}

/** Modules that reach the internet at start-up or on a timer (found with the outbound guard). */
export const OFFLINE_DISABLED_MODULES = ['mcp-registry'];

export function n8nEnvironment(options: N8nEnvironmentOptions, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const webhookUrl = options.webhookUrl ?? `http://127.0.0.1:${options.port}/`;
	const env: NodeJS.ProcessEnv = {
		PATH: [dirname(options.nodeBinary), base.PATH].filter(Boolean).join(delimiter),
		HOME: base.HOME,
		LANG: base.LANG ?? 'C.UTF-8',
		TZ: base.TZ,
		GENERIC_TIMEZONE: base.GENERIC_TIMEZONE ?? 'America/Sao_Paulo',
		N8N_USER_FOLDER: options.userFolder,

		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: webhookUrl,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${options.port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(options.taskBrokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_TASK_TIMEOUT: '60',

		// Nothing leaves the machine.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DISABLED_MODULES: OFFLINE_DISABLED_MODULES.join(','),

		// Our package is installed by hand into the nodes folder, the way a self-hosted user does.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',

		// The owner exists from the first boot; no setup screen.
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: options.owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'BestStag',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Sandbox',
		N8N_INSTANCE_OWNER_PASSWORD_HASH: options.owner.passwordHash,

		N8N_LOG_LEVEL: options.logLevel ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		...options.tuning,
		...options.extra,
	};
	if (base.N8N_ENCRYPTION_KEY) env.N8N_ENCRYPTION_KEY = base.N8N_ENCRYPTION_KEY;
	if (options.outboundLog) {
		env.NODE_OPTIONS = `--require ${options.outboundLog.guardModule}`;
		env.BESTSTAG_OUTBOUND_LOG = options.outboundLog.file;
		env.BESTSTAG_OUTBOUND_BLOCK = String(options.outboundLog.block);
	}
	for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
	return env;
}
