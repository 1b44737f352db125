import { buildEqualsAll } from '../formula-escape';
import { CrmInputError } from './input-error';

export type Criterion = { field: string; value: string | number | boolean | null };

/** The part of the base's schema a search checks names against (airtable-schema's BESTSTAG_SCHEMA fits). */
export interface SearchableSchema {
	tables: ReadonlyArray<{ name: string; fields: ReadonlyArray<{ name: string }> }>;
}

/**
 * The generic search: equality on typed fields, joined by AND. Values are escaped literals and
 * field names must exist in the schema, so no user text can change the formula's meaning. The
 * schema is passed in (the node passes BESTSTAG_SCHEMA), so core does not import the schema tooling.
 * Throws CrmInputError for an unknown table or field, no criteria, or a field named twice.
 */
export function findByFieldsFormula(schema: SearchableSchema, table: string, criteria: Criterion[]): string {
	const spec = schema.tables.find((t) => t.name === table);
	if (!spec) throw new CrmInputError('Table', `Unknown table "${table}"; use one of ${schema.tables.map((t) => t.name).join(', ')}.`);
	if (criteria.length === 0) throw new CrmInputError('Criteria', 'Add at least one field to search by.');
	const known = new Set(spec.fields.map((f) => f.name));
	const map: Record<string, string | number | boolean | null> = {};
	for (const { field, value } of criteria) {
		if (!known.has(field)) throw new CrmInputError('Field', `Table "${table}" has no field "${field}"; see airtable-schema/SCHEMA.md.`);
		if (field in map) throw new CrmInputError('Field', `Field "${field}" is used twice in the search.`);
		map[field] = value;
	}
	return buildEqualsAll(map);
}
