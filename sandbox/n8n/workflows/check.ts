/**
 * `beststag workflows check`: everything a workflow file must be before it is merged or imported.
 * Pure: takes file texts and the installed node types, returns problems; the CLI reads the files.
 */
import { isDeepStrictEqual } from 'node:util';

import { NodeHelpers, Workflow, type INode, type INodeInputConfiguration, type INodeOutputConfiguration, type INodeTypeDescription, type NodeConnectionType } from 'n8n-workflow';

import { SEMVER, compareVersions, type Changelog } from './changelog';
import { findLiteralsDeep, type LiteralFinding } from './literals';
import type { NodeTypeRegistry } from './node-types';
import { normalizeWorkflow, saveableParameters, serializeWorkflow, usedCredentialTypes } from './normalize';
import { isPlainObject, shapeProblems, type WorkflowJson, type WorkflowNode, type WorkflowProblem } from './workflow-json';

export type { WorkflowProblem } from './workflow-json';

/** One workflow file to check. */
export interface WorkflowSource {
	/** The name used in messages, e.g. "workflows/beststag-ping.json". */
	file: string;
	/** The file name the changelog's section names, e.g. "beststag-ping.json". */
	fileName: string;
	text: string;
	/** The file's text at an earlier commit (check --since), to require a version bump when it changed. */
	before?: string;
}

export interface CheckContext {
	types: NodeTypeRegistry;
	/** workflows/CHANGELOG.md parsed; undefined when the file is missing (every versioned workflow then fails). */
	changelog?: Changelog;
	/** The command that rewrites a file normalized, named in messages. */
	normalizeCommand?: string;
}

export interface FileReport {
	file: string;
	problems: WorkflowProblem[];
}

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/** Parses a workflow file's text; returns the value or the problem. */
export function parseWorkflowText(text: string): { value?: unknown; problem?: WorkflowProblem } {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { problem: { rule: 'json', message: `Not valid JSON (${(error as Error).message}). Export the workflow from n8n again, or fix the syntax.` } };
	}
}

function typeProblems(node: WorkflowNode, types: NodeTypeRegistry): WorkflowProblem[] {
	if (types.describe(node.type, node.typeVersion)) return [];
	const known = types.versions(node.type);
	if (known.length === 0) {
		return [
			{
				rule: 'node-type',
				node: node.name,
				message: `Its type "${node.type}" is not installed (known packages: ${types.packages.join(', ')}). Fix the type, or install the package that provides it (and list it in package.json for this package's own nodes).`,
			},
		];
	}
	return [
		{
			rule: 'type-version',
			node: node.name,
			message: `"${node.type}" has no typeVersion ${node.typeVersion}; the installed versions are ${known.join(', ')}. Use one of them (the editor shows a newer one when you add the node again).`,
		},
	];
}

/** How many inputs or outputs of each connection type a node has, as n8n computes them for its settings. */
function portCounts(ports: Array<NodeConnectionType | INodeInputConfiguration | INodeOutputConfiguration>): Map<string, number> {
	const counts = new Map<string, number>();
	for (const type of NodeHelpers.getConnectionTypes(ports)) counts.set(type, (counts.get(type) ?? 0) + 1);
	return counts;
}

