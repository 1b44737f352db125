import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toNodeError } from '../../AirtableCrm/helpers/node-errors';
import { itemFailure } from '../../shared/item-errors';
import { recordDeliveryStatus } from '../../shared/reminders/status';
import { remindersContext } from '../context';

const show = { show: { operation: ['recordStatus'] } };

export const description: INodeProperties[] = [
	{ displayName: 'Message SID', name: 'messageSid', type: 'string', required: true, default: '={{ $json.messageSid }}', description: "The status callback's MessageSid", displayOptions: show },
	{ displayName: 'Message Status', name: 'messageStatus', type: 'string', required: true, default: '={{ $json.status }}', description: 'Queued, sent, delivered, read, failed or undelivered', displayOptions: show },
	{ displayName: 'Error Code', name: 'errorCode', type: 'string', default: '={{ $json.errorCode ?? "" }}', description: "Twilio's ErrorCode, when the message failed", displayOptions: show },
];

/**
 * Record Delivery Status: maps a status callback's MessageSid to the reminder it delivered (the
 * `rm:sid:<MessageSid>` key the outbound worker set) and writes Delivery Status / Error Code (and
 * Status failed) through the data path. `matched: false` means the message was not a reminder, so
 * the status branch can go on to the Messages row.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const context = await remindersContext(this);
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const messageSid = String(this.getNodeParameter('messageSid', i, '')).trim();
			const status = String(this.getNodeParameter('messageStatus', i, '')).trim();
			const result = await recordDeliveryStatus(context.store, context.reminders, { messageSid, status, errorCode: String(this.getNodeParameter('errorCode', i, '') ?? '') });
			out.push({ json: { ...result, messageSid, status }, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i, toNodeError));
		}
	}
	return out;
}
