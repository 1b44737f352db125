import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readWorkflowFiles } from '../../../sandbox/n8n/workflow-files';

const ROOT = join(__dirname, '..', '..', '..');

function dirWith(files: Record<string, unknown>): string {
	const dir = mkdtempSync(join(tmpdir(), 'wf-'));
	for (const [name, content] of Object.entries(files)) {
		writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
	}
	return dir;
}

describe('readWorkflowFiles', () => {
	it('reads the versioned workflows, their activation and webhooks', () => {
		const workflows = readWorkflowFiles([join(ROOT, 'workflows'), join(ROOT, 'bench', 'workflows')]);
		const ping = workflows.find((w) => w.id === 'bsPingHealth0001');
		expect(ping).toMatchObject({ active: true, webhooks: [{ method: 'GET', path: 'beststag/ping', nodeType: 'n8n-nodes-base.webhook' }] });
		expect(workflows.find((w) => w.id === 'bsBenchEcho00001')?.webhooks).toEqual([{ method: 'POST', path: 'bench/echo', nodeType: 'n8n-nodes-base.webhook' }]);
		// The assistant's trigger sends its replies' delivery statuses to the delivery status workflow's.
		expect(workflows.find((w) => w.id === 'bsWhatsAppInbnd1')?.webhooks).toEqual([{ method: 'POST', path: 'whatsapp/inbound', nodeType: 'n8n-nodes-beststag.whatsAppTrigger', statusPath: 'whatsapp/status' }]);
		expect(workflows.find((w) => w.id === 'bsWhatsAppStatus')?.webhooks).toEqual([{ method: 'POST', path: 'whatsapp/status', nodeType: 'n8n-nodes-beststag.whatsAppTrigger' }]);
	});

	it('uses only n8n-nodes-beststag node types that the package declares', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		const declared = new Set(pkg.n8n.nodes.map((p) => p.split('/').pop()!.replace('.node.js', '')));
		for (const wf of readWorkflowFiles([join(ROOT, 'workflows')])) {
			const json = JSON.parse(readFileSync(wf.file, 'utf8')) as { nodes: Array<{ type: string }> };
			for (const node of json.nodes.filter((n) => n.type.startsWith('n8n-nodes-beststag.'))) {
				const name = node.type.split('.')[1];
				expect([...declared].map((d) => d.charAt(0).toLowerCase() + d.slice(1))).toContain(name);
			}
		}
	});

	it('rejects a workflow without a stable id', () => {
		const dir = dirWith({ 'a.json': { name: 'A', nodes: [] } });
		expect(() => readWorkflowFiles([dir])).toThrow(/needs a stable "id" of 16 letters or digits/);
	});

	it('rejects duplicate ids, naming both files', () => {
		const wf = { id: 'abcdefghij123456', name: 'A', nodes: [] };
		const dir = dirWith({ 'a.json': wf, 'b.json': wf });
		expect(() => readWorkflowFiles([dir])).toThrow(/a\.json and .*b\.json share the id "abcdefghij123456"/);
	});

	it('rejects broken JSON with the parser message', () => {
		const dir = dirWith({ 'a.json': '{ nope' });
		expect(() => readWorkflowFiles([dir])).toThrow(/a\.json is not valid JSON/);
	});
});
