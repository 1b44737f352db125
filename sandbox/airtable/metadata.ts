import type { StoreDatabase } from './database';
import { baseNotFound, describeValue, invalidRequest, notFound, unprocessable } from './errors';
import { checkDescription, checkName, nextChoiceColor, parseFieldDefinition, type FieldDefinition } from './field-options';
import { newId } from './ids';
import { requireTable, sameName, type BaseModel, type FieldModel, type TableModel } from './model';

/**
 * The Metadata API: bases, tables and fields. Creating a link field also creates its inverse on the
 * linked table (named after this table), as Airtable does, so both sides can be read and written.
 */

export const DEFAULT_VIEW_NAME = 'Grid view';

export function fieldJson(field: FieldModel): Record<string, unknown> {
	const json: Record<string, unknown> = { id: field.id, name: field.name, type: field.type };
	// Airtable leaves out a description that was never set.
	if (field.description) json.description = field.description;
	if (field.options) json.options = structuredClone(field.options);
	return json;
}

export function tableJson(table: TableModel): Record<string, unknown> {
	const json: Record<string, unknown> = { id: table.id, name: table.name };
	if (table.description) json.description = table.description;
	json.primaryFieldId = table.primaryFieldId;
	json.fields = table.fields.map(fieldJson);
	json.views = table.views.map((v) => ({ id: v.id, name: v.name, type: v.type }));
	return json;
}

function requireObject(body: unknown, what: string): Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw invalidRequest(`${what} must be a JSON object, got ${describeValue(body)}.`);
	}
	return body as Record<string, unknown>;
}

function allowKeys(body: Record<string, unknown>, what: string, keys: string[]): void {
	for (const key of Object.keys(body)) {
		if (!keys.includes(key)) throw invalidRequest(`${what}: unknown key "${key}"; allowed: ${keys.join(', ')}.`);
	}
}

export class Metadata {
	constructor(private readonly db: StoreDatabase) {}

	listBases(): { bases: Array<{ id: string; name: string; permissionLevel: 'create' }> } {
		return { bases: this.db.listBases().map((b) => ({ id: b.id, name: b.name, permissionLevel: 'create' })) };
	}

	hasBase(baseId: string): boolean {
		return this.db.listBases().some((b) => b.id === baseId);
	}

	createBase(id: string, name: string): void {
		this.db.insertBase(id, name);
	}

	requireBase(baseId: string): BaseModel {
		const base = this.db.loadBase(baseId);
		if (!base) throw baseNotFound(baseId);
		return base;
	}

	listTables(baseId: string): { tables: Array<Record<string, unknown>> } {
		return { tables: this.requireBase(baseId).tables.map(tableJson) };
	}

	/** POST /v0/meta/bases: {name, workspaceId, tables}. The workspace is accepted and ignored. */
	createBaseFromBody(body: unknown): Record<string, unknown> {
		const input = requireObject(body, 'The base');
		allowKeys(input, 'The base', ['name', 'workspaceId', 'tables']);
		const name = checkName(input.name, 'A base', 'INVALID_REQUEST_UNKNOWN');
		if (!Array.isArray(input.tables) || input.tables.length === 0) {
			throw invalidRequest('A base needs "tables": a non-empty list of {name, description?, fields}.');
		}
		const tables = input.tables;
		return this.db.transaction(() => {
			const id = newId('app');
			this.db.insertBase(id, name);
			for (const table of tables) this.createTable(id, table);
			return { id, tables: this.requireBase(id).tables.map(tableJson) };
		});
	}

	createTable(baseId: string, body: unknown): Record<string, unknown> {
		const base = this.requireBase(baseId);
		const input = requireObject(body, 'The table');
		allowKeys(input, 'The table', ['name', 'description', 'fields']);
		const name = checkName(input.name, 'A table', 'INVALID_REQUEST_UNKNOWN');
		if (base.tables.some((t) => sameName(t.name, name))) {
			throw unprocessable('DUPLICATE_TABLE_NAME', `A table named "${name}" already exists in base ${baseId}; choose another name.`);
		}
		const description = checkDescription(input.description, `Table "${name}"`);
		if (!Array.isArray(input.fields) || input.fields.length === 0) {
			throw invalidRequest(`Table "${name}" needs "fields": a non-empty list; the first one becomes the primary field.`);
		}
		const linkTargetExists = (id: string) => base.tables.some((t) => t.id === id);
		const definitions = input.fields.map((raw, index) => parseFieldDefinition(raw, { linkTargetExists, primary: index === 0 }));
		definitions.forEach((definition, index) => {
			if (definitions.slice(0, index).some((other) => sameName(other.name, definition.name))) {
				throw unprocessable('DUPLICATE_OR_EMPTY_FIELD_NAME', `Table "${name}" lists the field name "${definition.name}" twice; field names must be unique.`);
			}
		});

		const tableId = newId('tbl');
		const fieldIds = definitions.map(() => newId('fld'));
		return this.db.transaction(() => {
			this.db.insertTable({ id: tableId, baseId, name, description, primaryFieldId: fieldIds[0] });
			this.db.insertView(tableId, { id: newId('viw'), name: DEFAULT_VIEW_NAME, type: 'grid' });
			const created: TableModel = { id: tableId, baseId, name, description, primaryFieldId: fieldIds[0], fields: [], views: [] };
			base.tables.push(created);
			definitions.forEach((definition, index) => this.insertField(base, created, definition, fieldIds[index]));
			return tableJson(requireTable(this.requireBase(baseId), tableId));
		});
	}

