import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AirtableGateway, AirtableRecord } from '../transport/request';
import { itemFailure } from '../../shared/item-errors';
import { toNodeError } from './node-errors';

export interface ListQuery {
	table: string;
	filterByFormula: string;
	sort?: Array<{ field: string; direction: 'asc' | 'desc' }>;
	maxRecords?: number;
}

/** One query per item; every found record becomes an output item paired with its input. */
export async function readItems(ctx: IExecuteFunctions, gateway: AirtableGateway, build: (itemIndex: number) => ListQuery): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const query = build(i);
			const records: AirtableRecord[] = await gateway.listAll(query.table, {
				filterByFormula: query.filterByFormula,
				sort: query.sort,
				maxRecords: query.maxRecords,
			});
			for (const record of records) out.push({ json: { id: record.id, createdTime: record.createdTime, fields: record.fields }, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(ctx, error, i, toNodeError));
		}
	}
	return out;
}
