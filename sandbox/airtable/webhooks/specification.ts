import { describeValue, invalidRequest, unprocessable } from '../errors';
import { isId } from '../ids';
import type { BaseModel, TableModel } from '../model';
import { CHANGE_SOURCES, type WebhookChangeType, type WebhookDataType, type WebhookSpecification } from '../../../core/airtable/webhooks/types';

/**
 * Checking a webhook specification when it is created, and deciding which record changes it covers.
 * Source: https://airtable.com/developers/web/api/model/webhooks-specification
 */

const DATA_TYPES: readonly WebhookDataType[] = ['tableData', 'tableFields', 'tableMetadata'];
const CHANGE_TYPES: readonly WebhookChangeType[] = ['add', 'remove', 'update'];
const FILTER_KEYS = ['dataTypes', 'recordChangeScope', 'changeTypes', 'fromSources', 'watchDataInFieldIds', 'watchSchemasOfFieldIds', 'sourceOptions'];
const INCLUDE_KEYS = ['includeCellValuesInFieldIds', 'includePreviousCellValues', 'includePreviousFieldDefinitions'];

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidRequest(`${what} must be a JSON object, got ${describeValue(value)}.`);
	return value as Json;
}

function onlyKeys(value: Json, what: string, keys: string[]): void {
	for (const key of Object.keys(value)) if (!keys.includes(key)) throw invalidRequest(`${what}: unknown key "${key}"; allowed: ${keys.join(', ')}.`);
}

function listOf<T extends string>(value: unknown, what: string, allowed?: readonly T[]): T[] {
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || (allowed !== undefined && !allowed.includes(v as T)))) {
		throw invalidRequest(`${what} must be a list of ${allowed ? allowed.map((a) => `"${a}"`).join(', ') : 'ids'}, got ${describeValue(value)}.`);
	}
	return value as T[];
}

/** The table a specification's recordChangeScope names (a table id, or the id of one of its views), if any. */
export function scopeTable(base: BaseModel, scope: string | undefined): TableModel | undefined {
	if (scope === undefined) return undefined;
	return base.tables.find((t) => t.id === scope || t.views.some((v) => v.id === scope));
}

/** The specification in a create-a-webhook body, checked against the base; throws Airtable's 422 when it is malformed. */
export function parseSpecification(raw: unknown, base: BaseModel): WebhookSpecification {
	const spec = object(raw, '"specification"');
	onlyKeys(spec, '"specification"', ['options']);
	const options = object(spec.options, '"specification.options"');
	onlyKeys(options, '"specification.options"', ['filters', 'includes']);
	const filters = object(options.filters, '"specification.options.filters"');
	onlyKeys(filters, '"specification.options.filters"', FILTER_KEYS);
	const dataTypes = listOf(filters.dataTypes, '"filters.dataTypes"', DATA_TYPES);
	if (dataTypes.length === 0) throw invalidRequest('"filters.dataTypes" needs at least one of "tableData", "tableFields", "tableMetadata".');
	const out: WebhookSpecification = { options: { filters: { dataTypes: [...dataTypes] } } };
	const f = out.options.filters;
	if (filters.recordChangeScope !== undefined) {
		const scope = filters.recordChangeScope;
		if (typeof scope !== 'string' || !(isId('tbl', scope) || isId('viw', scope))) {
			throw invalidRequest(`"filters.recordChangeScope" must be a table id (tbl...) or view id (viw...), got ${describeValue(scope)}; names are not accepted.`);
		}
		if (!scopeTable(base, scope)) throw unprocessable('INVALID_FILTERS', `"filters.recordChangeScope" ${scope} is not a table or view of base ${base.id}.`);
		f.recordChangeScope = scope;
	}
	if (filters.changeTypes !== undefined) f.changeTypes = [...listOf(filters.changeTypes, '"filters.changeTypes"', CHANGE_TYPES)];
	if (filters.fromSources !== undefined) f.fromSources = [...listOf(filters.fromSources, '"filters.fromSources"', CHANGE_SOURCES)];
	for (const key of ['watchDataInFieldIds', 'watchSchemasOfFieldIds'] as const) {
		if (filters[key] === undefined) continue;
		const ids = listOf<string>(filters[key], `"filters.${key}"`);
		const table = scopeTable(base, f.recordChangeScope);
		if (!table) throw invalidRequest(`"filters.${key}" needs "recordChangeScope" naming the table whose fields it lists.`);
		const unknown = ids.find((id) => !table.fields.some((field) => field.id === id));
		if (unknown !== undefined) throw unprocessable('INVALID_FILTERS', `"filters.${key}": field ${unknown} is not a field of table ${table.id}.`);
		f[key] = [...ids];
	}
	if (options.includes !== undefined) {
		const includes = object(options.includes, '"specification.options.includes"');
		onlyKeys(includes, '"specification.options.includes"', INCLUDE_KEYS);
		out.options.includes = {};
		const inc = includes.includeCellValuesInFieldIds;
		if (inc !== undefined) out.options.includes.includeCellValuesInFieldIds = inc === 'all' ? 'all' : [...listOf<string>(inc, '"includes.includeCellValuesInFieldIds"')];
		for (const key of ['includePreviousCellValues', 'includePreviousFieldDefinitions'] as const) {
			if (includes[key] === undefined) continue;
			if (typeof includes[key] !== 'boolean') throw invalidRequest(`"includes.${key}" must be true or false, got ${describeValue(includes[key])}.`);
			out.options.includes[key] = includes[key];
		}
	}
	return out;
}
