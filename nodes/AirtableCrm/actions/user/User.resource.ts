import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as get from './get.operation';
import * as upsert from './upsert.operation';

export { get, upsert };

export const description: INodeProperties[] = [
	operationProperty(
		'user',
		[
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a user' },
			{ name: 'Get', value: 'get', description: 'Read a user by phone with their open tasks and open hand-offs; creates nothing', action: 'Get a user' },
		],
		'upsert',
	),
	...upsert.description,
	...get.description,
];