	updateTable(baseId: string, tableIdOrName: string, body: unknown): Record<string, unknown> {
		const base = this.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const input = requireObject(body, 'The table update');
		allowKeys(input, 'The table update', ['name', 'description']);
		let name = table.name;
		if (input.name !== undefined) {
			name = checkName(input.name, 'A table', 'INVALID_REQUEST_UNKNOWN');
			if (base.tables.some((t) => t.id !== table.id && sameName(t.name, name))) {
				throw unprocessable('DUPLICATE_TABLE_NAME', `A table named "${name}" already exists in base ${baseId}; choose another name.`);
			}
		}
		const description = input.description === undefined ? table.description : checkDescription(input.description, `Table "${name}"`);
		this.db.updateTable(table.id, name, description);
		return tableJson({ ...table, name, description });
	}

	createField(baseId: string, tableIdOrName: string, body: unknown): Record<string, unknown> {
		const base = this.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const definition = parseFieldDefinition(body, { linkTargetExists: (id) => base.tables.some((t) => t.id === id), primary: false });
		if (table.fields.some((f) => sameName(f.name, definition.name))) {
			throw unprocessable('DUPLICATE_OR_EMPTY_FIELD_NAME', `Table "${table.name}" already has a field named "${definition.name}"; choose another name.`);
		}
		return this.db.transaction(() => fieldJson(this.insertField(base, table, definition, newId('fld'))));
	}

	updateField(baseId: string, tableIdOrName: string, fieldId: string, body: unknown): Record<string, unknown> {
		const base = this.requireBase(baseId);
		const table = requireTable(base, tableIdOrName);
		const field = table.fields.find((f) => f.id === fieldId || f.name === fieldId);
		if (!field) throw notFound(`Could not find field ${fieldId} in table ${table.name} (${table.id}).`);
		const input = requireObject(body, 'The field update');
		for (const key of Object.keys(input)) {
			if (key !== 'name' && key !== 'description') {
				throw invalidRequest(`The field update: "${key}" cannot be changed through the API; only name and description can.`);
			}
		}
		if (input.name !== undefined) {
			const name = checkName(input.name, 'A field', 'DUPLICATE_OR_EMPTY_FIELD_NAME');
			if (table.fields.some((f) => f.id !== field.id && sameName(f.name, name))) {
				throw unprocessable('DUPLICATE_OR_EMPTY_FIELD_NAME', `Table "${table.name}" already has a field named "${name}"; choose another name.`);
			}
			field.name = name;
		}
		if (input.description !== undefined) field.description = checkDescription(input.description, `Field "${field.name}"`);
		this.db.updateField(field);
		return fieldJson(field);
	}

	/** Adds a choice to a select field (typecast); the caller's transaction keeps it only if the write succeeds. */
	addSelectChoice(field: FieldModel, name: string): void {
		const choices = field.options?.choices ?? [];
		choices.push({ id: newId('sel'), name, color: nextChoiceColor(choices.length) });
		field.options = { ...field.options, choices };
		this.db.updateField(field);
	}

	private insertField(base: BaseModel, table: TableModel, definition: FieldDefinition, id: string): FieldModel {
		const field: FieldModel = { id, tableId: table.id, ...definition };
		const linkedTableId = field.options?.linkedTableId;
		const linked = linkedTableId === undefined ? undefined : base.tables.find((t) => t.id === linkedTableId);
		// A link to the same table has no inverse field, as in Airtable.
		if (linked && linked.id !== table.id) {
			const inverse: FieldModel = {
				id: newId('fld'),
				tableId: linked.id,
				name: uniqueFieldName(linked, table.name),
				type: 'multipleRecordLinks',
				description: '',
				options: { isReversed: false, linkedTableId: table.id, prefersSingleRecordLink: false, inverseLinkFieldId: field.id },
			};
			field.options = { ...field.options, inverseLinkFieldId: inverse.id };
			this.db.insertField(field);
			this.db.insertField(inverse);
			linked.fields.push(inverse);
		} else {
			this.db.insertField(field);
		}
		table.fields.push(field);
		return field;
	}
}

/** "Tasks", or "Tasks 2", "Tasks 3"... when the table already has a field of that name. */
function uniqueFieldName(table: TableModel, wanted: string): string {
	let name = wanted;
	for (let n = 2; table.fields.some((f) => sameName(f.name, name)); n++) name = `${wanted} ${n}`;
	return name;
}
