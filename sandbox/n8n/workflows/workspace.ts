/**
 * The workflows/ folder's operations behind `beststag workflows check | normalize | export | import`:
 * read the files, load the installed node types, run the pure checks and normalizer, talk to n8n
 * through sync.ts, write files. The CLI only parses options and prints.
 */
import { basename, dirname, join } from 'node:path';

import type { N8nPublicApi } from '../public-api';
import { checkWorkflowSources, parseWorkflowText, type FileReport } from './check';
import { loadNodeTypes, type NodeTypeRegistry } from './node-types';
import { normalizeWorkflow, serializeWorkflow, type UnusedValue } from './normalize';
import { readChangelog, readSources, workflowFiles, writeIfChanged } from './repository';
import { fetchWorkflow, importWorkflows, listInstanceWorkflows, matchWorkflow, type ImportOutcome } from './sync';
import { shapeProblems, type WorkflowJson } from './workflow-json';

/** The version a workflow gets on its first normalize when it has none. */
export const FIRST_VERSION = '1.0.0';

export interface WorkspaceOptions {
	/** The package root: its package.json names this package's nodes. */
	projectRoot: string;
	/** Node types already loaded (tests pass them); loaded from projectRoot's dist/ otherwise. */
	types?: NodeTypeRegistry;
}

const typesFor = (options: WorkspaceOptions) => options.types ?? loadNodeTypes({ projectRoot: options.projectRoot });

/** The changelog of the folder the files are in (the first file's folder). */
const changelogFor = (files: string[]) => (files.length > 0 ? readChangelog(dirname(files[0])) : undefined);

/**
 * Checks workflow files (paths: files or folders). `since` is a git commit to compare with: a
 * workflow changed since then must have a higher version. Returns one report per file.
 */
export function checkFiles(paths: string[], options: WorkspaceOptions & { since?: string; cwd?: string }): FileReport[] {
	const files = workflowFiles(paths);
	return checkWorkflowSources(readSources(files, { cwd: options.cwd, since: options.since }), { types: typesFor(options), changelog: changelogFor(files) });
}

export interface NormalizeOutcome {
	file: string;
	/** True when the file was rewritten. */
	changed: boolean;
	/** Set values n8n would drop; the file is left alone unless dropUnused. */
	unused: UnusedValue[];
	/** Why the file could not be normalized (not JSON, not a workflow). */
	error?: string;
	/** The version given to a workflow that had none. */
	addedVersion?: string;
}

/**
 * Rewrites each file as normalizeWorkflow() stores it, giving a workflow without a version
 * FIRST_VERSION. A file with values n8n would drop is left unchanged unless `dropUnused` (so a stale
 * build never silently deletes a new parameter).
 */
export function normalizeFiles(paths: string[], options: WorkspaceOptions & { dropUnused?: boolean }): NormalizeOutcome[] {
	const types = typesFor(options);
	return workflowFiles(paths).map((file) => {
		const [source] = readSources([file]);
		const parsed = parseWorkflowText(source.text);
		const shape = parsed.problem ? [parsed.problem] : shapeProblems(parsed.value);
		if (shape.length > 0) return { file, changed: false, unused: [], error: shape.map((p) => p.message).join(' ') };
		const workflow = parsed.value as WorkflowJson;
		const { workflow: normalized, unused } = normalizeWorkflow(workflow, types, { defaultVersion: FIRST_VERSION });
		if (unused.length > 0 && !options.dropUnused) return { file, changed: false, unused };
		const addedVersion = workflow.meta?.beststag?.version === undefined ? FIRST_VERSION : undefined;
		return { file, changed: writeIfChanged(file, serializeWorkflow(normalized)), unused, ...(addedVersion ? { addedVersion } : {}) };
	});
}

export interface ExportOutcome {
	file: string;
	name: string;
	status: 'updated' | 'unchanged' | 'new' | 'missing';
	/** The instance's id (differs from the file's when the workflow was created through the public API). */
	instanceId?: string;
	unused: UnusedValue[];
}

/** A file name for a workflow that has none yet: "BestStag · Daily digest" → "beststag-daily-digest.json". */
export function fileNameFor(name: string): string {
	const slug = name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `${slug || 'workflow'}.json`;
}

/**
 * Pulls the workflows of `dir` from the instance (matched by id, then name), normalized, keeping
 * each file's id, node order, credential ids and meta.beststag. Workflows only on the instance are
 * written as new files when `includeNew`; otherwise reported as 'new'. `dryRun` writes nothing.
 */
export async function exportToFolder(api: N8nPublicApi, dir: string, options: WorkspaceOptions & { includeNew?: boolean; dryRun?: boolean }): Promise<ExportOutcome[]> {
	const types = typesFor(options);
	const instance = await listInstanceWorkflows(api);
	const outcomes: ExportOutcome[] = [];
	const matched = new Set<string>();
	for (const file of workflowFiles([dir])) {
		const parsed = parseWorkflowText(readSources([file])[0].text);
		if (parsed.problem || shapeProblems(parsed.value).length > 0) throw new Error(`${file} is not a valid workflow file; run \`beststag workflows check ${file}\` and fix it first.`);
		const previous = parsed.value as WorkflowJson;
		const match = matchWorkflow(previous, instance);
		if (!match) {
			outcomes.push({ file, name: previous.name, status: 'missing', unused: [] });
			continue;
		}
		matched.add(match.id);
		const current = await fetchWorkflow(api, match.id);
		const { workflow, unused } = normalizeWorkflow(current, types, { previous });
		const text = serializeWorkflow(workflow);
		const changed = options.dryRun ? readSources([file])[0].text !== text : writeIfChanged(file, text);
		outcomes.push({ file, name: workflow.name, status: changed ? 'updated' : 'unchanged', instanceId: match.id, unused });
	}
	for (const other of instance.filter((w) => !matched.has(w.id))) {
		const file = join(dir, fileNameFor(other.name));
		if (!options.includeNew || options.dryRun) {
			outcomes.push({ file, name: other.name, status: 'new', instanceId: other.id, unused: [] });
			continue;
		}
		const current = await fetchWorkflow(api, other.id);
		const { workflow, unused } = normalizeWorkflow(current, types, { defaultVersion: FIRST_VERSION });
		writeIfChanged(file, serializeWorkflow(workflow));
		outcomes.push({ file, name: workflow.name, status: 'new', instanceId: other.id, unused });
	}
	return outcomes;
}

/**
 * Loads workflow files into the instance (importWorkflows). Unless `skipCheck`, every file must pass
 * `check` first; the reports with problems are returned and nothing is imported.
 */
export async function importFiles(
	api: N8nPublicApi,
	paths: string[],
	options: WorkspaceOptions & { skipCheck?: boolean },
): Promise<{ refused: FileReport[]; outcomes: ImportOutcome[] }> {
	const files = workflowFiles(paths);
	if (!options.skipCheck) {
		const refused = checkFiles(files, options).filter((r) => r.problems.length > 0);
		if (refused.length > 0) return { refused, outcomes: [] };
	}
	const workflows = readSources(files).map((s) => {
		const parsed = parseWorkflowText(s.text);
		if (parsed.problem || shapeProblems(parsed.value).length > 0) throw new Error(`${basename(s.file)} is not a valid workflow file.`);
		return parsed.value as WorkflowJson;
	});
	return { refused: [], outcomes: await importWorkflows(api, workflows) };
}
