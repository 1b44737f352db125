import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { remindersDueFormula } from '../../../../core/airtable/crm';
import { forOperation, limitProperty } from '../../helpers/properties';
import { readItems } from '../../helpers/read-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('reminder', 'listDue', [
	{ displayName: 'Due Until', name: 'dueUntil', type: 'string', default: '', description: 'ISO 8601; blank means now' },
	limitProperty,
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return readItems(this, gateway, (i) => ({
		table: 'Reminders',
		filterByFormula: remindersDueFormula(this.getNodeParameter('dueUntil', i)),
		sort: [{ field: 'Due At', direction: 'asc' }],
		maxRecords: this.getNodeParameter('limit', i) as number,
	}));
}
