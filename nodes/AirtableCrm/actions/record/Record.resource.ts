import type { INodeProperties } from 'n8n-workflow';

import * as findByFields from './findByFields.operation';

export { findByFields };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['record'] } },
		options: [{ name: 'Find by Fields', value: 'findByFields', description: 'Search any BestStag table by exact field values', action: 'Find records by fields' }],
		default: 'findByFields',
	},
	...findByFields.description,
];
