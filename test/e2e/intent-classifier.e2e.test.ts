import { join } from 'node:path';

import type { RunningN8n } from '../../sandbox/n8n/harness';
import { offlineModelClassifier } from '../../sandbox/llm/answer';
import { startOpenAiStandIn } from '../../sandbox/llm/openai-server';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';

jest.setTimeout(240_000);

/** The Intent Classifier in real n8n routes each message through the output of its intent. */
describe('Intent Classifier node in real n8n', () => {
	let n8n: RunningN8n;
	let openai: Awaited<ReturnType<typeof startOpenAiStandIn>>;
	const KEY = 'sk-e2e-standin';

	beforeAll(async () => {
		openai = await startOpenAiStandIn({ port: await freePortBlock(1), apiKey: KEY, classify: offlineModelClassifier });
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows')],
			credentials: [{ id: 'bsOpenAiSandbox1', name: 'BestStag OpenAI (sandbox)', type: 'bestStagOpenAiApi', data: { apiKey: KEY, baseUrl: `${openai.url}/v1` } }],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await openai?.close();
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

	describe('through the OpenAI SDK (LLM strategy, sandbox stand-in)', () => {
		const viaLlm = async (text: string) => {
			const response = await fetch(`${n8n.webhookBaseUrl}test/classify-llm`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text }),
			});
			if (response.status !== 200) {
				type Failed = { data: { resultData: { error: { message: string; description?: string } } } };
				const { data } = await n8n.api.request<{ data: Failed[] }>('GET', '/executions?workflowId=bsTestClassifyLm&status=error&includeData=true&limit=1');
				throw new Error(`HTTP ${response.status}: ${JSON.stringify(data.data[0]?.data.resultData.error).slice(0, 600)}`);
			}
			return (await response.json()) as { intent: string; engine: string; fallback?: string; usage?: { inputTokens: number } };
		};

		it('classifies with the LLM, recording tokens', async () => {
			const result = await viaLlm('anota aí comprar pão');
			expect(result).toMatchObject({ intent: 'task.create', engine: 'openai' });
			expect(result.usage?.inputTokens).toBeGreaterThan(0);
			expect(openai.requests.some((r) => r.path === '/v1/chat/completions')).toBe(true);
		});

		it('falls back to the offline engine when the service answers 429', async () => {
			openai.faults.inject({ type: 'rate_limit' });
			const result = await viaLlm('anota aí comprar pão');
			expect(result).toMatchObject({ intent: 'task.create', engine: 'offline', fallback: 'rate_limited' });
		});
	});
});
