import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Shows a parameter only for one resource and operation, as n8n's own nodes do. */
export function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

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
