import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { main } from '../../../cli/beststag';
import { EXIT } from '../../../cli/errors';

const WORKFLOWS = join(__dirname, '..', '..', '..', 'workflows');

function copyOfWorkflows(): string {
	const dir = mkdtempSync(join(tmpdir(), 'beststag-cli-workflows-'));
	for (const file of readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json') || f === 'CHANGELOG.md')) copyFileSync(join(WORKFLOWS, file), join(dir, file));
	return dir;
}

describe('beststag workflows', () => {
	let out: jest.SpyInstance;
	let err: jest.SpyInstance;
	const printed = (spy: jest.SpyInstance) => spy.mock.calls.map((c) => String(c[0])).join('\n');
	beforeEach(() => {
		out = jest.spyOn(console, 'log').mockImplementation(() => undefined);
		err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
	});
	afterEach(() => jest.restoreAllMocks());

	it('check passes on workflows/ and names each file', async () => {
		expect(await main(['node', 'beststag', 'workflows', 'check'])).toBe(EXIT.ok);
		expect(printed(out)).toMatch(/^ok {3}.*beststag-ping\.json$/m);
	});

	it('check fails on a broken copy with one line per problem', async () => {
		const dir = copyOfWorkflows();
		const file = join(dir, 'beststag-ping.json');
		writeFileSync(file, readFileSync(file, 'utf8').replace('"typeVersion": 1,', '"typeVersion": 3,'));
		expect(await main(['node', 'beststag', 'workflows', 'check', dir])).toBe(EXIT.failure);
		expect(printed(err)).toMatch(/beststag-ping\.json › node "BestStag Ping": "n8n-nodes-beststag\.bestStagPing" has no typeVersion 3; the installed versions are 1\..*\[type-version\]/);
		expect(printed(err)).toMatch(/beststag: 1 problem\(s\) in 1 of \d+ workflow file\(s\)\./);
	});

	it('normalize rewrites a file as n8n saves it, and then check passes', async () => {
		const dir = copyOfWorkflows();
		const file = join(dir, 'beststag-ping.json');
		const original = readFileSync(file, 'utf8');
		const pretty = JSON.parse(original) as { nodes: Array<{ parameters: Record<string, unknown> }> };
		pretty.nodes[0].parameters.httpMethod = 'GET'; // the default
		writeFileSync(file, JSON.stringify(pretty));
		expect(await main(['node', 'beststag', 'workflows', 'check', file])).toBe(EXIT.failure);
		expect(await main(['node', 'beststag', 'workflows', 'normalize', dir])).toBe(EXIT.ok);
		expect(printed(out)).toMatch(/^normalized .*beststag-ping\.json$/m);
		expect(readFileSync(file, 'utf8')).toBe(original);
		expect(await main(['node', 'beststag', 'workflows', 'check', dir])).toBe(EXIT.ok);
	});

	it('check --fix normalizes first', async () => {
		const dir = copyOfWorkflows();
		const file = join(dir, 'beststag-ping.json');
		const original = readFileSync(file, 'utf8');
		writeFileSync(file, JSON.stringify(JSON.parse(original)));
		expect(await main(['node', 'beststag', 'workflows', 'check', '--fix', file])).toBe(EXIT.ok);
		expect(readFileSync(file, 'utf8')).toBe(original);
	});

	it('normalize leaves a file that sets values n8n would drop, unless --drop-unused', async () => {
		const dir = copyOfWorkflows();
		const file = join(dir, 'beststag-ping.json');
		const original = readFileSync(file, 'utf8');
		const edited = original.replace('"parameters": {\n        "message"', '"parameters": {\n        "mesage": "typo",\n        "message"');
		expect(edited).not.toBe(original);
		writeFileSync(file, edited);
		expect(await main(['node', 'beststag', 'workflows', 'normalize', file])).toBe(EXIT.failure);
		expect(printed(err)).toMatch(/left unchanged: it sets values n8n would drop \(node "BestStag Ping": mesage\)/);
		expect(readFileSync(file, 'utf8')).toBe(edited);
		expect(await main(['node', 'beststag', 'workflows', 'normalize', '--drop-unused', file])).toBe(EXIT.ok);
		expect(readFileSync(file, 'utf8')).toBe(original);
	});

	it('import and export want both --url and --api-key, or a running sandbox', async () => {
		expect(await main(['node', 'beststag', 'workflows', 'import', '--url', 'http://127.0.0.1:9'])).toBe(EXIT.usage);
		expect(printed(err)).toMatch(/Give both --url and --api-key/);
		expect(await main(['node', 'beststag', 'workflows', 'export', '--data-dir', '/tmp/beststag-no-sandbox'])).toBe(EXIT.failure);
		expect(printed(err)).toMatch(/Start the sandbox \(npm start\), or give --url and --api-key/);
	});
});
