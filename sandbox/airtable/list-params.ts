import { AIRTABLE_MAX_PAGE_SIZE } from '../../core/limits/airtable';
import { describeValue, invalidRequest } from './errors';

/**
 * The list parameters, as airtable.js sends them in a query string (GET) or a JSON body
 * (POST .../listRecords): checked and typed, or Airtable's 422 INVALID_REQUEST_UNKNOWN.
 */

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
		pageSize: raw.pageSize === undefined ? AIRTABLE_MAX_PAGE_SIZE : wholeNumber('pageSize', raw.pageSize, 1, AIRTABLE_MAX_PAGE_SIZE),
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
