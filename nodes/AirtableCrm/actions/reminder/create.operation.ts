import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { newReminderFields } from '../../../../core/airtable/crm';
import { forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('reminder', 'create', [
	phoneProperty(),
	{ displayName: 'Text', name: 'text', type: 'string', required: true, default: '', placeholder: 'ligar pro João' },
	{ displayName: 'Due At', name: 'dueAt', type: 'string', required: true, default: '', description: 'When to send it, ISO 8601 (e.g. the Intent Classifier\'s datetime entity)' },
	{ displayName: 'Task Record ID', name: 'taskId', type: 'string', default: '', description: 'Optional: the task this reminder belongs to' },
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, (i) => ({
		table: 'Reminders',
		mode: 'create',
		typecast: true,
		fields: newReminderFields(
			{ phone: this.getNodeParameter('phone', i), text: this.getNodeParameter('text', i), dueAt: this.getNodeParameter('dueAt', i), taskId: this.getNodeParameter('taskId', i) },
			now,
		),
	}));
}
