/**
 * Moving workflows between workflows/ and an n8n instance through n8n's public API
 * (https://docs.n8n.io/api/api-reference/): import upserts each file (matched by id, then by name)
 * and publishes it when the file says "active": true; export reads them back for normalize().
 */
import type { N8nPublicApi } from '../public-api';
import { isPlainObject, type WorkflowJson } from './workflow-json';

/** A workflow as the public API returns it. */
export interface InstanceWorkflow extends WorkflowJson {
	active: boolean;
	isArchived?: boolean;
}

/**
 * The settings the public API accepts on create and update (its workflowSettings schema has
 * additionalProperties: false; n8n 2.40 openapi.yml). Others are kept in the file but not sent.
 */
const API_SETTINGS = [
	'saveExecutionProgress',
	'saveManualExecutions',
	'saveDataErrorExecution',
	'saveDataSuccessExecution',
	'executionTimeout',
	'errorWorkflow',
	'timezone',
	'executionOrder',
	'callerPolicy',
	'callerIds',
	'timeSavedMode',
	'timeSavedPerExecution',
	'redactionPolicy',
	'availableInMCP',
];

/** The body n8n's public API takes to create or update a workflow (name, nodes, connections, settings, description, nodeGroups). */
export function apiBody(workflow: WorkflowJson): Record<string, unknown> {
	const settings = Object.fromEntries(Object.entries(workflow.settings ?? {}).filter(([key]) => API_SETTINGS.includes(key)));
	return {
		name: workflow.name,
		...(typeof workflow.description === 'string' ? { description: workflow.description } : {}),
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings,
		...(Array.isArray(workflow.nodeGroups) && workflow.nodeGroups.length > 0 ? { nodeGroups: workflow.nodeGroups } : {}),
	};
}

function failure(what: string, status: number, data: unknown): Error {
	const detail = isPlainObject(data) && typeof data.message === 'string' ? data.message : JSON.stringify(data).slice(0, 300);
	const hint = status === 401 ? ' Check the API key (n8n: Settings → n8n API).' : '';
	return new Error(`n8n refused to ${what} (HTTP ${status}): ${detail}.${hint}`);
}

/** Every workflow on the instance that is not archived, with nodes and connections. Throws on an API error. */
export async function listInstanceWorkflows(api: N8nPublicApi): Promise<InstanceWorkflow[]> {
	const all: InstanceWorkflow[] = [];
	let cursor: string | undefined;
	do {
		const query = `/workflows?limit=100&excludePinnedData=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const { status, data } = await api.request<{ data: InstanceWorkflow[]; nextCursor?: string | null }>('GET', query);
		if (status !== 200) throw failure('list its workflows', status, data);
		all.push(...data.data);
		cursor = data.nextCursor ?? undefined;
	} while (cursor);
	return all.filter((w) => w.isArchived !== true);
}

/**
 * The instance's copy of a file's workflow: the one with the same id, else the only one with the
 * same name. Throws when several share the name (say which to use by deleting or renaming one).
 */
export function matchWorkflow(file: Pick<WorkflowJson, 'id' | 'name'>, instance: InstanceWorkflow[]): InstanceWorkflow | undefined {
	const byId = instance.find((w) => w.id === file.id);
	if (byId) return byId;
	const byName = instance.filter((w) => w.name === file.name);
	if (byName.length > 1) {
		throw new Error(`n8n has ${byName.length} workflows named "${file.name}" (${byName.map((w) => w.id).join(', ')}) and none with id ${file.id}; rename or archive the extra ones.`);
	}
	return byName[0];
}

export interface ImportOutcome {
	name: string;
	/** The workflow's id on the instance (a new one when it was created: the public API assigns ids). */
	id: string;
	action: 'created' | 'updated';
	/** 'published' or 'unpublished' when the activation changed to follow the file's "active". */
	activation?: 'published' | 'unpublished';
}

/**
 * Upserts each workflow into the instance: updates the match (matchWorkflow) or creates it, then
 * publishes it when `active` is true and unpublishes it when false. Throws on the first API error,
 * naming the workflow. meta (the version) is read-only in the public API and stays in the files.
 */
export async function importWorkflows(api: N8nPublicApi, workflows: WorkflowJson[]): Promise<ImportOutcome[]> {
	const instance = await listInstanceWorkflows(api);
	const outcomes: ImportOutcome[] = [];
	for (const workflow of workflows) {
		const match = matchWorkflow(workflow, instance);
		const body = apiBody(workflow);
		let id: string;
		if (match) {
			const { status, data } = await api.request<InstanceWorkflow>('PUT', `/workflows/${encodeURIComponent(match.id)}`, body);
			if (status !== 200) throw failure(`update "${workflow.name}" (${match.id})`, status, data);
			id = match.id;
		} else {
			const { status, data } = await api.request<InstanceWorkflow>('POST', '/workflows', body);
			if (status !== 200) throw failure(`create "${workflow.name}"`, status, data);
			id = data.id;
		}
		const outcome: ImportOutcome = { name: workflow.name, id, action: match ? 'updated' : 'created' };
		const wasActive = match?.active === true;
		if (workflow.active === true && !wasActive) {
			const { status, data } = await api.request('POST', `/workflows/${encodeURIComponent(id)}/publish`);
			if (status !== 200) throw failure(`publish "${workflow.name}" (${id})`, status, data);
			outcome.activation = 'published';
		} else if (workflow.active !== true && wasActive) {
			const { status, data } = await api.request('POST', `/workflows/${encodeURIComponent(id)}/unpublish`);
			if (status !== 200) throw failure(`unpublish "${workflow.name}" (${id})`, status, data);
			outcome.activation = 'unpublished';
		}
		outcomes.push(outcome);
	}
	return outcomes;
}

/** One workflow as the instance holds it now (its latest saved version). Throws on an API error. */
export async function fetchWorkflow(api: N8nPublicApi, id: string): Promise<InstanceWorkflow> {
	const { status, data } = await api.request<InstanceWorkflow>('GET', `/workflows/${encodeURIComponent(id)}?excludePinnedData=true`);
	if (status !== 200) throw failure(`read workflow ${id}`, status, data);
	return data;
}
