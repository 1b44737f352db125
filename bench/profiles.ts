/**
 * n8n settings that may lower the cost of one execution. The baseline benchmark runs the same
 * load under each profile, so what each setting changes is measured, not assumed.
 */
export interface TuningProfile {
	name: string;
	description: string;
	env: Record<string, string>;
}

export const TUNING_PROFILES: TuningProfile[] = [
	{ name: 'default', description: "n8n's defaults (SQLite, every execution saved, insights on)", env: {} },
	{
		name: 'no-success-data',
		description: 'successful executions are not saved (EXECUTIONS_DATA_SAVE_ON_SUCCESS=none); errors still are',
		env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false' },
	},
	{
		name: 'no-insights',
		description: 'the insights module, which records every production execution, is off (N8N_DISABLED_MODULES+=insights)',
		env: { N8N_DISABLED_MODULES: 'mcp-registry,insights' },
	},
	{
		name: 'no-log-streaming',
		description: 'the log-streaming module, whose relay writes workflow and node events to the event log, is off (N8N_DISABLED_MODULES+=log-streaming)',
		env: { N8N_DISABLED_MODULES: 'mcp-registry,log-streaming' },
	},
	{
		name: 'sqlite-pool',
		description: 'SQLite in WAL mode with a pool of 4 connections (DB_SQLITE_POOL_SIZE=4)',
		env: { DB_SQLITE_POOL_SIZE: '4' },
	},
	{
		name: 'lean',
		description: 'all of the above together',
		env: {
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry,insights,log-streaming',
			DB_SQLITE_POOL_SIZE: '4',
		},
	},
];
