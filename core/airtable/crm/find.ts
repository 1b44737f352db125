import { BESTSTAG_SCHEMA } from '../../../airtable-schema';
import { buildEqualsAll } from '../formula-escape';
import { CrmInputError } from './input-error';

export type Criterion = { field: string; value: string | number | boolean | null };

/**
 * The generic search: equality on typed fields, joined by AND. Values are escaped literals and
 * field names must exist in the schema, so no user text can change the formula's meaning.
 */
export function findByFieldsFormula(table: string, criteria: Criterion[]): string {
	const spec = BESTSTAG_SCHEMA.tables.find((t) => t.name === table);
	if (!spec) throw new CrmInputError('Table', `Unknown table "${table}"; use one of ${BESTSTAG_SCHEMA.tables.map((t) => t.name).join(', ')}.`);
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
