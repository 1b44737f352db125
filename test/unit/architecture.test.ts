import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The dependency map: which top-level folder may import which. README.md ("Architecture") shows the
 * same table. Production code (core, airtable-schema, nodes, credentials) never imports the sandbox,
 * the CLI, the benchmarks or the tests; core imports nothing but core.
 */
const ALLOWED: Record<string, readonly string[]> = {
	core: [],
	'airtable-schema': ['core'],
	nodes: ['core', 'airtable-schema'],
	credentials: [],
	// The sandbox starts the portal, so it reads the portal's env contract (portal/env.ts).
	sandbox: ['core', 'airtable-schema', 'nodes', 'portal'],
	portal: ['core', 'nodes', 'sandbox'],
	bench: ['core', 'airtable-schema', 'nodes', 'sandbox'],
	cli: ['core', 'airtable-schema', 'nodes', 'sandbox', 'bench'],
	scripts: ['core', 'airtable-schema'],
	test: ['core', 'airtable-schema', 'nodes', 'credentials', 'sandbox', 'portal', 'bench', 'cli', 'scripts', 'workflows'],
	workflows: [],
};
const FOLDERS = Object.keys(ALLOWED);

/** Packages the pure core may not import: SDKs, Redis, queues, file and network I/O, n8n. */
const CORE_FORBIDDEN_PACKAGES: readonly RegExp[] = [
	/^openai(\/|$)/,
	/^@anthropic-ai\/sdk(\/|$)/,
	/^ioredis(\/|$)/,
	/^bullmq(\/|$)/,
	/^twilio(\/|$)/,
	/^airtable(\/|$)/,
	/^(node:)?fs(\/|$)/,
	/^(node:)?https?(\/|$)/,
	/^(node:)?http2(\/|$)/,
	/^(node:)?net(\/|$)/,
	/^n8n-/,
	/^@n8n\//,
];


function sourceFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((entry) => {
		if (entry === 'node_modules') return [];
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry) ? [path] : [];
	});
}

/** Every module specifier a file names: import/export ... from, bare import, import(), require(). */
function specifiers(source: string): string[] {
	const found: string[] = [];
	const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
	for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
	return found;
}

interface Arrow {
	file: string;
	from: string;
	/** A top-level folder for a relative import, else the package name as written. */
	to: string;
	relative: boolean;
}

function arrows(): Arrow[] {
	return FOLDERS.flatMap((folder) =>
		sourceFiles(join(ROOT, folder)).flatMap((path) => {
			const file = relative(ROOT, path).split(sep).join('/');
			return specifiers(readFileSync(path, 'utf8')).map((spec): Arrow => {
				if (!spec.startsWith('.')) return { file, from: folder, to: spec, relative: false };
				return { file, from: folder, to: relative(ROOT, resolve(dirname(path), spec)).split(sep)[0], relative: true };
			});
		}),
	);
}

const breaks = (a: Arrow) => `${a.file} -> ${a.to}`;

describe('architecture', () => {
	const all = arrows();

	it('finds the imports it checks (a broken scanner would pass everything)', () => {
		expect(all.filter((a) => a.from === 'nodes' && a.to === 'core').length).toBeGreaterThan(10);
		expect(specifiers("import a from 'x';\nexport { b } from \"y\";\nimport 'z';\nconst c = await import('w');\nrequire('v');")).toEqual(['x', 'y', 'z', 'w', 'v']);
	});

	it('follows the dependency map between top-level folders', () => {
		const offenders = all
			.filter((a) => a.relative && a.to !== a.from)
			.filter((a) => !(FOLDERS.includes(a.to) && ALLOWED[a.from].includes(a.to)))
			.map(breaks);
		expect([...new Set(offenders)]).toEqual([]);
	});

	it('keeps the core free of SDKs, Redis, queues, file and network I/O, and n8n', () => {
		const offenders = all
			.filter((a) => a.from === 'core' && !a.relative && CORE_FORBIDDEN_PACKAGES.some((p) => p.test(a.to)))
			.map(breaks);
		expect([...new Set(offenders)]).toEqual([]);
	});

	it('lists every built node and credential in package.json, and nothing that does not exist', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		const sources = (dir: string, suffix: string) =>
			sourceFiles(join(ROOT, dir))
				.filter((f) => f.endsWith(suffix))
				.map((f) => `dist/${relative(ROOT, f).replace(/\.ts$/, '.js')}`)
				.sort();
		expect([...pkg.n8n.nodes].sort()).toEqual(sources('nodes', '.node.ts'));
		expect([...pkg.n8n.credentials].sort()).toEqual(sources('credentials', '.credentials.ts'));
	});
});
