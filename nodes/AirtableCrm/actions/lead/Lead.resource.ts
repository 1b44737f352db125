import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as upsert from './upsert.operation';

export { upsert };

export const description: INodeProperties[] = [
	operationProperty('lead', [{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a lead' }], 'upsert'),
	...upsert.description,
];
