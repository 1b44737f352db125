import type { INodeProperties } from 'n8n-workflow';

import * as close from './close.operation';
import * as open from './open.operation';

export { close, open };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['handoff'] } },
		options: [
			{ name: 'Close', value: 'close', description: 'Mark a hand-off resolved', action: 'Close a hand off' },
			{ name: 'Open', value: 'open', description: 'Hand the conversation to a human consultant', action: 'Open a hand off' },
		],
		default: 'open',
	},
	...open.description,
	...close.description,
];