function connectionProblems(workflow: WorkflowJson, types: NodeTypeRegistry): WorkflowProblem[] {
	const problems: WorkflowProblem[] = [];
	const byName = new Map(workflow.nodes.map((n) => [n.name, n]));
	const known = workflow.nodes.filter((n) => types.describe(n.type, n.typeVersion));
	// n8n-workflow evaluates the expressions some nodes compute their outputs with (e.g. one per intent).
	// Its constructor fills in every default in the nodes it is given, so it gets copies.
	const graph = new Workflow({ nodes: structuredClone(known) as unknown as INode[], connections: {}, active: false, nodeTypes: types.nodeTypes });
	const ports = (node: WorkflowNode, side: 'inputs' | 'outputs'): Map<string, number> | undefined => {
		const description = types.describe(node.type, node.typeVersion) as INodeTypeDescription | undefined;
		const instance = graph.getNode(node.name);
		if (!description || !instance) return undefined;
		try {
			return portCounts(side === 'outputs' ? NodeHelpers.getNodeOutputs(graph, instance, description) : NodeHelpers.getNodeInputs(graph, instance, description));
		} catch {
			return undefined; // an expression that only resolves at run time: nothing to count against
		}
	};
	for (const [sourceName, byType] of Object.entries(workflow.connections)) {
		const source = byName.get(sourceName);
		if (!source) {
			problems.push({ rule: 'connection', message: `Connections start at a node named "${sourceName}", which does not exist. Rename the connection's source to an existing node, or remove it.` });
			continue;
		}
		const outputs = ports(source, 'outputs');
		for (const [type, list] of Object.entries(byType)) {
			list.forEach((edges, outputIndex) => {
				if (!edges || edges.length === 0) return;
				const available = outputs?.get(type) ?? 0;
				if (outputs && outputIndex >= available) {
					problems.push({
						rule: 'connection',
						node: sourceName,
						message: `Connects from its "${type}" output ${outputIndex + 1}, but with its settings it has ${available === 0 ? `no "${type}" output` : `${available} "${type}" output${available === 1 ? '' : 's'}`}. Reconnect from an existing output (or add the option that creates it, e.g. an intent).`,
					});
				}
				for (const edge of edges) {
					const target = byName.get(edge.node);
					if (!target) {
						problems.push({ rule: 'connection', node: sourceName, message: `Connects to "${edge.node}", which does not exist. Point it at an existing node or remove the connection.` });
						continue;
					}
					const inputs = ports(target, 'inputs');
					const accepts = inputs?.get(edge.type) ?? 0;
					if (inputs && edge.index >= accepts) {
						problems.push({
							rule: 'connection',
							node: sourceName,
							message: `Connects to input ${edge.index + 1} ("${edge.type}") of "${edge.node}", which has ${accepts === 0 ? `no "${edge.type}" input` : `${accepts} "${edge.type}" input${accepts === 1 ? '' : 's'}`}. Reconnect it to an existing input.`,
						});
					}
				}
			});
		}
	}
	return problems;
}

function credentialProblems(node: WorkflowNode, types: NodeTypeRegistry): WorkflowProblem[] {
	const description = types.describe(node.type, node.typeVersion);
	if (!description) return [];
	const problems: WorkflowProblem[] = [];
	const used = usedCredentialTypes(node, types);
	for (const [type, ref] of Object.entries(node.credentials ?? {})) {
		if (!types.hasCredentialType(type)) {
			problems.push({ rule: 'credential', node: node.name, message: `Refers to credential type "${type}", which no installed package defines. Pick the credential again in the editor.` });
		} else if (!(description.credentials ?? []).some((c) => c.name === type) && used && !used.has(type)) {
			problems.push({ rule: 'credential', node: node.name, message: `Refers to a "${type}" credential ("${ref.name}"), a type "${node.type}" does not use. Remove it, or pick a credential of the type the node asks for.` });
		} else if (used && !used.has(type)) {
			problems.push({ rule: 'credential', node: node.name, message: `Refers to a "${type}" credential ("${ref.name}") that its current settings do not use; n8n drops it on save. Remove it, or change the setting that shows it.` });
		}
	}
	const full = NodeHelpers.getNodeParameters(description.properties, node.parameters as never, true, false, node as unknown as INode, description) ?? {};
	for (const wanted of description.credentials ?? []) {
		if (!wanted.required || node.credentials?.[wanted.name]) continue;
		if (!NodeHelpers.displayParameter(full, wanted, node as unknown as INode, description)) continue;
		problems.push({ rule: 'credential', node: node.name, message: `Needs a "${wanted.name}" credential and has none. Select one in the editor (by name: the sandbox's are "BestStag … (sandbox)") and export again.` });
	}
	return problems;
}

