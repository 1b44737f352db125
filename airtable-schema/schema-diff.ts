import type { BaseSchema, FieldSpec, TableSpec } from './types';

/** A table as Airtable's Metadata API lists it (GET /v0/meta/bases/{baseId}/tables). */
export interface RemoteTable {
	id: string;
	name: string;
	description?: string;
	primaryFieldId: string;
	fields: Array<{ id: string; name: string; type: string; description?: string; options?: Record<string, unknown> }>;
}

export type SchemaChange =
	| { kind: 'createTable'; table: TableSpec }
	| { kind: 'createField'; table: string; field: FieldSpec }
	| { kind: 'updateTableDescription'; table: string; description: string }
	| { kind: 'updateFieldDescription'; table: string; field: string; description: string }
	/** Destructive or impossible through the API: listed, applied only by hand. */
	| { kind: 'drift'; table: string; field?: string; detail: string };

function choicesOf(options: Record<string, unknown> | undefined): string[] {
	const list = (options?.choices as Array<{ name: string }> | undefined) ?? [];
	return list.map((c) => c.name);
}

/**
 * What it takes to bring a base to the schema. Additive changes can be applied; anything that
 * would delete, retype or rename is drift, because data would be lost or the API cannot do it.
 */
export function diffSchema(desired: BaseSchema, remote: RemoteTable[]): SchemaChange[] {
	const changes: SchemaChange[] = [];
	const byName = new Map(remote.map((t) => [t.name, t]));
	for (const table of desired.tables) {
		const existing = byName.get(table.name);
		if (!existing) {
			changes.push({ kind: 'createTable', table });
			continue;
		}
		if ((existing.description ?? '') !== table.description) {
			changes.push({ kind: 'updateTableDescription', table: table.name, description: table.description });
		}
		const primary = existing.fields.find((f) => f.id === existing.primaryFieldId);
		if (primary && primary.name !== table.fields[0].name) {
			changes.push({ kind: 'drift', table: table.name, field: primary.name, detail: `primary field is "${primary.name}", the schema wants "${table.fields[0].name}"` });
		}
		const fields = new Map(existing.fields.map((f) => [f.name, f]));
		for (const field of table.fields) {
			const current = fields.get(field.name);
			if (!current) {
				changes.push({ kind: 'createField', table: table.name, field });
				continue;
			}
			if (current.type !== field.type) {
				changes.push({ kind: 'drift', table: table.name, field: field.name, detail: `type is ${current.type}, the schema wants ${field.type}` });
				continue;
			}
			if ((current.description ?? '') !== field.description) {
				changes.push({ kind: 'updateFieldDescription', table: table.name, field: field.name, description: field.description });
			}
			if (field.type === 'singleSelect' || field.type === 'multipleSelects') {
				const have = new Set(choicesOf(current.options));
				const missing = field.options.choices.map((c) => c.name).filter((c) => !have.has(c));
				// The Metadata API cannot edit a select's options, so this is for a person to do.
				if (missing.length) {
					changes.push({ kind: 'drift', table: table.name, field: field.name, detail: `missing options ${missing.join(', ')} (add them in Airtable: the API cannot edit options)` });
				}
			}
		}
		const wanted = new Set(table.fields.map((f) => f.name));
		// Airtable adds the inverse side of every link field by itself; those are expected.
		const isInverseLink = (f: RemoteTable['fields'][number]) => f.type === 'multipleRecordLinks' && typeof f.options?.inverseLinkFieldId === 'string';
		for (const extra of existing.fields.filter((f) => !wanted.has(f.name) && !isInverseLink(f))) {
			// Extra fields are harmless to the workflows; report them so a manager can tidy up.
			changes.push({ kind: 'drift', table: table.name, field: extra.name, detail: 'field is not in the schema (delete or rename it by hand if unwanted)' });
		}
	}
	return changes;
}

export function isDestructive(change: SchemaChange): boolean {
	return change.kind === 'drift';
}

export function describeChange(change: SchemaChange): string {
	switch (change.kind) {
		case 'createTable':
			return `+ table ${change.table.name} (${change.table.fields.length} fields)`;
		case 'createField':
			return `+ field ${change.table}.${change.field.name} (${change.field.type})`;
		case 'updateTableDescription':
			return `~ table ${change.table}: description`;
		case 'updateFieldDescription':
			return `~ field ${change.table}.${change.field}: description`;
		case 'drift':
			return `! ${change.table}${change.field ? `.${change.field}` : ''}: ${change.detail}`;
	}
}
