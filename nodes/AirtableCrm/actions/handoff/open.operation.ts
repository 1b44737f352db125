import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { openHandoffFields } from '../../../../core/airtable/crm';
import { forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('handoff', 'open', [
	phoneProperty('The user who asked to talk to a person'),
	{ displayName: 'Reason', name: 'reason', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Why, in the user\'s words' },
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, (i) => ({
		table: 'Handoffs',
		mode: 'create',
		typecast: true,
		fields: openHandoffFields({ phone: this.getNodeParameter('phone', i), reason: this.getNodeParameter('reason', i) }, now),
	}));
}
