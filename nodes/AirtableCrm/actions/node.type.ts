import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AirtableGateway } from '../transport/request';

/**
 * Every resource of the node and its operations, as n8n's Airtable v2 node declares them
 * (actions/node.type.ts). The router, the Operation dropdowns and each operation's parameters are
 * typed against this map, so a misspelled or missing operation fails to compile.
 */
export interface AirtableCrmOperations {
	email: 'upsert';
	event: 'upsert';
	handoff: 'check' | 'close' | 'open';
	lead: 'upsert';
	message: 'log' | 'status';
	record: 'findByFields';
	reminder: 'create' | 'listDue';
	task: 'complete' | 'create' | 'list' | 'reopen' | 'update';
	user: 'erase' | 'export' | 'get' | 'privacyChoice' | 'upsert';
}

export type CrmResource = keyof AirtableCrmOperations;
export type CrmOperation<R extends CrmResource = CrmResource> = AirtableCrmOperations[R];

/** One operation runs the whole batch of input items and returns its output items, paired. */
export type OperationExecute = (this: IExecuteFunctions, gateway: AirtableGateway) => Promise<INodeExecutionData[]>;

/** What each `<op>.operation.ts` exports: its editor parameters beside its execute. */
export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}
