/**
 * The package's own name, version and folder, read from its package.json at run time (fs), so the Ping
 * node and the CLI report what is actually installed. An adapter: core never reads files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { PackageInfo } from '../../core/diagnostics/ping';

export const PACKAGE_NAME = 'n8n-nodes-beststag';

let cached: { info: PackageInfo; root: string } | undefined;

/** Walks up from this file to the package root, so it works from sources, from dist/ and when installed into n8n. */
function locate(): { info: PackageInfo; root: string } {
	if (cached) return cached;
	let dir = __dirname;
	for (;;) {
		const candidate = join(dir, 'package.json');
		if (existsSync(candidate)) {
			const json = JSON.parse(readFileSync(candidate, 'utf8')) as Partial<PackageInfo>;
			if (json.name === PACKAGE_NAME && typeof json.version === 'string') {
				cached = { info: { name: json.name, version: json.version }, root: dir };
				return cached;
			}
		}
		const parent = dirname(dir);
		if (parent === dir) {
			throw new Error(`Cannot find the ${PACKAGE_NAME} package.json above ${__dirname}; the package install is incomplete.`);
		}
		dir = parent;
	}
}

/** Name and version of the installed package; throws Error when no matching package.json is found above this file. */
export function packageInfo(): PackageInfo {
	return { ...locate().info };
}

/** The directory holding package.json: the repository root in development, the installed package folder in n8n. Throws as packageInfo does. */
export function packageRoot(): string {
	return locate().root;
}
