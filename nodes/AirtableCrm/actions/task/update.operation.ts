import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { TASK_PRIORITIES, TASK_STATUSES } from '../../../../airtable-schema/tables/tasks';
import { taskChangeFields } from '../../../../core/airtable/crm';
import { additional } from '../../helpers/context';
import { choices, forOperation, phoneProperty, recordIdProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';
import { taskKeyProperty } from './complete.operation';

export const description: INodeProperties[] = forOperation('task', 'update', [
	// Buffered mode names the task by its stable key (a task created this turn has no record ID yet).
	{ ...recordIdProperty('Task'), displayOptions: { hide: { writeMode: ['buffered'] } } },
	{ ...phoneProperty(), displayOptions: { show: { writeMode: ['buffered'] } } },
	{ ...taskKeyProperty, displayOptions: { show: { writeMode: ['buffered'] } } },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Due', name: 'due', type: 'string', default: '', description: 'ISO 8601' },
			{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Priority', name: 'priority', type: 'options', options: choices(TASK_PRIORITIES), default: 'normal' },
			{ displayName: 'Status', name: 'status', type: 'options', options: choices(TASK_STATUSES), default: 'doing' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, (i) => ({
		table: 'Tasks',
		mode: 'update',
		id: this.getNodeParameter('recordId', i) as string,
		fields: taskChangeFields(additional(this, 'updateFields', i), now),
	}));
}
