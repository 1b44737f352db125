/**
 * The workflows/ folder on disk: which files are workflows, their changelog, and a file's text at
 * an earlier git commit. An adapter (fs, git); the checks it feeds are pure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { parseChangelog, type Changelog } from './changelog';
import type { WorkflowSource } from './check';

export const CHANGELOG_FILE = 'CHANGELOG.md';

/** The workflow files among `paths` (files, or folders whose *.json are taken), sorted, as absolute paths. Throws for a path that does not exist. */
export function workflowFiles(paths: string[]): string[] {
	const files = new Set<string>();
	for (const path of paths) {
		const absolute = resolve(path);
		if (!existsSync(absolute)) throw new Error(`${path} does not exist.`);
		if (statSync(absolute).isDirectory()) {
			for (const entry of readdirSync(absolute).filter((f) => f.endsWith('.json')).sort()) files.add(join(absolute, entry));
		} else files.add(absolute);
	}
	return [...files].sort();
}

/** The changelog beside the workflow files (workflows/CHANGELOG.md), or undefined when there is none. */
export function readChangelog(dir: string): Changelog | undefined {
	const file = join(dir, CHANGELOG_FILE);
	return existsSync(file) ? parseChangelog(readFileSync(file, 'utf8')) : undefined;
}

/** A file's text at a git commit (e.g. "HEAD"), or undefined when git or the file at that commit is missing. */
export function textAtCommit(file: string, ref: string): string | undefined {
	const dir = dirname(file);
	try {
		const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		const path = relative(top, file).split('\\').join('/');
		return execFileSync('git', ['show', `${ref}:${path}`], { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
	} catch {
		return undefined;
	}
}

/** Reads workflow files as the checks take them; `since` adds each file's text at that commit. */
export function readSources(files: string[], options: { cwd?: string; since?: string } = {}): WorkflowSource[] {
	const cwd = options.cwd ?? process.cwd();
	return files.map((file) => {
		const before = options.since ? textAtCommit(file, options.since) : undefined;
		return {
			file: relative(cwd, file) || file,
			fileName: basename(file),
			text: readFileSync(file, 'utf8'),
			...(before !== undefined ? { before } : {}),
		};
	});
}

/** Writes a file only when its text changes; returns whether it did. */
export function writeIfChanged(file: string, text: string): boolean {
	if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
	writeFileSync(file, text);
	return true;
}
