// n8n's own lint rules for community nodes, in the self-hosted flavour: BestStag ships runtime
// dependencies (official SDKs, ioredis, bullmq), which n8n Cloud's verified packages may not.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// The community-node rules guard code that runs inside n8n; operator tooling (CLI, sandbox
// stand-ins, benchmarks, tests) legitimately spawns processes and throws plain errors.
const nodeOnlyRules = Object.fromEntries(
	Object.keys(n8nCommunityNodesPlugin.rules).map((rule) => [`@n8n/community-nodes/${rule}`, 'off']),
);

export default [
	...configWithoutCloudSupport,
	{ ignores: ['dist/**', 'node_modules/**', '.sandbox/**', 'coverage/**', 'portal/public/**', '**/*.js', '**/*.mjs'] },
	{
		files: ['cli/**/*.ts', 'sandbox/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'portal/**/*.ts', 'scripts/**/*.ts'],
		rules: { ...nodeOnlyRules, 'no-console': 'off' },
	},
	{
		// The pure core has no n8n imports by design; node adapters wrap its errors in NodeOperationError.
		files: ['core/**/*.ts', 'airtable-schema/**/*.ts'],
		rules: nodeOnlyRules,
	},
	{
		// Transport and shared adapters stay free of n8n types so they can be tested alone; the nodes
		// turn their errors into NodeApiError/NodeOperationError. The outbound queue's worker runs
		// outside any execution and speaks BullMQ's errors (UnrecoverableError = do not retry).
		files: ['nodes/*/transport/**/*.ts', 'nodes/shared/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// A WhatsApp sender's webhook URL is set once per number in Twilio (console or Senders API),
		// not per workflow activation, so the trigger has no create/delete lifecycle to implement.
		files: ['nodes/WhatsAppTrigger/**/*.ts'],
		rules: { '@n8n/community-nodes/webhook-lifecycle-complete': 'off' },
	},
	{
		files: ['package.json'],
		rules: {
			// Self-hosted package: the official SDKs are runtime dependencies by design.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// "overrides" only shapes this repository's dev install (it aligns @n8n/node-cli's copy of
			// n8n internals with the pinned n8n); npm ignores it when the package is installed into n8n.
			'@n8n/community-nodes/no-overrides-field': 'off',
		},
	},
];
