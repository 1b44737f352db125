import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { checkWorkflowSource, checkWorkflowSources, formatProblem, type WorkflowSource } from '../../../../../sandbox/n8n/workflows/check';
import { parseChangelog } from '../../../../../sandbox/n8n/workflows/changelog';
import type { WorkflowJson, WorkflowNode } from '../../../../../sandbox/n8n/workflows/workflow-json';
import { CHANGELOG, ROOT, fixture, fixtureText, nodeTypes } from './fixture';

const source = (text: string, extra: Partial<WorkflowSource> = {}): WorkflowSource => ({ file: 'workflows/fixture.json', fileName: 'fixture.json', text, ...extra });
const check = (text: string, extra: Partial<WorkflowSource> = {}) => checkWorkflowSource(source(text, extra), { types: nodeTypes(), changelog: CHANGELOG });

type Edit = (w: WorkflowJson, node: (name: string) => WorkflowNode) => void;

/** The fixture changed by `edit`, then stored normalized, so only the broken thing is reported. */
function broken(edit: Edit): string {
	const w = fixture();
	edit(w, (name) => w.nodes.find((n) => n.name === name)!);
	return fixtureText(w);
}

/** The normalized fixture changed by `edit` afterwards (what normalize would drop stays in). */
function brokenAfter(edit: Edit): string {
	const w = JSON.parse(fixtureText()) as WorkflowJson;
	edit(w, (name) => w.nodes.find((n) => n.name === name)!);
	return `${JSON.stringify(w, null, 2)}\n`;
}

