import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { forOperation, phoneProperty } from '../../helpers/properties';

export const description: INodeProperties[] = forOperation('handoff', 'check', [
	{
		displayName: 'Check reads the BestStag replica: set Write Mode to "Buffered". It passes each item through with a "handoff" field: paused (a hand-off is open, the bot stays silent), reference, resumed (closed since the last turn: tell the user once).',
		name: 'checkNotice',
		type: 'notice',
		default: '',
	},
	phoneProperty('The user whose hand-offs to check'),
]);

/** Direct mode has no Check: the paused test runs on every turn, so it reads the replica, never Airtable. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	throw new NodeOperationError(this.getNode(), 'Hand-Off → Check works in buffered mode only; set Write Mode to "Buffered (Replica + Outbox)".', {
		description: 'It runs on every WhatsApp turn, so it reads the Redis replica instead of Airtable. Buffered mode needs BESTSTAG_REDIS_URL.',
	});
}
