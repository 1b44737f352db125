import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { openTaskByTitleFormula, taskByKeyFormula, taskChangeFields } from '../../../../core/airtable/crm';
import { forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems, type ItemPlan } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

/** The task key parameter of complete and reopen: what the assistant's task list and buttons carry. */
export const taskKeyProperty: INodeProperties = {
	displayName: 'Task Key',
	name: 'taskKey',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'tk_…',
	description: "The task's stable key (its Task Key, or its record ID when it has none), as the task list outputs it in `key`. Only the user's own tasks are found.",
	displayOptions: { show: { findBy: ['key'] } },
};

export const description: INodeProperties[] = forOperation('task', 'complete', [
	{
		displayName: 'Find Task By',
		name: 'findBy',
		type: 'options',
		options: [
			{ name: 'Record ID', value: 'id' },
			{ name: 'Task Key (of the User)', value: 'key' },
			{ name: 'Title (Open Tasks of the User)', value: 'title' },
		],
		default: 'title',
		description: 'Buffered mode finds tasks by Task Key only (the assistant turns numbers and titles into keys)',
	},
	{ displayName: 'Task Record ID', name: 'recordId', type: 'string', required: true, default: '', displayOptions: { show: { findBy: ['id'] } } },
	{ ...phoneProperty(), displayOptions: { show: { findBy: ['title', 'key'] } } },
	taskKeyProperty,
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
 * soonest); by key among all the user's tasks. The updates go out through the shared write helper,
 * batched by 10. An item with no such task answers `{ completed: false, reason: 'not_found' }`, and
 * a task found by key that is done already `{ completed: false, reason: 'already_done' }` (nothing
 * is written, so a repeated tap keeps the first Completed At).
 */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const changes = taskChangeFields({ status: 'done' }, new Date());
	return writeItems(
		this,
		gateway,
		async (i): Promise<ItemPlan> => {
			let id: string | undefined;
			const findBy = this.getNodeParameter('findBy', i);
			if (findBy === 'id') {
				id = this.getNodeParameter('recordId', i) as string;
			} else if (findBy === 'key') {
				const formula = taskByKeyFormula(this.getNodeParameter('phone', i), this.getNodeParameter('taskKey', i));
				const [match] = await gateway.listAll('Tasks', { filterByFormula: formula, maxRecords: 1 });
				if (match?.fields.Status === 'done') return { output: { completed: false, reason: 'already_done', id: match.id, fields: match.fields } };
				id = match?.id;
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
