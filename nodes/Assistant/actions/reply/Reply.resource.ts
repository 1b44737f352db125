import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../properties';
import * as compose from './compose.operation';

export { compose };

export const description: INodeProperties[] = [
	operationProperty('reply', [{ name: 'Compose', value: 'compose', description: 'Render a catalogue message in the user’s language and remember what it showed or asked', action: 'Compose a reply' }], 'compose'),
	...compose.description,
];