function literalProblem(finding: LiteralFinding, node: WorkflowNode | undefined): WorkflowProblem {
	const where = finding.path;
	const sticky = node?.type === STICKY_NOTE ? ' Sticky notes may describe a format (e.g. "whatsapp:+55 11 9XXXX-XXXX"), never a real number or key.' : '';
	const message =
		finding.kind === 'secret'
			? `${where} holds what looks like ${finding.what}: ${finding.masked}. Secrets belong in an n8n credential (refer to it under "credentials" by name), never in the workflow file.${sticky}`
			: `${where} holds ${finding.what}: ${finding.masked}. Phone numbers are personal data: take them from the item (e.g. {{ $json.from }}) or from a credential, not from the workflow file.${sticky}`;
	return { rule: finding.kind, ...(node ? { node: node.name } : {}), message };
}

/** Names, for the message, of the nodes whose stored form differs from the normalized one. */
function differingParts(raw: WorkflowJson, normalized: WorkflowJson): string {
	const nodes = normalized.nodes.filter((n) => !isDeepStrictEqual(n, raw.nodes.find((r) => r.id === n.id))).map((n) => `"${n.name}"`);
	const keys = ['connections', 'settings', 'meta', 'active'].filter((k) => !isDeepStrictEqual(raw[k], normalized[k]));
	const parts = [...(nodes.length ? [`node${nodes.length === 1 ? '' : 's'} ${nodes.slice(0, 4).join(', ')}${nodes.length > 4 ? '…' : ''}`] : []), ...keys];
	return parts.length ? parts.join('; ') : 'key order, volatile fields or whitespace';
}

/**
 * Checks one workflow file: JSON shape; node types and typeVersions installed; connections between
 * existing nodes, outputs and inputs; credentials referenced by name, of a type the node uses, none
 * missing; no secrets or phone numbers in parameters, notes, meta or pinned data; no pinned data; no
 * values n8n would drop; stored normalized; a semantic version with its changelog entry; and, when
 * `before` is given and the workflow changed, a higher version. Returns the problems (empty = good).
 */
export function checkWorkflowSource(source: WorkflowSource, context: CheckContext): WorkflowProblem[] {
	const parsed = parseWorkflowText(source.text);
	if (parsed.problem) return [parsed.problem];
	const shape = shapeProblems(parsed.value);
	if (shape.length > 0) return shape;
	const workflow = parsed.value as WorkflowJson;
	const { types } = context;
	const problems: WorkflowProblem[] = [];

	for (const node of workflow.nodes) {
		const typeIssues = typeProblems(node, types);
		problems.push(...typeIssues);
		if (typeIssues.length === 0) problems.push(...credentialProblems(node, types));
		const { unused } = saveableParameters(node, types);
		for (const path of unused) {
			problems.push({
				rule: 'unused-value',
				node: node.name,
				message: `Sets parameter "${path}", which "${node.type}" v${node.typeVersion} does not use with its other settings (or does not have); n8n drops it on save. Remove it, or set the parameter it depends on.`,
			});
		}
		for (const finding of [...findLiteralsDeep(node.parameters, 'parameters'), ...findLiteralsDeep(node.notes ?? '', 'notes')]) {
			problems.push(literalProblem(finding, node));
		}
	}
	problems.push(...connectionProblems(workflow, types));
	for (const finding of findLiteralsDeep(workflow.meta ?? {}, 'meta')) problems.push(literalProblem(finding, undefined));
	if (isPlainObject(workflow.pinData) && Object.keys(workflow.pinData).length > 0) {
		for (const finding of findLiteralsDeep(workflow.pinData, 'pinData')) problems.push(literalProblem(finding, undefined));
		problems.push({ rule: 'pin-data', message: `Holds pinned data for ${Object.keys(workflow.pinData).map((n) => `"${n}"`).join(', ')}: execution data, often real messages. Unpin it in the editor, or run the normalize command, which drops it.` });
	}

	const version = workflow.meta?.beststag?.version;
	if (typeof version !== 'string' || !SEMVER.test(version)) {
		problems.push({
			rule: 'version',
			message: `${version === undefined ? 'Has no' : `Has an invalid version "${String(version)}" in`} meta.beststag.version. Give it a semantic version (e.g. "1.0.0") and a "### <version>" entry under "## \`${source.fileName}\`" in workflows/CHANGELOG.md.`,
		});
	} else {
		const entry = context.changelog?.get(source.fileName)?.get(version);
		if (!entry) {
			problems.push({
				rule: 'changelog',
				message: `Version ${version} has no changelog entry. Add "### ${version}" with a line on what changed under "## \`${source.fileName}\`" in workflows/CHANGELOG.md.`,
			});
		}
		if (source.before !== undefined) problems.push(...bumpProblems(workflow, version, source.before, types));
	}

	// Values n8n would drop are reported above; normalizing would only hide them.
	const { workflow: normalized, unused } = normalizeWorkflow(workflow, types);
	if (unused.length === 0) {
		if (serializeWorkflow(normalized) !== source.text) {
			problems.push({
				rule: 'format',
				message: `Is not stored normalized (differs in ${differingParts(workflow, normalized)}). Run \`${context.normalizeCommand ?? 'npx beststag workflows normalize'} ${source.file}\`.`,
			});
		}
	}
	return problems;
}

