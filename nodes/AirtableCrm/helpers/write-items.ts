import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { planWriteRequests, toHttpCall, type RecordWrite } from '../../../core/airtable/write-batches';
import { itemFailure } from '../../shared/item-errors';
import type { AirtableGateway, AirtableRecord } from '../transport/request';
import { toNodeError } from './node-errors';

/** One item's record write: table, mode, fields, and the id (update) or merge fields (upsert). */
export type ItemWrite = Omit<RecordWrite, 'itemIndex'>;

/** What an item asks for: a record write, or an output without a write (e.g. no task to complete). */
export type ItemPlan = ItemWrite | { output: IDataObject };

type WriteBuilder = (itemIndex: number) => ItemPlan | Promise<ItemPlan>;

/** An item's output json for the record Airtable wrote; `created` is false for an update. */
export type PresentRecord = (record: AirtableRecord, created: boolean) => IDataObject;

const asRecordItem: PresentRecord = (record, created) => ({ id: record.id, createdTime: record.createdTime, created, fields: record.fields });

interface WriteResponse {
	records: AirtableRecord[];
	createdRecords?: string[];
}

/**
 * Runs one write per item as few Airtable requests as possible (10 records each), then pairs
 * every returned record with the item it came from: `{ id, createdTime, created, fields }` unless
 * `present` says otherwise. The builder may look records up first (it may be async) or answer
 * without a write. Failures follow nodes/shared/item-errors.ts: a bad item fails alone, a refused
 * request fails each of its items, or the node stops when it does not continue on fail.
 */
export async function writeItems(ctx: IExecuteFunctions, gateway: AirtableGateway, build: WriteBuilder, present: PresentRecord = asRecordItem): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[][] = items.map(() => []);
	const writes: RecordWrite[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const plan = await build(i);
			if ('output' in plan) results[i].push({ json: plan.output, pairedItem: { item: i } });
			else writes.push({ ...plan, itemIndex: i });
		} catch (error) {
			results[i].push(itemFailure(ctx, error, i, toNodeError));
		}
	}

	for (const request of planWriteRequests(writes)) {
		const call = toHttpCall(request);
		let response: WriteResponse;
		try {
			response = await gateway.call<WriteResponse>(call, { table: request.table, fields: request.writes.map((w) => w.fields) });
		} catch (error) {
			// One refused request fails each of its items, or stops the node at the first of them.
			for (const w of request.writes) results[w.itemIndex].push(itemFailure(ctx, error, w.itemIndex, toNodeError));
			continue;
		}
		const created = new Set(response.createdRecords ?? []);
		response.records.forEach((record, position) => {
			const write = request.writes[position];
			const wasCreated = request.mode === 'create' || (request.mode === 'upsert' && created.has(record.id));
			results[write.itemIndex].push({ json: present(record, wasCreated), pairedItem: { item: write.itemIndex } });
		});
	}
	return results.flat();
}
