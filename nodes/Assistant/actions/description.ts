import type { INodeProperties } from 'n8n-workflow';

import type { AssistantResource } from './node.type';
import * as reply from './reply/Reply.resource';
import * as turn from './turn/Turn.resource';

const RESOURCE_OPTIONS: Array<{ name: string; value: AssistantResource }> = [
	{ name: 'Turn', value: 'turn' },
	{ name: 'Reply', value: 'reply' },
];

/** Every parameter of the node: resource first, then each resource's operations. */
export const properties: INodeProperties[] = [
	{ displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options: RESOURCE_OPTIONS, default: 'turn' },
	...turn.description,
	...reply.description,
];
