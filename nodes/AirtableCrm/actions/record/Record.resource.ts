import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as findByFields from './findByFields.operation';

export { findByFields };

export const description: INodeProperties[] = [
	operationProperty('record', [{ name: 'Find by Fields', value: 'findByFields', description: 'Search any BestStag table by exact field values', action: 'Find records by fields' }], 'findByFields'),
	...findByFields.description,
];
