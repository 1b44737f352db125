import type { BaseSchema, FieldSpec } from '../../airtable-schema';
import type { Metadata } from './metadata';
import { sameName, type BaseModel } from './model';

/**
 * Puts a BaseSchema (BESTSTAG_SCHEMA for the sandbox) into a base through the same Metadata API code
 * a client would use: missing tables are created, then missing fields added. Existing tables and
 * fields are left alone, so it is safe on every start. Link fields create their inverse fields.
 */

export interface SchemaLoadResult {
	createdTables: string[];
	createdFields: string[];
}

/** The FieldSpec as a Metadata API field definition: links name their table, the API wants its id. */
function fieldInput(spec: FieldSpec, base: BaseModel): Record<string, unknown> | undefined {
	const { name, type, description } = spec;
	if (spec.type !== 'multipleRecordLinks') return 'options' in spec ? { name, type, description, options: spec.options } : { name, type, description };
	const target = base.tables.find((t) => t.name === spec.options.linkedTable);
	return target ? { name, type, description, options: { linkedTableId: target.id } } : undefined;
}

export function loadSchema(metadata: Metadata, baseId: string, schema: BaseSchema): SchemaLoadResult {
	const result: SchemaLoadResult = { createdTables: [], createdFields: [] };
	// Pass 1: tables, with every field whose link target already exists (the schema lists tables in dependency order).
	for (const spec of schema.tables) {
		const base = metadata.requireBase(baseId);
		if (base.tables.some((t) => sameName(t.name, spec.name))) continue;
		const fields = spec.fields.map((f) => fieldInput(f, base)).filter((f) => f !== undefined);
		metadata.createTable(baseId, { name: spec.name, description: spec.description, fields });
		result.createdTables.push(spec.name);
	}
	// Pass 2: whatever is still missing: self-links, and fields added to the schema after the table was made.
	for (const spec of schema.tables) {
		for (const fieldSpec of spec.fields) {
			const base = metadata.requireBase(baseId);
			const table = base.tables.find((t) => sameName(t.name, spec.name));
			if (!table || table.fields.some((f) => sameName(f.name, fieldSpec.name))) continue;
			const input = fieldInput(fieldSpec, base);
			if (!input) {
				const target = fieldSpec.type === 'multipleRecordLinks' ? fieldSpec.options.linkedTable : '?';
				throw new Error(`Field "${spec.name}.${fieldSpec.name}" links to table "${target}", which the schema does not define.`);
			}
			metadata.createField(baseId, table.id, input);
			result.createdFields.push(`${spec.name}.${fieldSpec.name}`);
		}
	}
	return result;
}
