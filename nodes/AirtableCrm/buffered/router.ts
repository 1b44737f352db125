import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { DataPathConfigError } from '../../shared/datapath/config';
import { crmAccess } from '../helpers/context';
import { BUFFERED } from './operations';
import { dataPathStore } from './store';

/**
 * Buffered mode: reads from the replica, writes to the outbox, never waits for Airtable (except a
 * user's first load). Missing Redis is a configuration error shown in the editor, never a silent
 * fallback to direct writes.
 */
export async function bufferedRouter(this: IExecuteFunctions, resource: string, operation: string): Promise<INodeExecutionData[][]> {
	const handler = BUFFERED[resource]?.[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" has no buffered mode; set Write Mode to Direct.`);
	let store;
	try {
		store = dataPathStore();
	} catch (error) {
		const description = error instanceof DataPathConfigError ? 'Buffered mode keeps writes in Redis until the flusher sends them to Airtable.' : undefined;
		throw new NodeOperationError(this.getNode(), error as Error, { description });
	}
	const { baseId, gateway } = await crmAccess(this);
	return [await handler.call(this, { store, base: baseId, gateway })];
}
