import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from '../../../../airtable-schema/tables/messages';
import { messageFields } from '../../../../core/airtable/crm';
import { INTENTS } from '../../../../core/intents/taxonomy';
import { additional } from '../../helpers/context';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('message', 'log', [
	{
		displayName: 'Message SID',
		name: 'messageSid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: "Twilio's message ID. Logging the same SID again updates the row, so a redelivered webhook is logged once.",
	},
	phoneProperty('The WhatsApp number of the user who sent or received the message'),
	{ displayName: 'Direction', name: 'direction', type: 'options', options: choices(MESSAGE_DIRECTIONS), default: 'inbound' },
	{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, default: '' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'At', name: 'at', type: 'string', default: '', description: 'When it was received or sent, ISO 8601 (default: now)' },
			{ displayName: 'Attachments', name: 'attachments', type: 'string', default: '', description: "Links of the photos and documents it carried, one per line (the WhatsApp Trigger's media URLs)" },
			{ displayName: 'Confidence', name: 'confidence', type: 'number', typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 3 }, default: 0 },
			{ displayName: 'Engine', name: 'engine', type: 'string', default: '', placeholder: 'offline', description: 'What understood the message: offline, openai or anthropic' },
			{ displayName: 'Error Code', name: 'errorCode', type: 'string', default: '', placeholder: '63016' },
			{ displayName: 'Intent', name: 'intent', type: 'options', options: choices(INTENTS), default: 'unknown' },
			{ displayName: 'Latency (Ms)', name: 'latencyMs', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'From webhook arrival to the reply accepted by Twilio' },
			{ displayName: 'Replied At', name: 'repliedAt', type: 'string', default: '', description: 'When Twilio accepted the reply, ISO 8601' },
			{ displayName: 'Reply', name: 'reply', type: 'string', typeOptions: { rows: 3 }, default: '', description: "The turn's reply text" },
			{
				displayName: 'Reply SID',
				name: 'replySid',
				type: 'string',
				default: '',
				placeholder: 'SMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
				description: "Twilio's ID of the reply; Message → Record Status then updates this row from the reply's status callbacks",
			},
			{ displayName: 'Status', name: 'status', type: 'options', options: choices(MESSAGE_STATUSES), default: 'received' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, (i) => ({
		table: 'Messages',
		mode: 'upsert',
		mergeOn: ['Message SID'],
		// Typecast links the message to its user by phone (the Users primary field); every select
		// value is checked against the schema before it gets here, so typecast adds no options.
		typecast: true,
		fields: messageFields(
			{
				messageSid: this.getNodeParameter('messageSid', i),
				phone: this.getNodeParameter('phone', i),
				direction: this.getNodeParameter('direction', i),
				text: this.getNodeParameter('text', i),
				...additional(this, 'additionalFields', i),
			},
			now,
		),
	}));
}
