// Compiles TypeScript into dist/ and copies the assets n8n and the portal load at run time
// (icons, codex .node.json files, output schemas, portal static files, core data files such as the classifier corpus).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

try {
	execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
} catch {
	console.error('[build] TypeScript reported errors (above); dist/ was not fully updated.');
	process.exit(1);
}

// Which files each source folder ships beside the compiled code.
const ASSETS = [
	// One icons/ folder for nodes and credentials (file:../../icons/... from a node, file:../icons/... from a credential).
	{ dir: 'icons', pattern: /\.(svg|png)$/ },
	// Codex .node.json files, and each node's __schema__/v<version>/<resource>/<operation>.json output shapes.
	{ dir: 'nodes', pattern: /\.json$/ },
	{ dir: 'portal/public', pattern: /\.(html|css|js|svg|png)$/ },
	{ dir: 'workflows', pattern: /\.json$/ },
	// tsc emits the JSON that core imports, but an incremental build skips a copy deleted from dist/; copy them always.
	{ dir: 'core', pattern: /\.json$/ },
];

function copyAssets(dir, pattern) {
	if (!existsSync(dir)) return;
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) {
			copyAssets(path, pattern);
		} else if (pattern.test(entry)) {
			const target = join(root, 'dist', relative(root, path));
			mkdirSync(dirname(target), { recursive: true });
			copyFileSync(path, target);
		}
	}
}
for (const { dir, pattern } of ASSETS) copyAssets(join(root, dir), pattern);

const bin = join(root, 'dist/cli/beststag.js');
if (existsSync(bin)) chmodSync(bin, 0o755);
