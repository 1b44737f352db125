import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { MESSAGE_STATUSES } from '../../../../airtable-schema/tables/messages';
import { filesUntrackedStatus, laterStatus, messageFields } from '../../../../core/airtable/crm';
import { formulaString } from '../../../../core/airtable/formula-escape';
import { additional } from '../../helpers/context';
import { choices, forOperation, phoneProperty } from '../../helpers/properties';
import { writeItems } from '../../helpers/write-items';
import type { AirtableGateway } from '../../transport/request';

export const description: INodeProperties[] = forOperation('message', 'status', [
	{
		displayName: 'Message SID',
		name: 'messageSid',
		type: 'string',
		required: true,
		default: '={{ $json.messageSid }}',
		description: "The SID the status callback is about. A turn's reply updates that turn's row (found by its Reply SID); any other message is handled as Untracked Messages says.",
	},
	{
		displayName: 'Untracked Messages',
		name: 'untracked',
		type: 'options',
		options: [
			{ name: 'Own Row', value: 'row', description: 'Every status of a message that is no turn\'s reply goes on that message\'s own outbound row' },
			{ name: 'Failures Only', value: 'failures', description: 'Only a failed or undelivered one gets a row; the others change nothing (e.g. the consent prompt, which is not logged before consent)' },
		],
		default: 'row',
		description: "What to do with a status for a message that is no logged turn's reply",
	},
	phoneProperty('Who the message went to (the status callback\'s To), for a message that is not a turn\'s reply'),
	{ displayName: 'Status', name: 'status', type: 'options', options: choices(MESSAGE_STATUSES), default: 'delivered', description: 'A status never moves back: a late "sent" after "read" keeps "read"' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'At', name: 'at', type: 'string', default: '', description: 'When Twilio reported it, ISO 8601 (default: now)' },
			{ displayName: 'Error Code', name: 'errorCode', type: 'string', default: '', placeholder: '63016' },
		],
	},
]);

/** The item of a status that changed nothing: the message is no turn's reply and the status no failure. */
export function untrackedSkip(messageSid: string, status: unknown): IDataObject {
	return { messageSid, status: String(status), recorded: false, reason: 'Not a logged turn\'s reply and not a failure (Untracked Messages: Failures Only)' };
}

/** Direct mode: one read to find the turn by its Reply SID, then an update (or an upsert of an outbound row). */
export async function execute(this: IExecuteFunctions, gateway: AirtableGateway): Promise<INodeExecutionData[]> {
	const now = new Date();
	return writeItems(this, gateway, async (i) => {
		const sid = String(this.getNodeParameter('messageSid', i) ?? '').trim();
		const extra = additional(this, 'additionalFields', i);
		const own = messageFields({ messageSid: sid, phone: this.getNodeParameter('phone', i), direction: 'outbound', status: this.getNodeParameter('status', i), ...extra }, now);
		const [turn] = await gateway.listAll('Messages', { filterByFormula: `{Reply SID} = ${formulaString(sid)}`, maxRecords: 1 });
		if (!turn) {
			if (!filesUntrackedStatus(this.getNodeParameter('untracked', i, 'row') as string, own.Status)) return { output: untrackedSkip(sid, own.Status) };
			return { table: 'Messages', mode: 'upsert', mergeOn: ['Message SID'], typecast: true, fields: own };
		}
		const fields: Record<string, unknown> = { Status: laterStatus(turn.fields.Status, own.Status) };
		if (own['Error Code']) fields['Error Code'] = own['Error Code'];
		return { table: 'Messages', mode: 'update', id: turn.id, fields };
	});
}
