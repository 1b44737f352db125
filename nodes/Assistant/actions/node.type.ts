import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * Every resource of the BestStag Assistant node and its operations. The router and the Operation
 * dropdowns are typed against this map, so a misspelled operation fails to compile.
 */
export interface AssistantOperations {
	turn: 'remember' | 'decide';
	reply: 'compose' | 'answer';
}

export type AssistantResource = keyof AssistantOperations;
export type AssistantOperation<R extends AssistantResource = AssistantResource> = AssistantOperations[R];

/** One operation runs the whole batch; it returns one list of items per output of the node. */
export type OperationExecute = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}
