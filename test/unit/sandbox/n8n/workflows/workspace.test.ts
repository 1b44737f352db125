import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkFiles, fileNameFor } from '../../../../../sandbox/n8n/workflows/workspace';
import type { WorkflowJson } from '../../../../../sandbox/n8n/workflows/workflow-json';
import { ROOT, fixture, fixtureText, nodeTypes } from './fixture';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, stdio: 'pipe' });

describe('checkFiles --since', () => {
	it('wants a higher version for a workflow changed since the commit, and accepts the bump', () => {
		const repo = mkdtempSync(join(tmpdir(), 'beststag-since-'));
		git(repo, 'init', '-q');
		writeFileSync(join(repo, 'CHANGELOG.md'), '## `fixture.json`\n### 1.1.0\n- Says hello.\n### 1.0.0\n- First.\n');
		writeFileSync(join(repo, 'fixture.json'), fixtureText());
		git(repo, 'add', '-A');
		git(repo, 'commit', '-qm', 'first');
		const options = { projectRoot: ROOT, types: nodeTypes(), since: 'HEAD', cwd: repo };

		expect(checkFiles([repo], options)).toEqual([{ file: 'fixture.json', problems: [] }]);

		const changed = fixture();
		changed.nodes[2].parameters.text = 'Olá!';
		writeFileSync(join(repo, 'fixture.json'), fixtureText(changed));
		expect(checkFiles([repo], options)[0].problems).toEqual([expect.objectContaining({ rule: 'version-bump' })]);

		const bumped: WorkflowJson = { ...changed, meta: { beststag: { version: '1.1.0' } } };
		writeFileSync(join(repo, 'fixture.json'), fixtureText(bumped));
		expect(checkFiles([repo], options)[0].problems).toEqual([]);
	});

	it('treats a file new since the commit as having nothing to compare', () => {
		const repo = mkdtempSync(join(tmpdir(), 'beststag-since-'));
		git(repo, 'init', '-q');
		git(repo, 'commit', '-q', '--allow-empty', '-m', 'empty');
		writeFileSync(join(repo, 'CHANGELOG.md'), '## `fixture.json`\n### 1.0.0\n- First.\n');
		writeFileSync(join(repo, 'fixture.json'), fixtureText());
		expect(checkFiles([repo], { projectRoot: ROOT, types: nodeTypes(), since: 'HEAD', cwd: repo })[0].problems).toEqual([]);
	});
});

describe('fileNameFor', () => {
	it('makes a plain file name from a workflow name', () => {
		expect(fileNameFor('BestStag · Lembretes (diário)')).toBe('beststag-lembretes-diario.json');
		expect(fileNameFor('···')).toBe('workflow.json');
	});
});
