import type { INodeProperties } from 'n8n-workflow';

/** The Hand-Off parameters that exist only in buffered mode (see handoff.ts). */
export const handoffBufferedProperties: INodeProperties[] = [
	{
		displayName: 'Hand-Off Key',
		name: 'handoffKey',
		type: 'string',
		default: '',
		placeholder: '={{ $json.messageSid }}',
		description:
			'Seed of the stable reference (HO-YYYYMMDD-XXXXXX): the same message always means the same hand-off, so a redelivered message never opens a second one. While one is open for the phone, no other is opened. Blank: made from the execution, node and item.',
		displayOptions: { show: { resource: ['handoff'], operation: ['open'], writeMode: ['buffered'] } },
	},
	{
		displayName: 'Recent Messages',
		name: 'recentMessages',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: '={{ $json.context.recentMessages }}',
		description: "The user's last messages, oldest first, for the consultant's summary: a list of texts (or of { text }), JSON, or one per line. The last 5 are kept, ending with Reason.",
		displayOptions: { show: { resource: ['handoff'], operation: ['open'], writeMode: ['buffered'] } },
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'HO-20261130-4F2A9C',
		description: 'The hand-off to close, by its reference',
		displayOptions: { show: { resource: ['handoff'], operation: ['close'], writeMode: ['buffered'] } },
	},
	{
		displayName: 'Mark User Told',
		name: 'markUserTold',
		type: 'boolean',
		default: false,
		description: "Whether this flow tells the user now that the assistant is back (handoff.resumed). Off: the user's next turn does (Check).",
		displayOptions: { show: { resource: ['handoff'], operation: ['close'], writeMode: ['buffered'] } },
	},
];
