import { join } from 'node:path';

import type { RunningN8n } from '../../sandbox/n8n/harness';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';

jest.setTimeout(240_000);

/** The Intent Classifier in real n8n routes each message through the output of its intent. */
describe('Intent Classifier node in real n8n', () => {
	let n8n: RunningN8n;

	beforeAll(async () => {
		n8n = await startTestN8n({ workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows')] });
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	const classify = async (text: string, now = '2026-11-20T13:00:00Z') => {
		const response = await fetch(`${n8n.webhookBaseUrl}test/classify`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text, now }),
		});
		expect(response.status).toBe(200);
		return (await response.json()) as { route: string; intent: string; confidence: number; engine: string; cached: boolean; latencyMs: number; entities: { datetime: string | null; title: string | null } };
	};

	it.each([
		['anota aí comprar pão', 'task.create', 'task.create'],
		['me cutuca em 30 min pra tomar remédio', 'reminder.create', 'reminder.create'],
		['SAIR', 'opt_out', 'opt_out'],
		['bom dia!', 'Fallback', 'greeting'],
		['qual a capital da França?', 'Fallback', 'unknown'],
	])('%p goes out through %s', async (text, route, intent) => {
		const result = await classify(text);
		expect(result).toMatchObject({ route, intent, engine: 'offline', cached: false });
		expect(result.confidence).toBeGreaterThan(0);
		expect(typeof result.latencyMs).toBe('number');
	});

	it('carries the extracted date and title', async () => {
		const result = await classify('me lembra amanhã às 9h de ligar pro João');
		expect(result.entities).toEqual({ datetime: '2026-11-21T09:00:00-03:00', title: 'ligar pro João' });
	});
});