function bumpProblems(workflow: WorkflowJson, version: string, beforeText: string, types: NodeTypeRegistry): WorkflowProblem[] {
	const before = parseWorkflowText(beforeText).value;
	if (shapeProblems(before).length > 0) return [];
	const comparable = (w: WorkflowJson) => {
		const normalized = normalizeWorkflow(w, types).workflow;
		const beststag = { ...(normalized.meta?.beststag ?? {}) };
		delete beststag.version;
		return { ...normalized, meta: beststag };
	};
	const old = before as WorkflowJson;
	if (isDeepStrictEqual(comparable(old), comparable(workflow))) return [];
	const oldVersion = old.meta?.beststag?.version;
	if (typeof oldVersion === 'string' && SEMVER.test(oldVersion) && compareVersions(version, oldVersion) > 0) return [];
	return [
		{
			rule: 'version-bump',
			message: `Changed since the compared commit but its version is still ${version}${typeof oldVersion === 'string' && oldVersion !== version ? ` (was ${oldVersion})` : ''}. Raise meta.beststag.version (patch: wording or layout; minor: new behaviour; major: incompatible) and add its changelog entry.`,
		},
	];
}

/**
 * Checks a set of workflow files: each on its own, plus what must hold across them (distinct ids and
 * names, and each credential id meaning one credential). Returns one report per file, in input order.
 */
export function checkWorkflowSources(sources: WorkflowSource[], context: CheckContext): FileReport[] {
	const reports = sources.map((source) => ({ file: source.file, problems: checkWorkflowSource(source, context) }));
	const ids = new Map<string, string>();
	const names = new Map<string, string>();
	const credentials = new Map<string, { type: string; name: string; file: string }>();
	sources.forEach((source, i) => {
		const value = parseWorkflowText(source.text).value;
		if (shapeProblems(value).length > 0) return;
		const workflow = value as WorkflowJson;
		const problems = reports[i].problems;
		const sameId = ids.get(workflow.id);
		if (sameId) problems.push({ rule: 'duplicate', message: `Has the id "${workflow.id}" of ${sameId}; each workflow needs its own, or imports overwrite each other.` });
		else ids.set(workflow.id, source.file);
		const sameName = names.get(workflow.name);
		if (sameName) problems.push({ rule: 'duplicate', message: `Has the name "${workflow.name}" of ${sameName}; export and import match workflows by name, so names must be distinct.` });
		else names.set(workflow.name, source.file);
		for (const node of workflow.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				if (!ref.id) continue;
				const seen = credentials.get(ref.id);
				if (!seen) credentials.set(ref.id, { type, name: ref.name, file: source.file });
				else if (seen.type !== type || seen.name !== ref.name) {
					problems.push({
						rule: 'credential',
						node: node.name,
						message: `Uses credential id "${ref.id}" as "${ref.name}" (${type}), but ${seen.file} uses that id for "${seen.name}" (${seen.type}). One id is one credential: pick the credential again by name.`,
					});
				}
			}
		}
	});
	return reports;
}

/** One line per problem: "<file> › node "<name>": <message>". */
export function formatProblem(file: string, problem: WorkflowProblem): string {
	return `${file}${problem.node ? ` › node "${problem.node}"` : ''}: ${problem.message} [${problem.rule}]`;
}
