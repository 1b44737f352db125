import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return tsFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

describe('architecture', () => {
	it('keeps the core free of n8n imports, so domain logic stays unit-testable', () => {
		const offenders = tsFiles(join(ROOT, 'core')).filter((file) =>
			/from\s+['"](n8n-workflow|n8n-core|n8n-nodes-base)['"]|require\(['"]n8n-/.test(readFileSync(file, 'utf8')),
		);
		expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
	});

	it('lists every built node and credential in package.json, and nothing that does not exist', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		const sources = (dir: string, suffix: string) =>
			tsFiles(join(ROOT, dir))
				.filter((f) => f.endsWith(suffix))
				.map((f) => `dist/${relative(ROOT, f).replace(/\.ts$/, '.js')}`)
				.sort();
		expect([...pkg.n8n.nodes].sort()).toEqual(sources('nodes', '.node.ts'));
		expect([...pkg.n8n.credentials].sort()).toEqual(sources('credentials', '.credentials.ts'));
	});
});
