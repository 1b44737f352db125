import type { BaseModel, Cells, CellValue, FieldModel, TableModel } from '../model';
import type { CellValuesByFieldId, TableChanges, WebhookAction, WebhookPayload, WebhookSpecification } from '../../../core/airtable/webhooks/types';
import type { RecordChange } from './observed-database';
import { scopeTable } from './specification';

/**
 * One committed transaction as one webhook's payload: only what its specification asks for (data
 * types, scope, sources, change types, watched fields), changed records with only the cells that
 * changed, previous and unchanged values only when `includes` asks for them.
 * Source: https://airtable.com/developers/web/api/model/webhooks-payload and
 * https://airtable.com/developers/web/api/model/webhooks-table-changed
 */

export type CellFormatter = (field: FieldModel, value: CellValue | undefined) => unknown;

export interface TransactionInfo {
	baseTransactionNumber: number;
	timestamp: string;
	action: WebhookAction;
}

function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function values(table: TableModel, cells: Cells, fieldIds: Iterable<string>, format: CellFormatter): CellValuesByFieldId {
	const out: CellValuesByFieldId = {};
	for (const id of fieldIds) {
		const field = table.fields.find((f) => f.id === id);
		if (field) out[id] = format(field, cells[id]);
	}
	return out;
}

export function buildPayload(spec: WebhookSpecification, base: BaseModel, changes: RecordChange[], info: TransactionInfo, format: CellFormatter): WebhookPayload | undefined {
	const { filters, includes } = spec.options;
	if (!filters.dataTypes.includes('tableData')) return undefined;
	if (filters.fromSources && !filters.fromSources.includes(info.action.source)) return undefined;
	const scope = scopeTable(base, filters.recordChangeScope);
	const watched = filters.watchDataInFieldIds ? new Set(filters.watchDataInFieldIds) : undefined;
	const allows = (type: 'add' | 'remove' | 'update') => !filters.changeTypes || filters.changeTypes.includes(type);
	const tables: Record<string, TableChanges> = {};

	for (const change of changes) {
		if (scope && change.tableId !== scope.id) continue;
		const table = base.tables.find((t) => t.id === change.tableId);
		if (!table) continue;
		const entry = () => (tables[table.id] ??= {});
		if (change.before === undefined && change.after !== undefined) {
			if (!allows('add')) continue;
			const filled = table.fields.filter((f) => change.after?.[f.id] !== undefined).map((f) => f.id);
			(entry().createdRecordsById ??= {})[change.recordId] = { createdTime: change.createdTime, cellValuesByFieldId: values(table, change.after, filled, format) };
		} else if (change.after === undefined) {
			if (!allows('remove')) continue;
			(entry().destroyedRecordIds ??= []).push(change.recordId);
		} else {
			const before = change.before ?? {};
			const after = change.after;
			const changed = table.fields.filter((f) => !sameCell(before[f.id], after[f.id])).map((f) => f.id);
			if (changed.length === 0 || !allows('update')) continue;
			if (watched && !changed.some((id) => watched.has(id))) continue;
			const record: NonNullable<TableChanges['changedRecordsById']>[string] = { current: { cellValuesByFieldId: values(table, after, changed, format) } };
			if (includes?.includePreviousCellValues) record.previous = { cellValuesByFieldId: values(table, before, changed, format) };
			const wanted = includes?.includeCellValuesInFieldIds;
			if (wanted !== undefined) {
				const ids = (wanted === 'all' ? table.fields.map((f) => f.id) : wanted).filter((id) => !changed.includes(id));
				if (ids.length > 0) record.unchanged = { cellValuesByFieldId: values(table, after, ids, format) };
			}
			(entry().changedRecordsById ??= {})[change.recordId] = record;
		}
	}
	if (Object.keys(tables).length === 0) return undefined;
	return {
		timestamp: info.timestamp,
		baseTransactionNumber: info.baseTransactionNumber,
		actionMetadata: structuredClone(info.action),
		payloadFormat: 'v0',
		changedTablesById: tables,
	};
}
