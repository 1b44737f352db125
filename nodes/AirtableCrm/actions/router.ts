import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { gatewayFor } from '../helpers/context';
import * as email from './email/Email.resource';
import * as event from './event/Event.resource';
import * as handoff from './handoff/Handoff.resource';
import * as lead from './lead/Lead.resource';
import * as message from './message/Message.resource';
import type { CrmOperation, CrmResource, OperationModule } from './node.type';
import * as record from './record/Record.resource';
import * as reminder from './reminder/Reminder.resource';
import * as task from './task/Task.resource';
import * as user from './user/User.resource';

/**
 * Every operation module by resource and operation name, typed against node.type.ts: a missing, extra
 * or misspelled operation fails to compile.
 */
export const OPERATIONS: { [R in CrmResource]: { [O in CrmOperation<R>]: OperationModule } } = {
	email: { upsert: email.upsert },
	event: { upsert: event.upsert },
	handoff: { check: handoff.check, close: handoff.close, open: handoff.open },
	lead: { upsert: lead.upsert },
	message: { log: message.log, status: message.status },
	record: { findByFields: record.findByFields },
	reminder: { create: reminder.create, listDue: reminder.listDue },
	task: { complete: task.complete, create: task.create, list: task.list, reopen: task.reopen, update: task.update },
	user: { erase: user.erase, export: user.export, get: user.get, privacyChoice: user.privacyChoice, upsert: user.upsert },
};

/** The operation module for a resource and operation read from the editor, or undefined for an unknown pair. */
export function operationFor(resource: string, operation: string): OperationModule | undefined {
	if (!Object.hasOwn(OPERATIONS, resource)) return undefined;
	const operations: Record<string, OperationModule> = OPERATIONS[resource as CrmResource];
	return Object.hasOwn(operations, operation) ? operations[operation] : undefined;
}

/** Reads resource and operation once (they cannot vary per item) and hands the whole batch over. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operationFor(resource, operation);
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}".`);
	const gateway = await gatewayFor(this);
	return [await handler.execute.call(this, gateway)];
}
