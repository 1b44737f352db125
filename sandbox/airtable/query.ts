import { compileFormula, FormulaError, type CompiledFormula, type FormulaRecord } from '../../core/airtable-formula';
import type { StoreDatabase } from './database';
import { describeValue, invalidRequest, unprocessable } from './errors';
import { newId } from './ids';
import type { Metadata } from './metadata';
import { primaryField, requireField, requireTable, type FieldModel, type StoredRecord, type TableModel } from './model';
import { recordJson, type ApiRecord } from './serialize';
import { compareCells } from './sort';

/**
 * Listing records: filterByFormula, sort, maxRecords, fields[], views and paging. The first page
 * fixes the full ordered list of ids in an in-memory iterator; the opaque offset names the iterator
 * and the next record, so later pages are stable and never repeat a record, like Airtable's.
 */

export const MAX_PAGE_SIZE = 100;
const ITERATOR_TTL_MS = 10 * 60_000;
const MAX_ITERATORS = 1_000;
const OFFSET = /^(itr[A-Za-z0-9]{14})\/(rec[A-Za-z0-9]{14})$/;

export interface ListParams {
	pageSize: number;
	maxRecords?: number;
	offset?: string;
	fields?: string[];
	sort: Array<{ field: string; direction: 'asc' | 'desc' }>;
	view?: string;
	filterByFormula?: string;
	byFieldId: boolean;
	commentCount: boolean;
}

function wholeNumber(name: string, value: unknown, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw invalidRequest(`"${name}" must be a whole number from ${min} to ${max}, got ${describeValue(value)}.`);
	}
	return number;
}

/** Booleans arrive as true/false in JSON bodies and as "true"/"false" (or 1/0) in query strings. */
export function readBoolean(name: string, value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (value === true || value === 'true' || value === '1' || value === 1) return true;
	if (value === false || value === 'false' || value === '0' || value === 0 || value === '') return false;
	throw invalidRequest(`"${name}" must be true or false, got ${describeValue(value)}.`);
}

function stringList(name: string, value: unknown): string[] {
	const list = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
		throw invalidRequest(`"${name}" must be a list of text (${name}[]=... in a query string), got ${describeValue(value)}.`);
	}
	return list as string[];
}

function optionalText(name: string, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidRequest(`"${name}" must be text, got ${describeValue(value)}.`);
	return value;
}

/** The list parameters, from a parsed query string (GET) or a JSON body (POST .../listRecords). */
export function parseListParams(raw: Record<string, unknown>): ListParams {
	const cellFormat = optionalText('cellFormat', raw.cellFormat);
	if (cellFormat === 'string') {
		throw invalidRequest('cellFormat "string" is not supported by the local Airtable store; leave it out or use cellFormat=json (the default).');
	}
	if (cellFormat !== undefined && cellFormat !== 'json') throw invalidRequest(`"cellFormat" must be "json" or "string", got ${describeValue(cellFormat)}.`);
	optionalText('timeZone', raw.timeZone);
	optionalText('userLocale', raw.userLocale);

	const sort = raw.sort === undefined ? [] : raw.sort;
	if (!Array.isArray(sort)) throw invalidRequest(`"sort" must be a list of {field, direction}, got ${describeValue(sort)}.`);
	const params: ListParams = {
		pageSize: raw.pageSize === undefined ? MAX_PAGE_SIZE : wholeNumber('pageSize', raw.pageSize, 1, MAX_PAGE_SIZE),
		sort: sort.map((item) => {
			if (typeof item !== 'object' || item === null || typeof (item as { field?: unknown }).field !== 'string') {
				throw invalidRequest(`Each sort item needs a "field" (name or id), got ${describeValue(item)}.`);
			}
			const { field, direction = 'asc' } = item as { field: string; direction?: unknown };
			if (direction !== 'asc' && direction !== 'desc') throw invalidRequest(`Sort direction must be "asc" or "desc", got ${describeValue(direction)}.`);
			return { field, direction };
		}),
		byFieldId: readBoolean('returnFieldsByFieldId', raw.returnFieldsByFieldId),
		commentCount: raw.recordMetadata !== undefined && stringList('recordMetadata', raw.recordMetadata).includes('commentCount'),
	};
	if (raw.maxRecords !== undefined) params.maxRecords = wholeNumber('maxRecords', raw.maxRecords, 1, Number.MAX_SAFE_INTEGER);
	if (raw.fields !== undefined) params.fields = stringList('fields', raw.fields);
	const offset = optionalText('offset', raw.offset);
	if (offset) params.offset = offset;
	const view = optionalText('view', raw.view);
	if (view) params.view = view;
	const formula = optionalText('filterByFormula', raw.filterByFormula);
	if (formula) params.filterByFormula = formula;
	return params;
}

