import type { INodeProperties } from 'n8n-workflow';

import * as email from './email/Email.resource';
import * as event from './event/Event.resource';
import * as handoff from './handoff/Handoff.resource';
import * as lead from './lead/Lead.resource';
import * as message from './message/Message.resource';
import type { CrmResource } from './node.type';
import * as record from './record/Record.resource';
import * as reminder from './reminder/Reminder.resource';
import * as task from './task/Task.resource';
import * as user from './user/User.resource';

/** The Resource dropdown; each value must be a resource of node.type.ts. */
const RESOURCE_OPTIONS: Array<{ name: string; value: CrmResource }> = [
	{ name: 'Email', value: 'email' },
	{ name: 'Event', value: 'event' },
	{ name: 'Hand-Off', value: 'handoff' },
	{ name: 'Lead', value: 'lead' },
	{ name: 'Message', value: 'message' },
	{ name: 'Record (Any Table)', value: 'record' },
	{ name: 'Reminder', value: 'reminder' },
	{ name: 'Task', value: 'task' },
	{ name: 'User', value: 'user' },
];

/** Every parameter of the node: resource first, then each resource's operations. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCE_OPTIONS,
		default: 'user',
	},

	...user.description,
	...message.description,
	...task.description,
	...reminder.description,
	...event.description,
	...email.description,
	...handoff.description,
	...lead.description,
	...record.description,
];
