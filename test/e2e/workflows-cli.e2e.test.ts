import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { RunningN8n } from '../../sandbox/n8n/harness';
import { loginAsOwner } from '../../sandbox/n8n/owner';
import { anthropicService, airtableService, openAiService, twilioService } from '../../sandbox/services';
import { launchChromium } from '../support/browser';
import { startTestN8n, PROJECT_ROOT } from '../support/n8n';

const run = promisify(execFile);
const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'beststag.js');
const WORKFLOWS = join(PROJECT_ROOT, 'workflows');

jest.setTimeout(600_000);

/** Runs the built `beststag` CLI; resolves with its exit code and output, never rejects on a non-zero exit. */
async function beststag(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code?: number; stdout?: string; stderr?: string };
		return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
	}
}

/** A copy of workflows/ (workflow files and changelog) in a fresh folder. */
function copyOfWorkflows(): string {
	const dir = mkdtempSync(join(tmpdir(), 'beststag-workflows-'));
	for (const file of readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json') || f === 'CHANGELOG.md')) copyFileSync(join(WORKFLOWS, file), join(dir, file));
	return dir;
}

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('beststag workflows against real n8n', () => {
	let n8n: RunningN8n;
	let instance: string[];

	beforeAll(async () => {
		const empty = join(mkdtempSync(join(tmpdir(), 'beststag-none-')), 'workflows');
		mkdirSync(empty);
		type Ports = Parameters<NonNullable<typeof airtableService.credentials>>[0];
		type Secrets = Parameters<NonNullable<typeof airtableService.credentials>>[1];
		// The credentials the workflows name, as the sandbox provides them; nothing is called.
		const ports = { airtable: 1, twilio: 1, openai: 1, anthropic: 1 } as Ports;
		const secrets = {
			airtable: { token: 'patWorkflowsTest1.0', baseId: 'appWorkflowsTest1' },
			twilio: { accountSid: 'ACtest', authToken: 'test' },
			llm: { openaiKey: 'test', anthropicKey: 'test' },
		} as Secrets;
		const credentials = [airtableService, twilioService, openAiService, anthropicService].flatMap((s) => s.credentials!(ports, secrets));
		n8n = await startTestN8n({ workflowDirs: [empty], credentials });
		instance = ['--url', n8n.baseUrl, '--api-key', n8n.apiKey];
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('imports every workflow, then updates them in place on a second import', async () => {
		const first = await beststag(['workflows', 'import', WORKFLOWS, ...instance]);
		expect(first).toMatchObject({ code: 0 });
		const names = jsonFiles(WORKFLOWS).map((f) => (JSON.parse(readFileSync(join(WORKFLOWS, f), 'utf8')) as { name: string }).name);
		for (const name of names) expect(first.stdout).toMatch(new RegExp(`created .*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		const second = await beststag(['workflows', 'import', WORKFLOWS, ...instance]);
		expect(second).toMatchObject({ code: 0 });
		expect(second.stdout.match(/^updated /gm)?.length).toBe(names.length);
		const onInstance = await n8n.api.listWorkflows();
		expect(onInstance.map((w) => w.name).sort()).toEqual([...names].sort());
		for (const file of jsonFiles(WORKFLOWS)) {
			const wf = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { name: string; active?: boolean };
			expect({ file, active: onInstance.find((w) => w.name === wf.name)?.active }).toEqual({ file, active: wf.active === true });
		}
	});

	it('exports them back byte for byte: the files are what n8n stores, normalized', async () => {
		const dir = copyOfWorkflows();
		const exported = await beststag(['workflows', 'export', '--dir', dir, ...instance]);
		expect(exported).toMatchObject({ code: 0 });
		expect(exported.stdout.match(/^unchanged /gm)?.length).toBe(jsonFiles(WORKFLOWS).length);
		for (const file of jsonFiles(WORKFLOWS)) {
			expect({ file, text: readFileSync(join(dir, file), 'utf8') }).toEqual({ file, text: readFileSync(join(WORKFLOWS, file), 'utf8') });
		}
	});

	it("saves each workflow in n8n's own editor as its file stores it", async () => {
		// Each workflow opened in the editor, one node dragged (the editor saves only a changed
		// workflow) and saved with Ctrl+S: what n8n stores then is what the editor keeps.
		const [name, value] = (await loginAsOwner(n8n.baseUrl, n8n.owner)).split(/=(.*)/s);
		const browser = await launchChromium();
		try {
			const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
			await context.addCookies([{ name, value, url: n8n.baseUrl }]);
			const page = await context.newPage();
			for (const workflow of await n8n.api.listWorkflows()) {
				const versionOf = async () => (await n8n.api.request<{ versionId: string }>('GET', `/workflows/${workflow.id}`)).data.versionId;
				const before = await versionOf();
				await page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
				const node = page.locator('[data-test-id="canvas-node"]').first();
				await node.waitFor({ timeout: 180_000 });
				const box = (await node.boundingBox())!;
				await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
				await page.mouse.down();
				await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 10 });
				await page.mouse.up();
				await page.waitForTimeout(500);
				await page.keyboard.press('Control+s');
				const deadline = Date.now() + 30_000;
				while ((await versionOf()) === before) {
					if (Date.now() > deadline) {
						await page.screenshot({ path: join(tmpdir(), 'beststag-editor-save.png') });
						throw new Error(`The editor did not save "${workflow.name}" (screenshot: ${join(tmpdir(), 'beststag-editor-save.png')}).`);
					}
					await new Promise((r) => setTimeout(r, 250));
				}
			}
		} finally {
			await browser.close();
		}
		const dir = copyOfWorkflows();
		const exported = await beststag(['workflows', 'export', '--dir', dir, ...instance]);
		expect(exported).toMatchObject({ code: 0 });
		for (const file of jsonFiles(WORKFLOWS)) {
			const original = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { nodes: Array<{ id: string; position: number[] }> };
			const saved = JSON.parse(readFileSync(join(dir, file), 'utf8')) as typeof original;
			// The dragged node lands elsewhere, on the editor's grid; everything else is as the file has it.
			const dragged = saved.nodes.filter((n) => JSON.stringify(n.position) !== JSON.stringify(original.nodes.find((o) => o.id === n.id)?.position));
			expect({ file, dragged: dragged.length, onGrid: dragged.every((n) => n.position.every((v) => v % 16 === 0)) }).toEqual({ file, dragged: 1, onGrid: true });
			for (const n of dragged) original.nodes.find((o) => o.id === n.id)!.position = n.position;
			expect({ file, workflow: saved }).toEqual({ file, workflow: original });
		}
		// Back to the files for the tests that follow.
		expect(await beststag(['workflows', 'import', WORKFLOWS, ...instance])).toMatchObject({ code: 0 });
	});

	it('pulls an edit made in n8n into its file, and nothing else changes', async () => {
		const dir = copyOfWorkflows();
		const [ping] = (await n8n.api.listWorkflows()).filter((w) => w.name === 'BestStag · Ping (health check)');
		const { data: current } = await n8n.api.request<{ name: string; nodes: Array<{ name: string; position: number[]; parameters: Record<string, unknown> }>; connections: unknown; settings: unknown }>('GET', `/workflows/${ping.id}`);
		const node = current.nodes.find((n) => n.name === 'BestStag Ping')!;
		node.position = [240, 32];
		node.parameters.message = "={{ $json.query.message || 'pong?' }}";
		const put = await n8n.api.request('PUT', `/workflows/${ping.id}`, { name: current.name, nodes: current.nodes, connections: current.connections, settings: current.settings });
		expect(put.status).toBe(200);

		const exported = await beststag(['workflows', 'export', '--dir', dir, ...instance]);
		expect(exported).toMatchObject({ code: 0 });
		expect(exported.stdout).toMatch(/^updated .*beststag-ping\.json/m);
		const before = JSON.parse(readFileSync(join(WORKFLOWS, 'beststag-ping.json'), 'utf8')) as { id: string; nodes: Array<{ name: string; position: number[]; parameters: Record<string, unknown> }>; meta: unknown };
		const after = JSON.parse(readFileSync(join(dir, 'beststag-ping.json'), 'utf8')) as typeof before;
		// The file keeps its own id (the instance assigned another) and version; only the edit changed.
		expect(after.id).toBe(before.id);
		expect(after.meta).toEqual(before.meta);
		const edited = after.nodes.find((n) => n.name === 'BestStag Ping')!;
		expect(edited.position).toEqual([240, 32]);
		expect(edited.parameters.message).toBe("={{ $json.query.message || 'pong?' }}");
		before.nodes.find((n) => n.name === 'BestStag Ping')!.position = [240, 32];
		before.nodes.find((n) => n.name === 'BestStag Ping')!.parameters.message = "={{ $json.query.message || 'pong?' }}";
		expect(after).toEqual(before);
		for (const file of jsonFiles(WORKFLOWS).filter((f) => f !== 'beststag-ping.json')) {
			expect({ file, text: readFileSync(join(dir, file), 'utf8') }).toEqual({ file, text: readFileSync(join(WORKFLOWS, file), 'utf8') });
		}
		// What export writes passes the check as it is: normalized, versioned, with its changelog entry.
		expect(await beststag(['workflows', 'check', dir])).toMatchObject({ code: 0 });
	});

	it('passes `workflows check` on workflows/', async () => {
		const checked = await beststag(['workflows', 'check']);
		expect(checked).toMatchObject({ code: 0, stderr: '' });
		expect(checked.stdout.match(/^ok /gm)?.length).toBe(jsonFiles(WORKFLOWS).length);
	});

	it('fails `workflows check` on a broken copy, naming file, node and what to do', async () => {
		const dir = copyOfWorkflows();
		const ping = JSON.parse(readFileSync(join(dir, 'beststag-ping.json'), 'utf8')) as { nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>; connections: Record<string, { main: Array<Array<{ node: string }>> }> };
		ping.nodes.find((n) => n.name === 'BestStag Ping')!.parameters.message = 'whatsapp:+5511987654321';
		ping.nodes.find((n) => n.name === 'Answer With Pong')!.type = 'n8n-nodes-base.respondToWebhok';
		ping.connections['Ping Webhook'].main[0][0].node = 'BestStag Pong';
		writeFileSync(join(dir, 'beststag-ping.json'), `${JSON.stringify(ping, null, 2)}\n`);
		const checked = await beststag(['workflows', 'check', dir]);
		expect(checked.code).toBe(1);
		expect(checked.stderr).toMatch(/beststag-ping\.json › node "BestStag Ping": parameters\.message holds a WhatsApp address.*\[phone\]/);
		expect(checked.stderr).toMatch(/beststag-ping\.json › node "Answer With Pong": Its type "n8n-nodes-base\.respondToWebhok" is not installed.*\[node-type\]/);
		expect(checked.stderr).toMatch(/beststag-ping\.json › node "Ping Webhook": Connects to "BestStag Pong", which does not exist.*\[connection\]/);
		expect(checked.stderr).toMatch(/beststag: \d+ problem\(s\) in 1 of \d+ workflow file\(s\)\./);

		// Import refuses the broken copy and changes nothing.
		const imported = await beststag(['workflows', 'import', dir, ...instance]);
		expect(imported.code).toBe(1);
		expect(imported.stderr).toMatch(/Nothing imported/);
	});
});
