import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../properties';
import * as answer from './answer.operation';
import * as compose from './compose.operation';

export { answer, compose };

export const description: INodeProperties[] = [
	operationProperty(
		'reply',
		[
			{ name: 'Compose', value: 'compose', description: 'Render a catalogue message in the user’s language and remember what it showed or asked', action: 'Compose a reply' },
			{
				name: 'Answer Briefly (LLM)',
				value: 'answer',
				description: 'Answer a message the assistant did not understand in a sentence or two, within each person’s daily token budget',
				action: 'Answer briefly with an LLM',
			},
		],
		'compose',
	),
	...compose.description,
	...answer.description,
];
