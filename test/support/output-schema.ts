/**
 * Checks a node's output json against its __schema__ file (the JSON Schema subset n8n's own nodes use:
 * type, properties, items, enum), so the fields the editor shows before a first run are the fields a run
 * produces.
 */
import type { JsonSchema } from '../../airtable-schema/output-schema';

/**
 * What in `value` the schema does not describe: a key it does not list, or a JSON type or enum value it
 * does not allow. Null is accepted anywhere (Airtable and the entities use it for "none"). Empty when it conforms.
 */
export function schemaMismatches(value: unknown, schema: JsonSchema, path = '$'): string[] {
	if (value === null) return [];
	const actual = Array.isArray(value) ? 'array' : typeof value;
	if (actual !== schema.type) return [`${path}: ${actual}, schema says ${schema.type}`];
	if (schema.enum && !schema.enum.includes(value as string)) return [`${path}: ${String(value)} is not in the enum`];
	if (schema.type === 'array' && schema.items) return (value as unknown[]).flatMap((v, i) => schemaMismatches(v, schema.items!, `${path}[${i}]`));
	if (schema.type !== 'object' || !schema.properties) return [];
	return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
		schema.properties![key] ? schemaMismatches(v, schema.properties![key], `${path}.${key}`) : [`${path}.${key}: not in the schema`],
	);
}
