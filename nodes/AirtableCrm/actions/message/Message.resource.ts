import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as log from './log.operation';
import * as status from './status.operation';

export { log, status };

export const description: INodeProperties[] = [
	operationProperty(
		'message',
		[
			{ name: 'Log', value: 'log', description: 'Record a WhatsApp message, once per Message SID', action: 'Log a message' },
			{ name: 'Record Status', value: 'status', description: "Apply a delivery status callback to the turn whose reply it is (or the message's own row)", action: 'Record a delivery status' },
		],
		'log',
	),
	...log.description,
	...status.description,
];
