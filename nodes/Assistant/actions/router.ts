import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { AssistantOperation, AssistantResource, OperationModule } from './node.type';
import * as reply from './reply/Reply.resource';
import * as turn from './turn/Turn.resource';

/** Every operation module by resource and operation, typed against node.type.ts. */
export const OPERATIONS: { [R in AssistantResource]: { [O in AssistantOperation<R>]: OperationModule } } = {
	turn: { remember: turn.remember, decide: turn.decide },
	reply: { compose: reply.compose, answer: reply.answer },
};

/** Reads resource and operation once and hands the whole batch to the operation. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = Object.hasOwn(OPERATIONS, resource) ? (OPERATIONS[resource as AssistantResource] as Record<string, OperationModule>) : undefined;
	const handler = operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}".`);
	return handler.execute.call(this);
}
