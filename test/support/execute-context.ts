/**
 * A small stand-in for n8n's execution context (the IExecuteFunctions subset BestStag's nodes use), so a
 * node or one of its operations runs in a unit test without n8n: input items, parameters per item,
 * continue-on-fail, credentials, the node, and the two item helpers. Anything else throws, naming it,
 * so a node that starts using more of the context fails its tests loudly instead of silently.
 */
import { ApplicationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

/** A parameter's value for every item, or a function of the item index (n8n's expressions resolve per item). */
export type ParameterValue = unknown | ((itemIndex: number) => unknown);

export interface MockContextOptions {
	/** The input items' json; each becomes { json } as n8n hands it over. */
	items?: IDataObject[];
	/** Parameters by name; "options.threshold" also reads { options: { threshold } }. */
	parameters?: Record<string, ParameterValue>;
	/** Settings → On Error: "Continue" when true. Default false (stop the workflow). */
	continueOnFail?: boolean;
	/** Credentials by type, e.g. { airtableCrmApi: { accessToken, baseId, endpointUrl } }. */
	credentials?: Record<string, IDataObject>;
	/** The node as n8n would describe it; name and type default to "Test Node". */
	node?: Partial<INode>;
	/** What getExecutionId() answers; default "test-execution" (a rerun of one execution keeps its id). */
	executionId?: string;
}

export interface MockContext {
	/** Pass it as `this`: `operation.execute.call(context.ctx, gateway)` or `new Node().execute.call(context.ctx)`. */
	ctx: IExecuteFunctions;
	/** Every getNodeParameter call, in order, for tests about per-item reads. */
	parameterReads: Array<{ name: string; itemIndex: number }>;
	/** The credential types asked for, in order. */
	credentialReads: string[];
}

function lookup(parameters: Record<string, ParameterValue>, name: string): { found: boolean; value?: ParameterValue } {
	if (name in parameters) return { found: true, value: parameters[name] };
	let value: unknown = parameters;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object' || !(part in (value as object))) return { found: false };
		value = (value as Record<string, unknown>)[part];
	}
	return { found: true, value };
}

/** Builds the context; see MockContextOptions for what it answers. */
export function mockExecuteContext(options: MockContextOptions = {}): MockContext {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const parameters = options.parameters ?? {};
	const node: INode = {
		id: 'test-node-id',
		name: 'Test Node',
		type: 'Test Node',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...options.node,
	};
	const parameterReads: MockContext['parameterReads'] = [];
	const credentialReads: string[] = [];

	const implemented = {
		getInputData: () => items,
		getNode: () => node,
		getExecutionId: () => options.executionId ?? 'test-execution',
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			parameterReads.push({ name, itemIndex });
			if (!Number.isInteger(itemIndex) || itemIndex < 0 || itemIndex >= items.length) {
				throw new ApplicationError(`getNodeParameter("${name}") asked for item ${itemIndex}, but the input has ${items.length} items.`);
			}
			const { found, value } = lookup(parameters, name);
			// n8n: an unset parameter is the fallback when one is given, an error otherwise.
			if (!found) {
				if (arguments.length >= 3) return fallback;
				throw new ApplicationError(`Could not get parameter "${name}": the test did not set it.`);
			}
			return typeof value === 'function' ? (value as (i: number) => unknown)(itemIndex) : value;
		},
		async getCredentials(type: string) {
			credentialReads.push(type);
			const credentials = options.credentials?.[type];
			if (!credentials) throw new ApplicationError(`Node "${node.name}" has no credentials of type "${type}" set.`);
			return credentials;
		},
		helpers: {
			/** n8n's helper: objects → items. */
			returnJsonArray: (data: IDataObject | IDataObject[]): INodeExecutionData[] => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			/** n8n's helper: pairs output items with one input item. */
			constructExecutionMetaData: (data: INodeExecutionData[], { itemData }: { itemData: { item: number } }) => data.map((item) => ({ ...item, pairedItem: itemData })),
		},
	};
	const ctx = new Proxy(implemented, {
		get(target, property, receiver) {
			if (property in target) return Reflect.get(target, property, receiver);
			if (typeof property === 'symbol' || property === 'then') return undefined;
			throw new ApplicationError(`The mock execution context has no "${property}"; add it to test/support/execute-context.ts if a node needs it.`);
		},
	}) as unknown as IExecuteFunctions;
	return { ctx, parameterReads, credentialReads };
}
