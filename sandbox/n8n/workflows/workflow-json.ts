/**
 * The workflow JSON shape as n8n exports it, and the shape check every other step relies on.
 * Pure: no file or network access.
 */

/** One node as n8n stores it; other keys n8n adds are kept as they are. */
export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: string; name: string }>;
	webhookId?: string;
	notes?: string;
	[key: string]: unknown;
}

/** One edge: to the `index`-th input of type `type` of the node named `node`. */
export interface WorkflowConnection {
	node: string;
	type: string;
	index: number;
}

/** Source node name → connection type → output index → edges. */
export type WorkflowConnections = Record<string, Record<string, Array<WorkflowConnection[] | null>>>;

/** BestStag's own metadata, kept in the file under meta.beststag. */
export interface BestStagMeta {
	/** Semantic version of the workflow (https://semver.org), with an entry in workflows/CHANGELOG.md. */
	version?: string;
	purpose?: string;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNode[];
	connections: WorkflowConnections;
	settings?: Record<string, unknown>;
	meta?: { beststag?: BestStagMeta; [key: string]: unknown } | null;
	pinData?: Record<string, unknown> | null;
	[key: string]: unknown;
}

/** n8n workflow ids are 16 letters or digits; a fixed one makes every re-import update in place. */
export const WORKFLOW_ID = /^[A-Za-z0-9]{16}$/;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A problem found in one workflow file; `node` is the node's name when the problem is in a node. */
export interface WorkflowProblem {
	/** The kind of problem, stable for tests and scripts (e.g. "node-type", "secret"). */
	rule: string;
	node?: string;
	/** What is wrong and what to do, in one or two sentences. */
	message: string;
}

/**
 * Checks that `raw` has the shape of an n8n workflow: an object with a 16-character id, a name,
 * nodes (each with a unique id and name, a type, a numeric typeVersion, an [x, y] position and
 * parameters) and connections. Returns the problems; an empty list means the value is a WorkflowJson.
 */
export function shapeProblems(raw: unknown): WorkflowProblem[] {
	const problems: WorkflowProblem[] = [];
	const add = (message: string, node?: string) => problems.push({ rule: 'shape', message, ...(node ? { node } : {}) });
	if (!isPlainObject(raw)) return [{ rule: 'shape', message: 'The file is not a workflow: it must hold one JSON object, as n8n exports it.' }];
	if (typeof raw.id !== 'string' || !WORKFLOW_ID.test(raw.id)) {
		add('Needs a stable "id" of 16 letters or digits, so every import updates the same workflow in place.');
	}
	if (typeof raw.name !== 'string' || !raw.name.trim()) add('Needs a "name" (the title shown in the n8n editor).');
	if (raw.active !== undefined && typeof raw.active !== 'boolean') add('"active" must be true or false.');
	if (raw.settings !== undefined && !isPlainObject(raw.settings)) add('"settings" must be an object.');
	if (!isPlainObject(raw.connections)) add('Needs a "connections" object (use {} when no node is connected).');
	if (!Array.isArray(raw.nodes)) {
		add('Needs a "nodes" array.');
		return problems;
	}
	const names = new Set<string>();
	const ids = new Set<string>();
	raw.nodes.forEach((node: unknown, i) => {
		if (!isPlainObject(node)) {
			add(`nodes[${i}] is not an object.`);
			return;
		}
		const name = typeof node.name === 'string' && node.name.trim() ? node.name : undefined;
		const label = name ?? `nodes[${i}]`;
		if (!name) add(`nodes[${i}] needs a "name".`);
		else if (names.has(name)) add(`Two nodes are named "${name}"; n8n connects nodes by name, so each name must be unique. Rename one.`, name);
		else names.add(name);
		if (typeof node.id !== 'string' || !node.id) add('Needs an "id" (n8n uses a UUID).', label);
		else if (ids.has(node.id)) add(`Shares its id "${node.id}" with another node; give it a new UUID.`, label);
		else ids.add(node.id);
		if (typeof node.type !== 'string' || !node.type.includes('.')) add('Needs a "type" such as "n8n-nodes-base.webhook".', label);
		if (typeof node.typeVersion !== 'number') add('Needs a numeric "typeVersion".', label);
		if (!Array.isArray(node.position) || node.position.length !== 2 || !node.position.every((n) => typeof n === 'number')) {
			add('Needs a "position" of two numbers, [x, y].', label);
		}
		if (!isPlainObject(node.parameters)) add('Needs a "parameters" object (use {} when nothing is set).', label);
		if (node.credentials !== undefined) {
			if (!isPlainObject(node.credentials)) add('"credentials" must map a credential type to { "id", "name" }.', label);
			else {
				for (const [type, ref] of Object.entries(node.credentials)) {
					if (!isPlainObject(ref) || typeof ref.name !== 'string' || !ref.name.trim()) {
						add(`Credential "${type}" needs a "name": workflows refer to credentials by name, so they import into any n8n that has one of that name.`, label);
					} else if (ref.id !== undefined && typeof ref.id !== 'string') add(`Credential "${type}" has a non-text "id".`, label);
				}
			}
		}
	});
	if (isPlainObject(raw.connections)) {
		for (const [source, byType] of Object.entries(raw.connections)) {
			if (!isPlainObject(byType)) {
				add(`The connections of "${source}" must be an object of connection types.`);
				continue;
			}
			for (const [type, outputs] of Object.entries(byType)) {
				const ok =
					Array.isArray(outputs) &&
					outputs.every(
						(edges) =>
							edges === null ||
							(Array.isArray(edges) &&
								edges.every((e) => isPlainObject(e) && typeof e.node === 'string' && typeof e.type === 'string' && Number.isInteger(e.index))),
					);
				if (!ok) add(`The "${type}" connections of "${source}" must be a list of outputs, each a list of { "node", "type", "index" }.`);
			}
		}
	}
	return problems;
}
