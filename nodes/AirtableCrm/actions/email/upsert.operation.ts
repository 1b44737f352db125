import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { EMAIL_CATEGORIES, EMAIL_PRIORITIES } from '../../../../airtable-schema/tables/emails';
import { CALENDAR_PROVIDERS } from '../../../../airtable-schema/tables/events';
import { EMAIL_KEY, emailFields } from '../../../../core/airtable/crm';
import { additional } from '../../helpers/context';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('email', 'upsert', [
	phoneProperty(),
	{ displayName: 'Provider', name: 'provider', type: 'options', options: choices(CALENDAR_PROVIDERS, { google: 'Gmail', microsoft: 'Outlook' }), default: 'google' },
	{ displayName: 'External ID', name: 'externalId', type: 'string', required: true, default: '', description: "The provider's message ID; with Provider, identifies the email" },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Category', name: 'category', type: 'options', options: choices(EMAIL_CATEGORIES), default: 'fyi' },
			{ displayName: 'From', name: 'from', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'From Name', name: 'fromName', type: 'string', default: '' },
			{ displayName: 'Needs Reply', name: 'needsReply', type: 'boolean', default: false },
			{ displayName: 'Priority', name: 'priority', type: 'options', options: choices(EMAIL_PRIORITIES), default: 'medium' },
			{ displayName: 'Received At', name: 'receivedAt', type: 'string', default: '', description: 'ISO 8601' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
			{ displayName: 'Summary', name: 'summary', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Thread ID', name: 'threadId', type: 'string', default: '' },
			{ displayName: 'Triage Score', name: 'triageScore', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 0 },
		],
	},
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return writeItems(this, gateway, (i) => ({
		table: 'Emails',
		mode: 'upsert',
		mergeOn: EMAIL_KEY,
		typecast: true,
		fields: emailFields({
			phone: this.getNodeParameter('phone', i),
			provider: this.getNodeParameter('provider', i),
			externalId: this.getNodeParameter('externalId', i),
			...additional(this, 'additionalFields', i),
		}),
	}));
}
