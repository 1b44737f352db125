import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { openTaskByTitleFormula, taskChangeFields } from '../../../../core/airtable/crm';
import { errorJson, toNodeError } from '../../helpers/node-errors';
import { forOperation, phoneProperty } from '../../helpers/properties';
import type { AirtableGateway, AirtableRecord } from '../../transport/request';

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

/** Marks one task per item done; by title it looks among the user's open tasks first. */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const changes = taskChangeFields({ status: 'done' }, new Date());
	for (let i = 0; i < items.length; i++) {
		try {
			let id: string | undefined;
			if (this.getNodeParameter('findBy', i) === 'id') {
				id = this.getNodeParameter('recordId', i) as string;
			} else {
				const formula = openTaskByTitleFormula(this.getNodeParameter('phone', i), this.getNodeParameter('title', i));
				const [match] = await gateway.listAll('Tasks', { filterByFormula: formula, maxRecords: 1, sort: [{ field: 'Due', direction: 'asc' }] });
				id = match?.id;
			}
			if (!id) {
				out.push({ json: { completed: false, reason: 'not_found' }, pairedItem: { item: i } });
				continue;
			}
			const updated = await gateway.call<AirtableRecord>({ method: 'PATCH', path: `/Tasks/${encodeURIComponent(id)}`, body: { fields: changes } }, { table: 'Tasks', fields: [changes] });
			out.push({ json: { completed: true, id: updated.id, fields: updated.fields }, pairedItem: { item: i } });
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
			out.push({ json: errorJson(error), pairedItem: { item: i } });
		}
	}
	return out;
}
