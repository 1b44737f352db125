import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { gatewayFor } from '../helpers/context';
import type { AirtableGateway } from '../transport/request';
import * as email from './email/Email.resource';
import * as event from './event/Event.resource';
import * as handoff from './handoff/Handoff.resource';
import * as lead from './lead/Lead.resource';
import * as message from './message/Message.resource';
import * as record from './record/Record.resource';
import * as reminder from './reminder/Reminder.resource';
import * as task from './task/Task.resource';
import * as user from './user/User.resource';

type Execute = (this: IExecuteFunctions, gateway: AirtableGateway) => Promise<INodeExecutionData[]>;

const OPERATIONS: Record<string, Record<string, { execute: Execute }>> = {
	user: { upsert: user.upsert },
	message: { log: message.log },
	task: { create: task.create, update: task.update, complete: task.complete, list: task.list },
	reminder: { create: reminder.create, listDue: reminder.listDue },
	event: { upsert: event.upsert },
	email: { upsert: email.upsert },
	handoff: { open: handoff.open, close: handoff.close },
	lead: { upsert: lead.upsert },
	record: { findByFields: record.findByFields },
};

/** Reads resource and operation once (they cannot vary per item) and hands the whole batch over. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = OPERATIONS[resource]?.[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}".`);
	const gateway = await gatewayFor(this);
	return [await handler.execute.call(this, gateway)];
}
