import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REQUIRED_NODE_MAJOR = 24;

function major(version: string): number {
	return Number(version.replace(/^v/, '').split('.')[0]);
}

/**
 * The Node binary that runs n8n. n8n 2.x needs Node >= 24 and the machine may ship an older one,
 * so we prefer the current process when it is new enough and otherwise the pinned `node` devDependency.
 */
export function resolveNodeBinary(projectRoot: string): string {
	if (major(process.version) >= REQUIRED_NODE_MAJOR) return process.execPath;
	const pinned = join(projectRoot, 'node_modules', 'node', 'bin', 'node');
	if (existsSync(pinned)) return pinned;
	throw new Error(
		`n8n needs Node >= ${REQUIRED_NODE_MAJOR}, this process runs ${process.version}, and ${pinned} is missing. Run "npm run setup" first.`,
	);
}

/** The n8n CLI entry of the pinned n8n devDependency. */
export function resolveN8nEntry(projectRoot: string): string {
	const entry = join(projectRoot, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(entry)) {
		throw new Error(`n8n is not installed at ${entry}. Run "npm run setup" to install the pinned n8n.`);
	}
	return entry;
}
