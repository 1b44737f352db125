import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { TASK_LIST_FILTERS, taskListFormula, type TaskListFilter } from '../../../../core/airtable/crm';
import { choices, forOperation, limitProperty, phoneProperty } from '../../helpers/properties';
import { readItems } from '../../helpers/read-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('task', 'list', [
	phoneProperty(),
	{
		displayName: 'Show',
		name: 'filter',
		type: 'options',
		options: choices(TASK_LIST_FILTERS, { open: 'Open (To Do or Doing)', overdue: 'Overdue', done: 'Done', all: 'All' }),
		default: 'open',
	},
	limitProperty,
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return readItems(this, gateway, (i) => ({
		table: 'Tasks',
		filterByFormula: taskListFormula(this.getNodeParameter('phone', i), this.getNodeParameter('filter', i) as TaskListFilter),
		sort: [{ field: 'Due', direction: 'asc' }],
		maxRecords: this.getNodeParameter('limit', i) as number,
	}));
}
