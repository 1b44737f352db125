import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as create from './create.operation';
import * as listDue from './listDue.operation';

export { create, listDue };

export const description: INodeProperties[] = [
	operationProperty('reminder', [
		{ name: 'Create', value: 'create', description: 'Schedule a reminder', action: 'Create a reminder' },
		{ name: 'List Due', value: 'listDue', description: 'Scheduled reminders whose time has come', action: 'List due reminders' },
	], 'create'),
	...create.description,
	...listDue.description,
];
