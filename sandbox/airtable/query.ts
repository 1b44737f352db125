import type { StoreDatabase } from './database';
import { unprocessable } from './errors';
import { filterByFormula } from './formula-filter';
import { ListIterators } from './list-iterators';
import { parseListParams } from './list-params';
import type { Metadata } from './metadata';
import { requireField, requireTable, type FieldModel, type StoredRecord, type TableModel } from './model';
import { recordJson, type ApiRecord } from './serialize';
import { compareCells } from './sort';

/**
 * Listing records: filterByFormula (formula-filter.ts), sort, maxRecords, fields[], views and
 * offset paging (list-iterators.ts), with the parameters checked by list-params.ts.
 */

export interface ListResult {
	records: Array<ApiRecord & { commentCount?: number }>;
	offset?: string;
}

export class RecordLister {
	private readonly iterators = new ListIterators();

	constructor(
		private readonly db: StoreDatabase,
		private readonly metadata: Metadata,
		private readonly now: () => Date,
	) {}

	/** One page of records, from a parsed query string or a listRecords body. Throws Airtable's 4xx errors. */
	list(baseId: string, tableIdOrName: string, raw: Record<string, unknown>): ListResult {
		const table = requireTable(this.metadata.requireBase(baseId), tableIdOrName);
		const params = parseListParams(raw);
		if (params.view !== undefined && !table.views.some((v) => v.id === params.view || v.name === params.view)) {
			throw unprocessable('VIEW_NAME_NOT_FOUND', `Could not find view ${params.view} in table ${table.name}; this store has one view per table, "Grid view".`);
		}
		const only = params.fields ? new Set(params.fields.map((name) => requireField(table, name).id)) : undefined;
		const sort = params.sort.map((s) => ({ field: requireField(table, s.field), sign: s.direction === 'desc' ? -1 : 1 }));

		let iteratorId: string | undefined;
		let ids: string[];
		let start = 0;
		let loaded: Map<string, StoredRecord> | undefined;
		if (params.offset !== undefined) {
			({ iteratorId, ids, position: start } = this.iterators.resume(table.id, params.offset));
		} else {
			const records = this.select(table, params.filterByFormula, sort);
			ids = records.map((r) => r.id).slice(0, params.maxRecords);
			loaded = new Map(records.map((r) => [r.id, r]));
		}

		const pageIds = ids.slice(start, start + params.pageSize);
		const found = loaded ?? this.db.getRecords(pageIds);
		// Records deleted since the first page are skipped; their slots are not refilled.
		const page = pageIds.flatMap((id) => {
			const record = found.get(id);
			return record && record.tableId === table.id ? [record] : [];
		});
		const result: ListResult = {
			records: page.map((record) => {
				const json: ApiRecord & { commentCount?: number } = recordJson(table, record, { byFieldId: params.byFieldId, only });
				if (params.commentCount) json.commentCount = 0;
				return json;
			}),
		};
		const next = start + params.pageSize;
		if (next < ids.length) {
			iteratorId ??= this.iterators.remember(table.id, ids);
			result.offset = `${iteratorId}/${ids[next]}`;
		}
		return result;
	}

	private select(table: TableModel, source: string | undefined, sort: Array<{ field: FieldModel; sign: number }>): StoredRecord[] {
		let records = this.db.listRecords(table.id);
		if (source !== undefined) records = filterByFormula(this.db, this.metadata, table, records, source, this.now());
		if (sort.length > 0) {
			// Array.prototype.sort is stable, so ties keep creation order (the grid view's order).
			records.sort((a, b) => {
				for (const { field, sign } of sort) {
					const order = compareCells(field, a.cells[field.id], b.cells[field.id]);
					if (order !== 0) return sign * order;
				}
				return 0;
			});
		}
		return records;
	}
}
