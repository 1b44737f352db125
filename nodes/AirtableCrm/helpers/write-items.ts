import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { planWriteRequests, toHttpCall, type RecordWrite } from '../../../core/airtable/write-batches';
import type { AirtableGateway, AirtableRecord } from '../transport/request';
import { errorJson, toNodeError } from './node-errors';

type WriteBuilder = (itemIndex: number) => Omit<RecordWrite, 'itemIndex'>;

interface WriteResponse {
	records: AirtableRecord[];
	createdRecords?: string[];
}

/**
 * Runs one write per item as few Airtable requests as possible (10 records each), then pairs
 * every returned record with the item it came from. Bad input fails only its own item when the
 * node continues on fail.
 */
export async function writeItems(ctx: IExecuteFunctions, gateway: AirtableGateway, build: WriteBuilder): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[][] = items.map(() => []);
	const writes: RecordWrite[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			writes.push({ ...build(i), itemIndex: i });
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), error, i);
			results[i].push({ json: errorJson(error), pairedItem: { item: i } });
		}
	}

	for (const request of planWriteRequests(writes)) {
		const call = toHttpCall(request);
		let response: WriteResponse;
		try {
			response = await gateway.call<WriteResponse>(call, { table: request.table, fields: request.writes.map((w) => w.fields) });
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), error, request.writes[0].itemIndex);
			for (const w of request.writes) results[w.itemIndex].push({ json: errorJson(error), pairedItem: { item: w.itemIndex } });
			continue;
		}
		const created = new Set(response.createdRecords ?? []);
		response.records.forEach((record, position) => {
			const write = request.writes[position];
			const wasCreated = request.mode === 'create' || (request.mode === 'upsert' && created.has(record.id));
			results[write.itemIndex].push({
				json: { id: record.id, createdTime: record.createdTime, created: wasCreated, fields: record.fields },
				pairedItem: { item: write.itemIndex },
			});
		});
	}
	return results.flat();
}
