/**
 * How n8n saves executions where BestStag answers WhatsApp turns (`npm start`, the assistant
 * benchmark, the compose file). Saving a successful turn's full run data (every node's items,
 * serialized into the database) is the largest per-execution cost n8n adds that nobody reads:
 * each turn is already recorded as its Messages row in Airtable (text, reply, intent, latency).
 * Failed executions are still saved in full, so an operator opens every failure in the editor,
 * and manual runs in the editor are saved as usual. Measured in bench/results/assistant.md.
 * Settings: https://docs.n8n.io/hosting/configuration/environment-variables/executions/
 */
/**
 * n8n's in-process expression evaluator (`legacy`: the tournament evaluator with n8n's expression
 * sandbox, n8n 1.x's only engine) instead of n8n 2's default `vm`, which evaluates every `{{ }}`
 * parameter in an isolated-vm isolate, one per process unless N8N_EXPRESSION_ENGINE_POOL_SIZE says
 * otherwise. Measured on the assistant workflow at 2 msg/s (bench/results/assistant.md): `vm` took
 * 1,081 ms of CPU per turn and answered at p50 21 s as turns queued for the isolate; `legacy` took
 * 298 ms and answered at p50 179 ms. The isolate guards against expressions written by untrusted
 * editors; BestStag's workflows are the operator's own. Set N8N_EXPRESSION_ENGINE=vm where people
 * you do not trust edit workflows. https://docs.n8n.io/hosting/configuration/environment-variables/
 */
export const TURN_EXPRESSION_ENGINE: Readonly<Record<string, string>> = Object.freeze({ N8N_EXPRESSION_ENGINE: 'legacy' });

export const TURN_EXECUTION_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
	// Failures are kept two weeks (n8n's default age), then pruned.
	EXECUTIONS_DATA_PRUNE: 'true',
	EXECUTIONS_DATA_MAX_AGE: '336',
	// SQLite in WAL mode with a small pool, so saving one execution does not block reading the next workflow.
	DB_SQLITE_POOL_SIZE: '4',
	...TURN_EXPRESSION_ENGINE,
});
