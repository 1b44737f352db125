import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as log from './log.operation';

export { log };

export const description: INodeProperties[] = [
	operationProperty('message', [{ name: 'Log', value: 'log', description: 'Record a WhatsApp message, once per Message SID', action: 'Log a message' }], 'log'),
	...log.description,
];
