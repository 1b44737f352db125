import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../helpers/properties';
import * as check from './check.operation';
import * as close from './close.operation';
import * as open from './open.operation';

export { check, close, open };

export const description: INodeProperties[] = [
	operationProperty('handoff', [
		{ name: 'Check (Buffered)', value: 'check', description: 'Whether the bot is paused for a phone (a hand-off is open), and whether it just resumed', action: 'Check a hand off' },
		{ name: 'Close', value: 'close', description: 'Mark a hand-off resolved', action: 'Close a hand off' },
		{ name: 'Open', value: 'open', description: 'Hand the conversation to a human consultant', action: 'Open a hand off' },
	], 'open'),
	...open.description,
	...close.description,
	...check.description,
];