describe('checkWorkflowSource', () => {
	it('passes a valid, normalized, versioned workflow', () => {
		expect(check(fixtureText())).toEqual([]);
	});

	it.each([
		['not JSON', '{ "id": ', 'json', /Not valid JSON/],
		['not a workflow', '[]', 'shape', /not a workflow/],
		['no stable id', JSON.stringify({ ...fixture(), id: 'short' }), 'shape', /stable "id" of 16 letters or digits/],
		['a node without a name', JSON.stringify({ ...fixture(), nodes: [{ ...fixture().nodes[0], name: '' }] }), 'shape', /nodes\[0\] needs a "name"/],
		['two nodes with one name', JSON.stringify({ ...fixture(), nodes: [fixture().nodes[0], { ...fixture().nodes[1], name: 'Inbound' }] }), 'shape', /Two nodes are named "Inbound"/],
		['a credential without a name', JSON.stringify({ ...fixture(), nodes: [{ ...fixture().nodes[0], credentials: { twilioWhatsAppApi: { id: 'x' } } }] }), 'shape', /needs a "name": workflows refer to credentials by name/],
	])('refuses %s', (_what, text, rule, message) => {
		const problems = check(text);
		expect(problems.map((p) => p.rule)).toContain(rule);
		expect(problems.find((p) => p.rule === rule)?.message).toMatch(message);
	});

	it.each<[string, (w: WorkflowJson, node: (name: string) => WorkflowNode) => void, string, string | undefined, RegExp]>([
		['a node type nobody installed', (_w, n) => (n('Reply').type = 'n8n-nodes-beststag.whatsAppSnd'), 'node-type', 'Reply', /"n8n-nodes-beststag.whatsAppSnd" is not installed/],
		['a typeVersion the type does not have', (_w, n) => (n('Reply').typeVersion = 7), 'type-version', 'Reply', /no typeVersion 7; the installed versions are 1/],
		['a connection to a node that does not exist', (w) => (w.connections.Inbound.main[0]![0].node = 'Understnd'), 'connection', 'Inbound', /Connects to "Understnd", which does not exist/],
		['a connection from a node that does not exist', (w) => (w.connections.Ghost = { main: [[{ node: 'Reply', type: 'main', index: 0 }]] }), 'connection', undefined, /start at a node named "Ghost"/],
		['a connection from an output the node does not have', (w) => w.connections.Understand.main.push([{ node: 'Reply', type: 'main', index: 0 }]), 'connection', 'Understand', /output 4, but with its settings it has 3 "main" outputs/],
		['a connection into an input the node does not have', (w) => (w.connections.Inbound.main[0]![0].index = 1), 'connection', 'Inbound', /input 2 \("main"\) of "Understand", which has 1 "main" input/],
		['a required credential missing', (_w, n) => delete n('Reply').credentials, 'credential', 'Reply', /Needs a "twilioWhatsAppApi" credential and has none/],
		['a hard-coded Twilio auth token', (_w, n) => (n('Reply').parameters.statusCallback = 'https://x.test/cb?token=0123456789abcdef0123456789abcdef'), 'secret', 'Reply', /parameters.statusCallback holds what looks like a Twilio auth token.*Secrets belong in an n8n credential/],
		['a hard-coded OpenAI key', (_w, n) => (n('Reply').parameters.text = 'sk-proj-Abcdefghijklmnopqrstuvwxyz012345'), 'secret', 'Reply', /an API key \(sk-…/],
		['a hard-coded Airtable token', (_w, n) => (n('Reply').notes = `pat${'A1b2C3d4E5f6G7'}.${'ab'.repeat(32)}`), 'secret', 'Reply', /notes holds what looks like an Airtable personal access token/],
		['a phone number in a parameter', (_w, n) => (n('Reply').parameters.to = 'whatsapp:+5511987654321'), 'phone', 'Reply', /parameters.to holds a WhatsApp address.*take them from the item/],
		['a real number in a sticky note', (_w, n) => (n('Receive').parameters.content = 'Test with +55 11 98765-4321'), 'phone', 'Receive', /Sticky notes may describe a format/],
		['a version that is not semantic', (w) => (w.meta = { beststag: { version: '1.0' } }), 'version', undefined, /invalid version "1.0" in meta.beststag.version/],
		['no version', (w) => delete w.meta, 'version', undefined, /Has no meta.beststag.version/],
		['a version without a changelog entry', (w) => (w.meta = { beststag: { version: '1.2.0' } }), 'changelog', undefined, /Version 1.2.0 has no changelog entry. Add "### 1.2.0"/],
	])('refuses %s, saying where and what to do', (_what, edit, rule, node, message) => {
		const problems = check(broken(edit));
		expect(problems).toEqual([expect.objectContaining({ rule, message: expect.stringMatching(message), ...(node ? { node } : {}) })]);
	});

	it.each<[string, Edit, RegExp]>([
		['a credential of a type the node does not use', (_w, n) => (n('Reply').credentials!.airtableCrmApi = { id: 'bsAirtableSandbx', name: 'BestStag Airtable (sandbox)' }), /"airtableCrmApi" credential .* a type "n8n-nodes-beststag.whatsAppSend" does not use/],
		['a credential type nobody installed', (_w, n) => (n('Reply').credentials!.twilioApiX = { name: 'Twilio' }), /credential type "twilioApiX", which no installed package defines/],
		['a credential its settings do not use', (_w, n) => (n('Understand').credentials = { bestStagOpenAiApi: { name: 'BestStag OpenAI (sandbox)' } }), /that its current settings do not use; n8n drops it on save/],
	])('refuses %s', (_what, edit, message) => {
		expect(check(brokenAfter(edit))).toEqual([expect.objectContaining({ rule: 'credential', message: expect.stringMatching(message) })]);
	});

	it('refuses parameters n8n would drop, naming them', () => {
		const problems = check(JSON.stringify({ ...fixture(), nodes: fixture().nodes.map((n) => (n.name === 'Understand' ? { ...n, parameters: { ...n.parameters, provider: 'openai2' } } : n)) }));
		expect(problems).toEqual([expect.objectContaining({ rule: 'unused-value', node: 'Understand', message: expect.stringMatching(/Sets parameter "provider"/) })]);
	});

	it('refuses pinned data, and any phone number in it', () => {
		const problems = check(JSON.stringify({ ...JSON.parse(fixtureText()), pinData: { Inbound: [{ json: { from: 'whatsapp:+5511987654321' } }] } }));
		expect(problems.map((p) => p.rule).sort()).toEqual(['format', 'phone', 'pin-data']);
	});

	it('refuses a file that is not stored normalized, naming the command', () => {
		const problems = check(brokenAfter((_w, n) => (n('Reply').parameters.delivery = 'now')));
		expect(problems).toEqual([expect.objectContaining({ rule: 'format', message: expect.stringMatching(/differs in node "Reply".*npx beststag workflows normalize workflows\/fixture.json/) })]);
		expect(check(fixtureText().replace(/\n$/, ''))).toEqual([expect.objectContaining({ rule: 'format' })]);
	});

	it('with an earlier text, requires a higher version when the workflow changed', () => {
		const before = fixtureText();
		const changed = broken((_w, n) => (n('Reply').parameters.text = 'Olá!'));
		expect(check(changed, { before })).toEqual([expect.objectContaining({ rule: 'version-bump', message: expect.stringMatching(/still 1.0.0/) })]);
		const bumped = broken((w, n) => {
			n('Reply').parameters.text = 'Olá!';
			w.meta = { beststag: { version: '1.1.0' } };
		});
		expect(check(bumped, { before })).toEqual([]);
		expect(check(before, { before })).toEqual([]);
	});

	it('prints file, node, message and rule on one line', () => {
		expect(formatProblem('workflows/a.json', { rule: 'secret', node: 'Reply', message: 'Bad.' })).toBe('workflows/a.json › node "Reply": Bad. [secret]');
	});
});

describe('checkWorkflowSources', () => {
	it('refuses two files with one id or one name, and one credential id used for two credentials', () => {
		const a = fixtureText();
		const b = broken((_w, n) => {
			n('Reply').credentials = { twilioWhatsAppApi: { id: 'bsTwilioSandbox1', name: 'Another Twilio' } };
		});
		const reports = checkWorkflowSources([source(a), source(b, { file: 'workflows/b.json', fileName: 'fixture.json' })], { types: nodeTypes(), changelog: CHANGELOG });
		expect(reports[0].problems).toEqual([]);
		expect(reports[1].problems.map((p) => p.rule).sort()).toEqual(['credential', 'duplicate', 'duplicate']);
		expect(reports[1].problems.find((p) => p.rule === 'credential')?.message).toMatch(/workflows\/fixture.json uses that id for "BestStag Twilio WhatsApp \(sandbox\)"/);
	});

	it('passes every workflow in workflows/, with its changelog', () => {
		const dir = join(ROOT, 'workflows');
		const sources = readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.map((f) => source(readFileSync(join(dir, f), 'utf8'), { file: `workflows/${f}`, fileName: f }));
		const changelog = parseChangelog(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8'));
		const problems = checkWorkflowSources(sources, { types: nodeTypes(), changelog }).flatMap((r) => r.problems.map((p) => formatProblem(r.file, p)));
		expect(problems).toEqual([]);
	});
});
