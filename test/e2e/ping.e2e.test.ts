import { startTestN8n } from '../support/n8n';
import type { RunningN8n } from '../../sandbox/n8n/harness';

jest.setTimeout(240_000);

describe('BestStag Ping inside real n8n', () => {
	let n8n: RunningN8n;

	beforeAll(async () => {
		n8n = await startTestN8n();
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('answers the production webhook through the custom node', async () => {
		const response = await fetch(`${n8n.webhookBaseUrl}beststag/ping?message=${encodeURIComponent('olá, João')}`);
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({
			pong: true,
			echo: 'olá, João',
			package: { name: 'n8n-nodes-beststag' },
			runtime: { platform: 'linux' },
		});
		expect(String((body.runtime as { node: string }).node)).toMatch(/^v24\./);
		expect(String(body.reply)).toContain('BestStag está no ar');
	});

	it('shows the active workflow built on n8n-nodes-beststag nodes through the public API', async () => {
		const workflows = await n8n.api.listWorkflows();
		const ping = workflows.find((w) => w.id === 'bsPingHealth0001');
		expect(ping?.active).toBe(true);
		expect(ping?.nodes.map((n) => n.type)).toContain('n8n-nodes-beststag.bestStagPing');
	});

	it('records one successful execution per webhook call', async () => {
		const { status, data } = await n8n.api.request<{ data: Array<{ status: string; workflowId: string }> }>(
			'GET',
			'/executions?workflowId=bsPingHealth0001&limit=50',
		);
		expect(status).toBe(200);
		expect(data.data.length).toBeGreaterThanOrEqual(1);
		expect(data.data.every((e) => e.status === 'success')).toBe(true);
	});

	it('made no outbound network call', () => {
		expect(n8n.outboundAttempts()).toEqual([]);
	});

	it('stops cleanly, leaving no process behind', async () => {
		const pid = n8n.process.pid!;
		await n8n.stop();
		expect(n8n.process.running).toBe(false);
		expect(() => process.kill(-pid, 0)).toThrow();
	});
});
