/**
 * Workflow files stored the way n8n's editor saves a workflow: only the parameters someone set, in
 * a stable key order, with nothing volatile. Pure: no file or network access.
 *
 * The parameters go through n8n-workflow's own NodeHelpers.getNodeParameters(properties, values,
 * returnDefaults = false, returnNoneDisplayed = false, node, description), the call the editor makes
 * before it saves (n8n-io/n8n packages/frontend/editor-ui, useWorkflowHelpers getNodeDataToSave):
 * values equal to their default and values of parameters not shown for the node's settings are left
 * out, in the order the node type lists its parameters.
 */
import { isDeepStrictEqual } from 'node:util';

import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import type { NodeTypeRegistry } from './node-types';
import { isPlainObject, type WorkflowConnection, type WorkflowConnections, type WorkflowJson, type WorkflowNode } from './workflow-json';

/**
 * Top-level keys n8n adds that describe one instance's copy, never the workflow itself: timestamps,
 * version and sharing bookkeeping, tags (ids per instance), trigger state (staticData) and pinned
 * execution data (pinData: often real messages, i.e. personal data).
 */
export const VOLATILE_WORKFLOW_KEYS = [
	'activeVersion',
	'activeVersionId',
	'checksum',
	'createdAt',
	'homeProject',
	'isArchived',
	'parentFolderId',
	'pinData',
	'scopes',
	'shared',
	'sourceWorkflowId',
	'staticData',
	'tags',
	'triggerCount',
	'updatedAt',
	'usedCredentials',
	'versionCounter',
	'versionId',
] as const;

/**
 * Settings n8n derives itself: the editor adds binaryMode on save, and the public API ignores it on
 * create and update ("a derived, internal setting", n8n 2.40 public API openapi.yml, workflowSettings).
 */
export const DERIVED_SETTINGS = ['binaryMode'] as const;

/**
 * The grid, in pixels, n8n 2.40's editor puts every node on when it opens a workflow; a save then
 * stores the moved positions (measured: 220 → 224, 660 → 672, -10 → -16). A file whose positions are
 * already on it is saved by the editor unchanged.
 */
export const CANVAS_GRID = 16;

/** A coordinate on the editor's grid, moved away from zero as the editor moves (almost) every one. */
export function onCanvasGrid(value: number): number {
	const cells = value / CANVAS_GRID;
	return (value >= 0 ? Math.ceil(cells) : Math.floor(cells)) * CANVAS_GRID || 0;
}

/** The order of a workflow's keys in a file; other keys follow, sorted. */
const WORKFLOW_KEY_ORDER = ['id', 'name', 'description', 'active', 'nodes', 'nodeGroups', 'connections', 'settings', 'meta'];

/** The order of a node's keys: what it is, what it does, then how it behaves and its note. */
const NODE_KEY_ORDER = [
	'id',
	'name',
	'type',
	'typeVersion',
	'position',
	'webhookId',
	'parameters',
	'credentials',
	'disabled',
	'onError',
	'continueOnFail',
	'alwaysOutputData',
	'executeOnce',
	'retryOnFail',
	'maxTries',
	'waitBetweenTries',
	'notesInFlow',
	'notes',
];

/** Node settings the editor saves only when they differ from these values. */
const NODE_SETTING_DEFAULTS: Record<string, unknown> = {
	disabled: false,
	continueOnFail: false,
	onError: 'stopWorkflow',
	alwaysOutputData: false,
	executeOnce: false,
	retryOnFail: false,
	notesInFlow: false,
	notes: '',
};

/** A value in a file that n8n would drop on save because the node type does not use it as set. */
export interface UnusedValue {
	node: string;
	/** Dotted path inside the node's parameters ("options.timeout"), or "credentials.<type>". */
	path: string;
	reason: 'not-a-parameter' | 'credential-not-used';
}

export interface NormalizeOptions {
	/**
	 * The file's current content, when the workflow comes from an n8n instance (export): its workflow
	 * id, its node order, its credential ids and its meta.beststag are kept, so an export changes only
	 * what was edited.
	 */
	previous?: WorkflowJson;
	/** The version a workflow without meta.beststag.version gets (none when omitted). */
	defaultVersion?: string;
}

export interface NormalizeResult {
	workflow: WorkflowJson;
	/** Values n8n would drop, which normalize drops too; the check reports them so nobody loses a setting silently. */
	unused: UnusedValue[];
}

