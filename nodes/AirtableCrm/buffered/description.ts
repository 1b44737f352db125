import type { INodeProperties } from 'n8n-workflow';

import { handoffBufferedProperties } from './handoff-description';

/** Operations that have a buffered path (see operations.ts); the others always go to Airtable directly. */
export const BUFFERED_OPERATIONS: Record<string, readonly string[]> = {
	user: ['upsert', 'get', 'privacyChoice', 'export'],
	message: ['log', 'status'],
	task: ['create', 'list', 'complete', 'reopen', 'update'],
	reminder: ['create'],
	handoff: ['open', 'close', 'check'],
};

export type WriteMode = 'direct' | 'buffered';

/** The Write Mode parameter and the keys buffered creates use; shown only where buffered mode exists. */
export const bufferedProperties: INodeProperties[] = [
	...Object.entries(BUFFERED_OPERATIONS).map(
		([resource, operations]): INodeProperties => ({
			displayName: 'Write Mode',
			name: 'writeMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Direct',
					value: 'direct',
					description: 'Read and write Airtable now, batched by 10 and paced to the base’s rate limit. For your own flows; each item waits for Airtable.',
				},
				{
					name: 'Buffered (Replica + Outbox)',
					value: 'buffered',
					description:
						'Read from the Redis replica and queue writes in a durable outbox that "beststag flusher" sends to Airtable within seconds. For BestStag’s WhatsApp flows: a turn never waits for Airtable. Needs BESTSTAG_REDIS_URL.',
				},
			],
			default: 'direct',
			description: 'Whether this node talks to Airtable now (Direct) or through the data path (Buffered)',
			displayOptions: { show: { resource: [resource], operation: [...operations] } },
		}),
	),
	{
		displayName: 'Task Key',
		name: 'taskKey',
		type: 'string',
		default: '',
		placeholder: "={{ 'tk_' + $json.messageSid }}",
		description:
			'Stable key of the new task; the same key always means the same task, so a redelivered message never makes a second one. Blank: made from the execution, node and item.',
		displayOptions: { show: { resource: ['task'], operation: ['create'], writeMode: ['buffered'] } },
	},
	{
		displayName: 'Reminder Key',
		name: 'reminderKey',
		type: 'string',
		default: '',
		placeholder: "={{ 'rm_' + $json.messageSid }}",
		description: 'Stable key of the new reminder (see Task Key). Blank: made from the execution, node and item.',
		displayOptions: { show: { resource: ['reminder'], operation: ['create'], writeMode: ['buffered'] } },
	},
	...handoffBufferedProperties,
];

/** The node's write mode for this execution (it cannot vary per item). */
export function writeModeOf(getParameter: (name: string, index: number, fallback: unknown) => unknown, resource: string, operation: string): WriteMode {
	if (!BUFFERED_OPERATIONS[resource]?.includes(operation)) return 'direct';
	return getParameter('writeMode', 0, 'direct') === 'buffered' ? 'buffered' : 'direct';
}
