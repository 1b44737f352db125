import type { INodeProperties } from 'n8n-workflow';

import type { AssistantOperation, AssistantResource } from './node.type';

/** Shows a parameter only for one resource and operation; both names are checked at compile time. */
export function forOperation<R extends AssistantResource>(resource: R, operation: AssistantOperation<R>, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

/** A resource's Operation dropdown. */
export function operationProperty<R extends AssistantResource>(resource: R, options: Array<{ name: string; value: AssistantOperation<R>; description: string; action: string }>, defaultOperation: AssistantOperation<R>): INodeProperties {
	return { displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, displayOptions: { show: { resource: [resource] } }, options, default: defaultOperation };
}

/** A JSON object a parameter gave (an expression's object, or JSON text); {} for blank. @throws SyntaxError for text that is not JSON. */
export function objectParameter(value: unknown): Record<string, unknown> {
	if (value === undefined || value === null || value === '') return {};
	const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError(`Expected a JSON object, got ${Array.isArray(parsed) ? 'a list' : typeof parsed}.`);
	return parsed as Record<string, unknown>;
}
