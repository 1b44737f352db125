import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as complete from './complete.operation';
import * as create from './create.operation';
import * as list from './list.operation';
import * as reopen from './reopen.operation';
import * as update from './update.operation';

export { complete, create, list, reopen, update };

export const description: INodeProperties[] = [
	operationProperty('task', [
		{ name: 'Complete', value: 'complete', description: 'Mark a task done', action: 'Complete a task' },
		{ name: 'Create', value: 'create', description: 'Add a task to the user\'s list', action: 'Create a task' },
		{ name: 'List', value: 'list', description: "List the user's tasks", action: 'List tasks' },
		{ name: 'Reopen', value: 'reopen', description: 'Undo a completion: a done task goes back to the list', action: 'Reopen a task' },
		{ name: 'Update', value: 'update', description: 'Change a task', action: 'Update a task' },
	], 'create'),
	...create.description,
	...update.description,
	...complete.description,
	...list.description,
	...reopen.description,
];
