import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TURN_EXPRESSION_ENGINE } from '../../sandbox/n8n/execution-settings';
import { startN8n, type RunningN8n, type StartN8nOptions } from '../../sandbox/n8n/harness';
import { freePortBlock } from './free-ports';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * Real n8n in a throwaway user folder on free ports, with the outbound guard on and the expression
 * engine `npm start` runs (TURN_EXPRESSION_ENGINE); executions are saved as n8n's defaults say.
 */
export async function startTestN8n(overrides: Partial<StartN8nOptions> = {}): Promise<RunningN8n> {
	const base = await freePortBlock(2);
	return startN8n({
		projectRoot: PROJECT_ROOT,
		userFolder: mkdtempSync(join(tmpdir(), 'beststag-e2e-')),
		port: base,
		taskBrokerPort: base + 1,
		workflowDirs: [join(PROJECT_ROOT, 'workflows')],
		guardOutbound: true,
		...overrides,
		tuning: { ...TURN_EXPRESSION_ENGINE, ...overrides.tuning },
	});
}
