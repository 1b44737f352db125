import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../properties';
import * as decide from './decide.operation';
import * as remember from './remember.operation';

export { decide, remember };

export const description: INodeProperties[] = [
	operationProperty(
		'turn',
		[
			{ name: 'Remember', value: 'remember', description: 'Gather the turn: the message (or burst), language, consent, hand-off, conversation context', action: 'Remember the turn' },
			{ name: 'Decide', value: 'decide', description: 'Pick the action for the classified turn: one output per action', action: 'Decide the action' },
		],
		'remember',
	),
	...remember.description,
	...decide.description,
];
