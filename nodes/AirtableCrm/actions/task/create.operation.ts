import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { TASK_PRIORITIES, TASK_SOURCES } from '../../../../airtable-schema/tables/tasks';
import { newTaskFields } from '../../../../core/airtable/crm';
import { additional } from '../../helpers/context';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('task', 'create', [
	phoneProperty(),
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', placeholder: 'ligar pro João' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Attachments', name: 'attachments', type: 'string', default: '', description: 'Links of the photos and documents sent with the task, one per line' },
			{ displayName: 'Due', name: 'due', type: 'string', default: '', description: 'When it is due, ISO 8601 (e.g. from the Intent Classifier entities)' },
			{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Priority', name: 'priority', type: 'options', options: choices(TASK_PRIORITIES), default: 'normal' },
			{ displayName: 'Source', name: 'source', type: 'options', options: choices(TASK_SOURCES), default: 'whatsapp' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return writeItems(this, gateway, (i) => ({
		table: 'Tasks',
		mode: 'create',
		typecast: true,
		fields: newTaskFields({ phone: this.getNodeParameter('phone', i), title: this.getNodeParameter('title', i), ...additional(this, 'additionalFields', i) }),
	}));
}
