import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CrmOperation, CrmResource } from '../actions/node.type';

/** Shows a parameter only for one resource and operation, as n8n's own nodes do; both names are checked at compile time. */
export function forOperation<R extends CrmResource>(resource: R, operation: CrmOperation<R>, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

/** One entry of a resource's Operation dropdown; `value` must be one of the resource's operations. */
export interface OperationOption<R extends CrmResource> {
	name: string;
	value: CrmOperation<R>;
	description: string;
	action: string;
}

/** A resource's Operation dropdown, shown when that resource is picked. */
export function operationProperty<R extends CrmResource>(resource: R, options: Array<OperationOption<R>>, defaultOperation: CrmOperation<R>): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** Dropdown options from a list of allowed values, with optional display names. */
export function choices(values: readonly string[], labels: Record<string, string> = {}): INodePropertyOptions[] {
	return values.map((value) => ({ name: labels[value] ?? value, value }));
}

export const phoneProperty = (description = "The user's WhatsApp number, e.g. +5511987654321 or whatsapp:+5511987654321"): INodeProperties => ({
	displayName: 'Phone',
	name: 'phone',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+5511987654321',
	description,
});

export const recordIdProperty = (what: string): INodeProperties => ({
	displayName: `${what} Record ID`,
	name: 'recordId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'recXXXXXXXXXXXXXX',
	description: `The Airtable ID of the ${what.toLowerCase()} record`,
});

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
};
