/**
 * JSON Schemas of the records the Airtable CRM node outputs, built from the base's table specs, for the
 * node's `__schema__/` files: n8n's editor fetches them (GET /schemas/<node>/<version>/<resource>/<operation>.json)
 * to show a node's output fields before its first run. Airtable returns a field's value in the JSON type
 * its field type implies: https://airtable.com/developers/web/api/field-model
 */
import type { FieldSpec, TableSpec } from './types';

/** The subset of JSON Schema n8n's own __schema__ files use: type, properties, items, enum. */
export interface JsonSchema {
	type: 'object' | 'array' | 'string' | 'number' | 'boolean';
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	enum?: string[];
}

/** A field's value as the Airtable Web API returns it in a record's `fields`. */
export function fieldJsonSchema(field: FieldSpec): JsonSchema {
	switch (field.type) {
		case 'number':
		case 'percent':
			return { type: 'number' };
		case 'checkbox':
			return { type: 'boolean' };
		case 'singleSelect':
			return { type: 'string', enum: field.options.choices.map((c) => c.name) };
		case 'multipleSelects':
			return { type: 'array', items: { type: 'string', enum: field.options.choices.map((c) => c.name) } };
		case 'multipleRecordLinks':
			// Record ids (rec...).
			return { type: 'array', items: { type: 'string' } };
		default:
			// Text, email, URL, phone, and dates (ISO 8601 strings).
			return { type: 'string' };
	}
}

/** A table's `fields` object; with no table (any table), an object of unknown fields. */
export function fieldsJsonSchema(table?: TableSpec): JsonSchema {
	if (!table) return { type: 'object' };
	return { type: 'object', properties: Object.fromEntries(table.fields.map((f) => [f.name, fieldJsonSchema(f)])) };
}

/**
 * One record as the node outputs it: `{ id, createdTime, fields }`, plus `created` for writes (true
 * when the write made a new record).
 */
export function recordJsonSchema(table: TableSpec | undefined, options: { write: boolean }): JsonSchema {
	return {
		type: 'object',
		properties: {
			id: { type: 'string' },
			createdTime: { type: 'string' },
			...(options.write ? { created: { type: 'boolean' } } : {}),
			fields: fieldsJsonSchema(table),
		},
	};
}
