import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LEAD_STAGES, LEAD_TEMPERATURES } from '../../../../airtable-schema/tables/leads';
import { LEAD_KEY, leadFields } from '../../../../core/airtable/crm';
import { additional } from '../../helpers/context';
import { choices, forOperation } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('lead', 'upsert', [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: "The lead's email; identifies the lead" },
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Company', name: 'company', type: 'string', default: '' },
			{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Owner Phone', name: 'ownerPhone', type: 'string', default: '', description: 'The consultant who owns the lead' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			{ displayName: 'Score', name: 'score', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 0 },
			{ displayName: 'Source', name: 'source', type: 'string', default: '' },
			{ displayName: 'Stage', name: 'stage', type: 'options', options: choices(LEAD_STAGES), default: 'new' },
			{ displayName: 'Temperature', name: 'temperature', type: 'options', options: choices(LEAD_TEMPERATURES), default: 'warm' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return writeItems(this, gateway, (i) => ({
		table: 'Leads',
		mode: 'upsert',
		mergeOn: LEAD_KEY,
		typecast: true,
		fields: leadFields({ email: this.getNodeParameter('email', i), name: this.getNodeParameter('name', i), ...additional(this, 'additionalFields', i) }),
	}));
}
