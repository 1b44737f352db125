import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { REOPEN_STATUSES, reopenTaskFields, taskByKeyFormula } from '../../../../core/airtable/crm';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems, type ItemPlan } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';
import { taskKeyProperty } from './complete.operation';

export const description: INodeProperties[] = forOperation('task', 'reopen', [
	{
		displayName: 'Find Task By',
		name: 'findBy',
		type: 'options',
		options: [{ name: 'Task Key (of the User)', value: 'key' }],
		default: 'key',
		description: 'Reopening is the undo of Complete: the task is found by the key the task list and Complete output',
	},
	phoneProperty(),
	taskKeyProperty,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: choices(REOPEN_STATUSES, { todo: 'To Do', doing: 'Doing' }),
		default: 'todo',
		description: 'The status the task goes back to: the one it had before it was completed',
	},
]);

/**
 * Reopens one done task per item (the undo of Complete): Status back to To Do or Doing, Completed At
 * cleared, through the shared write helper. A task that is not done answers `{ reopened: false,
 * reason: 'not_done' }` and one the user does not have `{ reopened: false, reason: 'not_found' }`;
 * neither writes anything, so a repeated "desfazer" changes nothing.
 */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return writeItems(
		this,
		gateway,
		async (i): Promise<ItemPlan> => {
			const fields = reopenTaskFields(this.getNodeParameter('status', i, 'todo'));
			const formula = taskByKeyFormula(this.getNodeParameter('phone', i), this.getNodeParameter('taskKey', i));
			const [match] = await gateway.listAll('Tasks', { filterByFormula: formula, maxRecords: 1 });
			if (!match) return { output: { reopened: false, reason: 'not_found' } };
			if (match.fields.Status !== 'done') return { output: { reopened: false, reason: 'not_done', id: match.id, fields: match.fields } };
			return { table: 'Tasks', mode: 'update', id: match.id, fields };
		},
		(record) => ({ reopened: true, id: record.id, fields: record.fields }),
	);
}
