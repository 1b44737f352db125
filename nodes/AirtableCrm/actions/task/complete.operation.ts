import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { openTaskByTitleFormula, taskChangeFields } from '../../../../core/airtable/crm';
import { forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems, type ItemPlan } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('task', 'complete', [
	{
		displayName: 'Find Task By',
		name: 'findBy',
		type: 'options',
		options: [
			{ name: 'Record ID', value: 'id' },
			{ name: 'Title (Open Tasks of the User)', value: 'title' },
		],
		default: 'title',
	},
	{ displayName: 'Task Record ID', name: 'recordId', type: 'string', required: true, default: '', displayOptions: { show: { findBy: ['id'] } } },
	{ ...phoneProperty(), displayOptions: { show: { findBy: ['title'] } } },
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { findBy: ['title'] } },
		description: 'Matched without regard to case. When no open task has this title, the output says completed: false, so the flow can tell the user.',
	},
]);

/**
 * Marks one task per item done; by title it looks among the user's open tasks first (the one due
 * soonest). The updates go out through the shared write helper, batched by 10. An item with no such
 * task answers `{ completed: false, reason: 'not_found' }`, so the flow can tell the user.
 */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const changes = taskChangeFields({ status: 'done' }, new Date());
	return writeItems(
		this,
		gateway,
		async (i): Promise<ItemPlan> => {
			let id: string | undefined;
			if (this.getNodeParameter('findBy', i) === 'id') {
				id = this.getNodeParameter('recordId', i) as string;
			} else {
				const formula = openTaskByTitleFormula(this.getNodeParameter('phone', i), this.getNodeParameter('title', i));
				const [match] = await gateway.listAll('Tasks', { filterByFormula: formula, maxRecords: 1, sort: [{ field: 'Due', direction: 'asc' }] });
				id = match?.id;
			}
			if (!id) return { output: { completed: false, reason: 'not_found' } };
			return { table: 'Tasks', mode: 'update', id, fields: changes };
		},
		(record) => ({ completed: true, id: record.id, fields: record.fields }),
	);
}
