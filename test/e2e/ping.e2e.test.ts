import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { startTestN8n } from '../support/n8n';
import type { RunningN8n } from '../../sandbox/n8n/harness';

const ROOT = join(__dirname, '..', '..');
const PACKAGE = 'n8n-nodes-beststag';

/** Each built node and credential with the icon files it names, as n8n resolves them: relative to the built file. */
function builtIcons(): Array<{ name: string; files: string[] }> {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	return [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((built) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exports = require(join(ROOT, built)) as Record<string, new () => INodeType | ICredentialType>;
		const instance = new (Object.values(exports)[0])();
		const icon = ('description' in instance ? instance.description.icon : instance.icon) as { light: string; dark: string };
		const files = [icon.light, icon.dark].map((i) => posix.join(posix.dirname(built), i.replace(/^file:/, '')));
		return { name: built, files };
	});
}

jest.setTimeout(240_000);

describe('BestStag Ping inside real n8n', () => {
	let n8n: RunningN8n;
	let icons: ReturnType<typeof builtIcons>;

	beforeAll(async () => {
		// Loading the built modules takes seconds; done first, so no fetch waits on it with an idle
		// keep-alive connection that n8n has meanwhile closed.
		icons = builtIcons();
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

	it('serves each node\'s and credential\'s own icon, light and dark, from the package\'s icons/ folder', async () => {
		const all = icons.flatMap((i) => i.files);
		expect(all.every((f) => f.startsWith('dist/icons/'))).toBe(true);
		// Every node has icons of its own: no two nodes share one.
		expect(new Set(all).size).toBe(all.length);
		for (const file of all) {
			const response = await fetch(`${n8n.baseUrl}/icons/${PACKAGE}/${file}`);
			expect({ file, status: response.status }).toEqual({ file, status: 200 });
			expect(await response.text()).toBe(readFileSync(join(ROOT, file), 'utf8'));
		}
	});

	it('serves the output schemas the editor shows before a first run', async () => {
		for (const [path, source] of [
			['airtableCrm/1.0.0/task/create.json', 'nodes/AirtableCrm/__schema__/v1.0.0/task/create.json'],
			['airtableCrm/1.0.0/record/findByFields.json', 'nodes/AirtableCrm/__schema__/v1.0.0/record/findByFields.json'],
			['intentClassifier/1.0.0.json', 'nodes/IntentClassifier/__schema__/v1.0.0.json'],
		]) {
			const response = await fetch(`${n8n.baseUrl}/schemas/${PACKAGE}.${path}`);
			expect({ path, status: response.status }).toEqual({ path, status: 200 });
			expect(await response.json()).toEqual(JSON.parse(readFileSync(join(ROOT, source), 'utf8')));
		}
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