function ordered(object: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of order) if (object[key] !== undefined) out[key] = object[key];
	for (const key of Object.keys(object).sort()) if (!(key in out) && object[key] !== undefined) out[key] = object[key];
	return out;
}

/** Object keys sorted at every depth; arrays keep their order. */
export function sortKeysDeep(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeysDeep);
	if (!isPlainObject(value)) return value;
	return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeysDeep(value[k])]));
}

/** Paths in `raw` that `kept` lacks and that are not the default `withDefaults` shows. */
function unusedPaths(raw: Record<string, unknown>, kept: Record<string, unknown>, withDefaults: Record<string, unknown> | undefined, prefix = ''): string[] {
	const paths: string[] = [];
	for (const [key, value] of Object.entries(raw)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (key in kept) {
			if (isPlainObject(value) && isPlainObject(kept[key])) {
				paths.push(...unusedPaths(value, kept[key] as Record<string, unknown>, isPlainObject(withDefaults?.[key]) ? (withDefaults[key] as Record<string, unknown>) : undefined, path));
			}
			continue;
		}
		if (withDefaults && key in withDefaults && isDeepStrictEqual(withDefaults[key], value)) continue;
		paths.push(path);
	}
	return paths;
}

/**
 * The parameters n8n's editor would save for this node, and the set values it would drop. Nodes of
 * unknown types keep their parameters as they are (the editor does the same).
 */
export function saveableParameters(node: WorkflowNode, types: NodeTypeRegistry): { parameters: Record<string, unknown>; unused: string[] } {
	const description = types.describe(node.type, node.typeVersion);
	if (!description) return { parameters: node.parameters, unused: [] };
	const asNode = node as unknown as INode;
	const values = node.parameters as INodeParameters;
	const withDefaults = (NodeHelpers.getNodeParameters(description.properties, values, true, false, asNode, description) ?? {}) as Record<string, unknown>;
	// The editor fills in the defaults when it opens a workflow and saves from those, which keeps a
	// shown collection (e.g. an empty "options") that the file left out.
	const parameters = (NodeHelpers.getNodeParameters(description.properties, withDefaults as INodeParameters, false, false, asNode, description) ?? {}) as Record<string, unknown>;
	return { parameters, unused: unusedPaths(node.parameters, parameters, withDefaults) };
}

/**
 * The credential types this node uses with its current parameters (the editor keeps only these), by
 * n8n-workflow's NodeHelpers.getActiveCredentialTypes; undefined when that cannot be told statically
 * (unknown type, a credential type chosen by an expression): then every reference counts as used.
 */
export function usedCredentialTypes(node: WorkflowNode, types: NodeTypeRegistry): Set<string> | undefined {
	const description = types.describe(node.type, node.typeVersion);
	if (!description) return undefined;
	// Judged on every parameter's value, defaults included: a credential shown for a default setting is used.
	const asNode = node as unknown as INode;
	const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters as INodeParameters, true, false, asNode, description) ?? {};
	return NodeHelpers.getActiveCredentialTypes({ ...asNode, parameters }, description) ?? undefined;
}

function normalizeConnections(connections: WorkflowConnections, nodeOrder: string[]): WorkflowConnections {
	const rank = (name: string) => {
		const i = nodeOrder.indexOf(name);
		return i === -1 ? Number.MAX_SAFE_INTEGER : i;
	};
	const sources = Object.keys(connections).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
	const out: WorkflowConnections = {};
	for (const source of sources) {
		const byType: Record<string, Array<WorkflowConnection[]>> = {};
		const types = Object.keys(connections[source]).sort((a, b) => (a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b)));
		for (const type of types) {
			const outputs = connections[source][type].map((edges) => (edges ?? []).map((e) => ({ node: e.node, type: e.type, index: e.index })));
			while (outputs.length > 0 && outputs[outputs.length - 1].length === 0) outputs.pop();
			if (outputs.length > 0) byType[type] = outputs;
		}
		if (Object.keys(byType).length > 0) out[source] = byType;
	}
	return out;
}