/**
 * A record as the formula engine sees it: fields by name, and links as the linked records'
 * primary values, as Airtable shows them in formulas (so ARRAYJOIN({User}) gives phones).
 */
function formulaRecord(table: TableModel, record: StoredRecord, linkValues: (field: FieldModel, ids: string[]) => string[]): FormulaRecord {
	const fields: FormulaRecord['fields'] = {};
	for (const field of table.fields) {
		const value = record.cells[field.id];
		if (value === undefined) continue;
		if (field.type === 'multipleRecordLinks' && Array.isArray(value)) fields[field.name] = linkValues(field, value);
		else fields[field.name] = Array.isArray(value) ? [...value] : value;
	}
	return { id: record.id, createdTime: record.createdTime, lastModifiedTime: record.modifiedTime, fields };
}

function invalidFormula(error: FormulaError): Error {
	return unprocessable('INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${error.message}`);
}

interface ListIterator {
	tableId: string;
	ids: string[];
	expires: number;
}

export interface ListResult {
	records: Array<ApiRecord & { commentCount?: number }>;
	offset?: string;
}

export class RecordLister {
	private readonly iterators = new Map<string, ListIterator>();

	constructor(
		private readonly db: StoreDatabase,
		private readonly metadata: Metadata,
		private readonly now: () => Date,
	) {}

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
			[iteratorId, start] = this.resume(table, params.offset);
			ids = (this.iterators.get(iteratorId) as ListIterator).ids;
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
			iteratorId ??= this.remember(table.id, ids);
			result.offset = `${iteratorId}/${ids[next]}`;
		}
		return result;
	}

	private select(table: TableModel, source: string | undefined, sort: Array<{ field: FieldModel; sign: number }>): StoredRecord[] {
		let records = this.db.listRecords(table.id);
		if (source !== undefined) {
			let formula: CompiledFormula;
			try {
				formula = compileFormula(source, { knownFields: table.fields.map((f) => f.name) });
			} catch (error) {
				if (error instanceof FormulaError) throw invalidFormula(error);
				throw error;
			}
			const now = this.now();
			const base = this.metadata.requireBase(table.baseId);
			const primaries = new Map<string, string>();
			const linkValues = (field: FieldModel, ids: string[]): string[] => {
				const linked = base.tables.find((t) => t.id === field.options?.linkedTableId);
				if (!linked) return [...ids];
				const primary = primaryField(linked);
				const missing = ids.filter((id) => !primaries.has(id));
				if (missing.length) {
					for (const [id, rec] of this.db.getRecords(missing)) {
						const cell = rec.cells[primary.id];
						primaries.set(id, cell === undefined ? '' : Array.isArray(cell) ? cell.join(', ') : String(cell));
					}
				}
				return ids.map((id) => primaries.get(id) ?? id);
			};
			try {
				records = records.filter((record) => formula.matches(formulaRecord(table, record, linkValues), { now }));
			} catch (error) {
				// Some formulas are refused only when a record's values reach them (see core/airtable-formula).
				if (error instanceof FormulaError) throw invalidFormula(error);
				throw error;
			}
		}
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

	private resume(table: TableModel, offset: string): [string, number] {
		const match = OFFSET.exec(offset);
		if (!match) throw unprocessable('INVALID_OFFSET_VALUE', `The value of offset ${describeValue(offset)} is invalid; pass the offset of the previous page as it was returned.`);
		const [, iteratorId, recordId] = match;
		this.expire();
		const iterator = this.iterators.get(iteratorId);
		const position = iterator && iterator.tableId === table.id ? iterator.ids.indexOf(recordId) : -1;
		if (!iterator || position < 0) {
			throw unprocessable(
				'LIST_RECORDS_ITERATOR_NOT_AVAILABLE',
				`The listing behind offset ${offset} is no longer available (it expired, the store restarted, or it belongs to another table). List again from the first page.`,
			);
		}
		iterator.expires = Date.now() + ITERATOR_TTL_MS;
		return [iteratorId, position];
	}

	private remember(tableId: string, ids: string[]): string {
		this.expire();
		while (this.iterators.size >= MAX_ITERATORS) this.iterators.delete(this.iterators.keys().next().value as string);
		const id = newId('itr');
		this.iterators.set(id, { tableId, ids, expires: Date.now() + ITERATOR_TTL_MS });
		return id;
	}

	private expire(): void {
		const now = Date.now();
		for (const [id, iterator] of this.iterators) if (iterator.expires <= now) this.iterators.delete(id);
	}
}
