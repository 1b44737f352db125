import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { CALENDAR_PROVIDERS, EVENT_STATUSES } from '../../../../airtable-schema/tables/events';
import { EVENT_KEY, eventFields } from '../../../../core/airtable/crm';
import { additional } from '../../helpers/context';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('event', 'upsert', [
	phoneProperty(),
	{ displayName: 'Provider', name: 'provider', type: 'options', options: choices(CALENDAR_PROVIDERS, { google: 'Google', microsoft: 'Microsoft' }), default: 'google' },
	{ displayName: 'External ID', name: 'externalId', type: 'string', required: true, default: '', description: "The provider's event ID; with Provider, identifies the event" },
	{ displayName: 'Start', name: 'start', type: 'string', required: true, default: '', description: 'ISO 8601' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'All Day', name: 'allDay', type: 'boolean', default: false },
			{ displayName: 'Calendar ID', name: 'calendarId', type: 'string', default: '' },
			{ displayName: 'End', name: 'end', type: 'string', default: '', description: 'ISO 8601' },
			{ displayName: 'Location', name: 'location', type: 'string', default: '' },
			{ displayName: 'Status', name: 'status', type: 'options', options: choices(EVENT_STATUSES), default: 'confirmed' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	return writeItems(this, gateway, (i) => ({
		table: 'Events',
		mode: 'upsert',
		mergeOn: EVENT_KEY,
		typecast: true,
		fields: eventFields({
			phone: this.getNodeParameter('phone', i),
			provider: this.getNodeParameter('provider', i),
			externalId: this.getNodeParameter('externalId', i),
			start: this.getNodeParameter('start', i),
			...additional(this, 'additionalFields', i),
		}),
	}));
}
