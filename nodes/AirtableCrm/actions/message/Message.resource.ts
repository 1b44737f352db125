import type { INodeProperties } from 'n8n-workflow';

import * as log from './log.operation';

export { log };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [{ name: 'Log', value: 'log', description: 'Record a WhatsApp message, once per Message SID', action: 'Log a message' }],
		default: 'log',
	},
	...log.description,
];
