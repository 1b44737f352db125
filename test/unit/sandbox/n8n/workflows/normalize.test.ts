import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

import { normalizeWorkflow, onCanvasGrid, serializeWorkflow } from '../../../../../sandbox/n8n/workflows/normalize';
import type { WorkflowJson } from '../../../../../sandbox/n8n/workflows/workflow-json';
import { ROOT, fixture, nodeTypes } from './fixture';

const normalize = (w: WorkflowJson, options = {}) => normalizeWorkflow(w, nodeTypes(), options);
const node = (w: WorkflowJson, name: string) => w.nodes.find((n) => n.name === name)!;

/** The same JSON with every object's keys in another order. */
function shuffledKeys(value: unknown, seed: number): unknown {
	if (Array.isArray(value)) return value.map((v, i) => shuffledKeys(v, seed + i));
	if (typeof value !== 'object' || value === null) return value;
	const keys = Object.keys(value);
	const order = keys.map((k, i) => ({ k, r: Math.sin(seed * 997 + i * 131) })).sort((a, b) => a.r - b.r);
	return Object.fromEntries(order.map(({ k }, i) => [k, shuffledKeys((value as Record<string, unknown>)[k], seed + i + 1)]));
}

describe('normalizeWorkflow', () => {
	it('drops parameters at their default, as the editor saves them, and keeps the ones someone set', () => {
		const w = fixture();
		Object.assign(node(w, 'Understand').parameters, { strategy: 'offline', text: '={{ $json.text }}' });
		Object.assign(node(w, 'Reply').parameters, { to: '={{ $json.from }}', buttons: '', delivery: 'now', isOptOutConfirmation: true });
		const { workflow, unused } = normalize(w);
		expect(unused).toEqual([]);
		expect(node(workflow, 'Understand').parameters).toEqual({ intents: ['greeting', 'help'], options: {} });
		expect(node(workflow, 'Reply').parameters).toEqual({ text: 'Oi!', isOptOutConfirmation: true });
		expect(node(workflow, 'Inbound').parameters).toEqual({ path: 'test/inbound' });
	});

	it('reports values n8n would drop: unknown parameters and parameters hidden by the others', () => {
		const w = fixture();
		Object.assign(node(w, 'Understand').parameters, { provider: 'anthropic', temperatur: 2 });
		const { workflow, unused } = normalize(w);
		expect(unused).toEqual([
			{ node: 'Understand', path: 'provider', reason: 'not-a-parameter' },
			{ node: 'Understand', path: 'temperatur', reason: 'not-a-parameter' },
		]);
		expect(node(workflow, 'Understand').parameters).toEqual({ intents: ['greeting', 'help'], options: {} });
	});

	it('reports a credential the node does not use with its settings', () => {
		const w = fixture();
		node(w, 'Understand').credentials = { bestStagOpenAiApi: { id: 'bsOpenAiSandbox1', name: 'BestStag OpenAI (sandbox)' } };
		expect(normalize(w).unused).toEqual([{ node: 'Understand', path: 'credentials.bestStagOpenAiApi', reason: 'credential-not-used' }]);
		node(w, 'Understand').parameters.strategy = 'llm';
		expect(normalize(w).unused).toEqual([]);
	});

	it('drops what belongs to one instance: timestamps, versions, sharing, tags, pinned and static data, derived settings, node settings at defaults', () => {
		const w = {
			...fixture(),
			createdAt: '2026-11-29T10:00:00.000Z',
			updatedAt: '2026-11-29T10:00:00.000Z',
			versionId: 'a',
			activeVersionId: 'b',
			activeVersion: null,
			versionCounter: 3,
			triggerCount: 1,
			isArchived: false,
			shared: [{ role: 'workflow:owner' }],
			tags: [{ id: 't1', name: 'x' }],
			pinData: { Inbound: [{ json: { from: 'whatsapp:+5511987654321' } }] },
			staticData: { lastId: 1 },
			description: null,
			settings: { executionOrder: 'v1', binaryMode: 'separate' },
			meta: { instanceId: 'abc', templateCredsSetupCompleted: true, beststag: { purpose: 'Test', version: '1.0.0' } },
		} as unknown as WorkflowJson;
		Object.assign(node(w, 'Reply'), { disabled: false, onError: 'stopWorkflow', notes: '', alwaysOutputData: false, executeOnce: false });
		const { workflow } = normalize(w);
		expect(Object.keys(workflow)).toEqual(['id', 'name', 'active', 'nodes', 'connections', 'settings', 'meta']);
		expect(workflow.settings).toEqual({ executionOrder: 'v1' });
		expect(workflow.meta).toEqual({ beststag: { version: '1.0.0', purpose: 'Test' } });
		expect(Object.keys(node(workflow, 'Reply'))).toEqual(['id', 'name', 'type', 'typeVersion', 'position', 'parameters', 'credentials']);
	});

	it('keeps node ids, webhook ids and the node order, and positions on the grid the editor puts them on', () => {
		const w = fixture();
		const { workflow } = normalize(w);
		expect(workflow.nodes.map((n) => [n.id, n.webhookId])).toEqual(w.nodes.map((n) => [n.id, n.webhookId]));
		expect(workflow.nodes.map((n) => n.position)).toEqual([
			[0, 0],
			[224, 0],
			[448, 0],
			[0, -208],
		]);
	});

	it("puts positions on the 16-pixel grid as n8n 2.40's editor does, and leaves grid positions alone", () => {
		// Measured in the editor: each pair is a position before and after opening and saving. (One more,
		// a trigger's -150, became -144; whatever the editor's rule off the grid, it keeps grid positions.)
		const measured: Array<[number, number]> = [[220, 224], [660, 672], [150, 160], [450, 464], [5, 16], [0, 0], [-10, -16], [-8, -16], [-24, -32], [-220, -224], [-301, -304]];
		for (const [before, after] of measured) expect([before, onCanvasGrid(before)]).toEqual([before, after]);
		fc.assert(fc.property(fc.integer({ min: -10_000, max: 10_000 }), (cell) => expect(onCanvasGrid(cell * 16)).toBe(cell * 16 || 0)));
	});

	it('orders connections by node and trims outputs left empty at the end', () => {
		const w = fixture();
		w.connections = {
			Understand: { main: [[{ index: 0, type: 'main', node: 'Reply' } as never], [], []] },
			Inbound: { main: [[{ node: 'Understand', type: 'main', index: 0 }], []] },
			Reply: { main: [[]] },
		};
		const { workflow } = normalize(w);
		expect(workflow.connections).toEqual({
			Inbound: { main: [[{ node: 'Understand', type: 'main', index: 0 }]] },
			Understand: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] },
		});
		expect(Object.keys(workflow.connections)).toEqual(['Inbound', 'Understand']);
		expect(Object.keys(workflow.connections.Understand.main[0]![0])).toEqual(['node', 'type', 'index']);
	});

	it('is idempotent and ignores the key order it is given (any order of any object)', () => {
		const once = serializeWorkflow(normalize(fixture()).workflow);
		expect(serializeWorkflow(normalize(JSON.parse(once)).workflow)).toBe(once);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
				expect(serializeWorkflow(normalize(shuffledKeys(fixture(), seed) as WorkflowJson).workflow)).toBe(once);
			}),
			{ numRuns: 40 },
		);
	});

	it('on export keeps the file id, node order, credential ids and meta.beststag, and takes the edit', () => {
		const previous = normalize(fixture()).workflow;
		const fromInstance = structuredClone(previous) as WorkflowJson;
		fromInstance.id = 'InstanceId000001';
		fromInstance.meta = null;
		fromInstance.nodes.reverse();
		node(fromInstance, 'Reply').credentials = { twilioWhatsAppApi: { id: 'otherInstanceId1', name: 'BestStag Twilio WhatsApp (sandbox)' } };
		node(fromInstance, 'Reply').parameters.text = 'Olá!';
		node(fromInstance, 'Reply').position = [460, 20];
		fromInstance.nodes.push({ id: 'f0000000-0000-4000-8000-000000000009', name: 'New', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, 0], parameters: {} });
		const { workflow } = normalize(fromInstance, { previous });
		expect(workflow.id).toBe('bsTestFixture001');
		expect(workflow.nodes.map((n) => n.name)).toEqual(['Inbound', 'Understand', 'Reply', 'Receive', 'New']);
		expect(node(workflow, 'Reply').credentials).toEqual({ twilioWhatsAppApi: { id: 'bsTwilioSandbox1', name: 'BestStag Twilio WhatsApp (sandbox)' } });
		expect(node(workflow, 'Reply').parameters.text).toBe('Olá!');
		expect(node(workflow, 'Reply').position).toEqual([464, 32]);
		expect(workflow.meta).toEqual({ beststag: { version: '1.0.0' } });
	});

	it('gives a workflow without a version the default one, and never changes an existing version', () => {
		const w = fixture();
		delete w.meta;
		expect(normalize(w, { defaultVersion: '1.0.0' }).workflow.meta).toEqual({ beststag: { version: '1.0.0' } });
		expect(normalize(fixture(), { defaultVersion: '9.9.9' }).workflow.meta).toEqual({ beststag: { version: '1.0.0' } });
	});

	it('leaves every committed workflow file as it is (they are stored normalized)', () => {
		const dir = join(ROOT, 'workflows');
		const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const text = readFileSync(join(dir, file), 'utf8');
			expect({ file, text: serializeWorkflow(normalize(JSON.parse(text) as WorkflowJson).workflow) }).toEqual({ file, text });
		}
	});
});
