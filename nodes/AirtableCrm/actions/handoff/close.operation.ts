import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { closeHandoffFields } from '../../../../core/airtable/crm';
import { forOperation, recordIdProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('handoff', 'close', [
	// Buffered mode closes by Reference (the replica's key) instead.
	{ ...recordIdProperty('Handoff'), displayOptions: { show: { writeMode: ['direct'] } } },
	{ displayName: 'Consultant Phone', name: 'consultantPhone', type: 'string', default: '', description: 'The consultant who handled it (optional)' },
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, (i) => ({
		table: 'Handoffs',
		mode: 'update',
		typecast: true,
		id: this.getNodeParameter('recordId', i) as string,
		fields: closeHandoffFields({ consultantPhone: this.getNodeParameter('consultantPhone', i) }, now),
	}));
}
