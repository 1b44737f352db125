import { describeChange, diffSchema, isDestructive, type SchemaChange } from './schema-diff';
import { apiField, MetadataClient } from './metadata-client';
import type { BaseSchema } from './types';

export interface SchemaPlan {
	changes: SchemaChange[];
	applicable: SchemaChange[];
	destructive: SchemaChange[];
}

function tableOf(change: SchemaChange): string {
	return change.kind === 'createTable' ? change.table.name : change.table;
}

export async function planSchema(client: MetadataClient, schema: BaseSchema): Promise<SchemaPlan> {
	const changes = diffSchema(schema, await client.listTables());
	return { changes, applicable: changes.filter((c) => !isDestructive(c)), destructive: changes.filter(isDestructive) };
}

/**
 * Applies the additive changes, in schema order so every link finds its table. Drift (renames,
 * retypes, deletions, select options) is never applied: Airtable's API cannot, or data would be lost.
 */
export async function applySchema(client: MetadataClient, schema: BaseSchema, plan: SchemaPlan, log: (line: string) => void): Promise<number> {
	const remote = await client.listTables();
	const tableIds = new Map(remote.map((t) => [t.name, t.id]));
	const fieldIds = new Map(remote.flatMap((t) => t.fields.map((f) => [`${t.name}\u0000${f.name}`, f.id] as const)));
	let applied = 0;
	for (const table of schema.tables) {
		for (const change of plan.applicable.filter((c) => tableOf(c) === table.name)) {
			switch (change.kind) {
				case 'createTable': {
					// A link to the table itself cannot exist before the table does: add those afterwards.
					const [primary, ...rest] = change.table.fields;
					const now = rest.filter((f) => f.type !== 'multipleRecordLinks' || f.options.linkedTable !== change.table.name);
					const created = await client.createTable(change.table.name, change.table.description, [apiField(primary, tableIds), ...now.map((f) => apiField(f, tableIds))]);
					tableIds.set(change.table.name, created.id);
					for (const f of rest.filter((x) => !now.includes(x))) await client.createField(created.id, apiField(f, tableIds));
					break;
				}
				case 'createField':
					await client.createField(tableIds.get(change.table)!, apiField(change.field, tableIds));
					break;
				case 'updateTableDescription':
					await client.updateTable(tableIds.get(change.table)!, { description: change.description });
					break;
				case 'updateFieldDescription':
					await client.updateField(tableIds.get(change.table)!, fieldIds.get(`${change.table}\u0000${change.field}`)!, { description: change.description });
					break;
				case 'drift':
					continue;
			}
			applied++;
			log(`applied ${describeChange(change)}`);
		}
	}
	return applied;
}
