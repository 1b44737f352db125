import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import { webhookPath } from '../../core/whatsapp/status-callback';
import { packageRoot } from '../../nodes/shared/package-info';
import { loadNodeTypes, type NodeTypeRegistry } from './workflows/node-types';

/** The subset of n8n's workflow JSON that the harness relies on. */
export interface WorkflowFile {
	file: string;
	id: string;
	name: string;
	active: boolean;
	/** Production webhook paths with their methods, for readiness checks. */
	webhooks: Array<{ method: string; path: string; nodeType: string; statusPath?: string }>;
}

interface RawNode {
	type?: string;
	typeVersion?: number;
	parameters?: { path?: unknown; httpMethod?: unknown; statusPath?: unknown };
}

let registry: NodeTypeRegistry | undefined;

/**
 * A node's parameters with the defaults n8n applies: normalized files leave out a parameter at its
 * default (the WhatsApp trigger's path "whatsapp/inbound"), and n8n serves the webhook there anyway.
 */
function withDefaults(node: RawNode): RawNode['parameters'] {
	if (typeof node.parameters?.path === 'string') return node.parameters;
	// Loaded only when needed (a second or two).
	registry ??= loadNodeTypes({ projectRoot: packageRoot() });
	const description = registry.describe(String(node.type), Number(node.typeVersion));
	if (!description) return node.parameters;
	const values = (node.parameters ?? {}) as INodeParameters;
	return (NodeHelpers.getNodeParameters(description.properties, values, true, false, node as unknown as INode, description) ?? values) as RawNode['parameters'];
}

/** Nodes that serve a production webhook at their "path", and the method when it is fixed. */
const WEBHOOK_NODES: Record<string, string | undefined> = {
	'n8n-nodes-base.webhook': undefined,
	'n8n-nodes-beststag.whatsAppTrigger': 'POST',
};

const WORKFLOW_ID = /^[A-Za-z0-9]{16}$/;

/** Reads and checks every *.json workflow in the given folders; bad files fail loudly with the reason. */
export function readWorkflowFiles(dirs: string[]): WorkflowFile[] {
	const found: WorkflowFile[] = [];
	const ids = new Map<string, string>();
	for (const dir of dirs) {
		for (const entry of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
			const file = join(dir, entry);
			let raw: { id?: unknown; name?: unknown; active?: unknown; nodes?: unknown };
			try {
				raw = JSON.parse(readFileSync(file, 'utf8'));
			} catch (error) {
				throw new Error(`Workflow ${file} is not valid JSON: ${(error as Error).message}`);
			}
			if (typeof raw.id !== 'string' || !WORKFLOW_ID.test(raw.id)) {
				throw new Error(`Workflow ${file} needs a stable "id" of 16 letters or digits, so re-imports update it in place.`);
			}
			if (typeof raw.name !== 'string' || !raw.name.trim()) throw new Error(`Workflow ${file} needs a "name".`);
			if (!Array.isArray(raw.nodes)) throw new Error(`Workflow ${file} has no "nodes" array.`);
			const previous = ids.get(raw.id);
			if (previous) throw new Error(`Workflows ${previous} and ${file} share the id "${raw.id}".`);
			ids.set(raw.id, file);
			const webhooks = (raw.nodes as RawNode[])
				.filter((n) => typeof n.type === 'string' && n.type in WEBHOOK_NODES)
				.map((n) => ({ node: n, parameters: withDefaults(n) }))
				.filter(({ parameters }) => typeof parameters?.path === 'string' && parameters.path !== '')
				.map(({ node, parameters }) => ({
					method: WEBHOOK_NODES[node.type as string] ?? String(parameters?.httpMethod ?? 'GET'),
					path: String(parameters?.path),
					nodeType: node.type as string,
					// A WhatsApp trigger's Delivery Statuses Path: that trigger takes statuses, not people's messages.
					...(typeof parameters?.statusPath === 'string' && webhookPath(parameters.statusPath) ? { statusPath: webhookPath(parameters.statusPath) } : {}),
				}));
			found.push({ file, id: raw.id, name: raw.name, active: raw.active === true, webhooks });
		}
	}
	return found;
}