function normalizeNode(node: WorkflowNode, types: NodeTypeRegistry, previous: WorkflowNode | undefined): { node: WorkflowNode; unused: UnusedValue[] } {
	const { parameters, unused } = saveableParameters(node, types);
	const out: Record<string, unknown> = { ...node, parameters };
	for (const [key, value] of Object.entries(NODE_SETTING_DEFAULTS)) if (out[key] === value || out[key] === undefined) delete out[key];
	const problems: UnusedValue[] = unused.map((path) => ({ node: node.name, path, reason: 'not-a-parameter' }));
	if (node.credentials) {
		const used = usedCredentialTypes(node, types);
		const credentials: Record<string, { id?: string; name: string }> = {};
		for (const type of Object.keys(node.credentials).sort()) {
			if (used && !used.has(type)) {
				problems.push({ node: node.name, path: `credentials.${type}`, reason: 'credential-not-used' });
				continue;
			}
			const ref = node.credentials[type];
			// An instance names the same credential with its own id; the file keeps its id when the name matches.
			const before = previous?.credentials?.[type];
			const id = before && before.name === ref.name && before.id ? before.id : ref.id;
			credentials[type] = id ? { id, name: ref.name } : { name: ref.name };
		}
		if (Object.keys(credentials).length > 0) out.credentials = credentials;
		else delete out.credentials;
	}
	out.position = node.position.map(onCanvasGrid);
	return { node: ordered(out, NODE_KEY_ORDER) as WorkflowNode, unused: problems };
}

/**
 * Returns `workflow` as its file should store it: volatile keys dropped (VOLATILE_WORKFLOW_KEYS, meta
 * other than meta.beststag, DERIVED_SETTINGS), each node's parameters as n8n's editor saves them, node settings at
 * their defaults dropped, credential references as { id, name }, connections in node order with no
 * trailing empty outputs, and keys in a fixed order. Node ids and webhook ids are kept as they are;
 * positions too, once on the editor's grid (onCanvasGrid), so the editor never moves them. Idempotent.
 * Expects a value that passed shapeProblems().
 */
export function normalizeWorkflow(workflow: WorkflowJson, types: NodeTypeRegistry, options: NormalizeOptions = {}): NormalizeResult {
	const { previous } = options;
	const unused: UnusedValue[] = [];
	const previousNodes = previous?.nodes ?? [];
	const previousIndex = (node: WorkflowNode) => {
		const byId = previousNodes.findIndex((p) => p.id === node.id);
		return byId !== -1 ? byId : previousNodes.findIndex((p) => p.name === node.name);
	};
	const nodes = workflow.nodes
		.map((node, i) => ({ node, i, before: previousIndex(node) }))
		// Nodes already in the file keep their place; new ones follow in the instance's order.
		.sort((a, b) => (a.before === -1 ? Number.MAX_SAFE_INTEGER : a.before) - (b.before === -1 ? Number.MAX_SAFE_INTEGER : b.before) || a.i - b.i)
		.map(({ node, before }) => {
			const result = normalizeNode(node, types, before === -1 ? undefined : previousNodes[before]);
			unused.push(...result.unused);
			return result.node;
		});

	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(workflow)) {
		if ((VOLATILE_WORKFLOW_KEYS as readonly string[]).includes(key) || value === undefined || value === null) continue;
		out[key] = value;
	}
	if (previous) out.id = previous.id;
	out.nodes = nodes;
	out.connections = normalizeConnections(workflow.connections, nodes.map((n) => n.name));
	out.active = workflow.active === true;
	if (typeof out.description !== 'string' || !out.description.trim()) delete out.description;
	if (Array.isArray(out.nodeGroups) && out.nodeGroups.length === 0) delete out.nodeGroups;
	const settings = { ...(isPlainObject(workflow.settings) ? workflow.settings : {}) };
	for (const key of DERIVED_SETTINGS) delete settings[key];
	out.settings = sortKeysDeep(settings);

	const beststag = { ...(isPlainObject(workflow.meta?.beststag) ? workflow.meta.beststag : {}), ...(previous?.meta?.beststag ?? {}) };
	if (beststag.version === undefined && options.defaultVersion) beststag.version = options.defaultVersion;
	if (Object.keys(beststag).length > 0) out.meta = { beststag: ordered(beststag, ['version', 'purpose']) };
	else delete out.meta;

	return { workflow: ordered(out, WORKFLOW_KEY_ORDER) as WorkflowJson, unused };
}

/** The file text of a normalized workflow: 2-space JSON, as n8n's own download, with a trailing newline. */
export function serializeWorkflow(workflow: WorkflowJson): string {
	return `${JSON.stringify(workflow, null, 2)}\n`;
}
