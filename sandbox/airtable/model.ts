import { tableNotFound, unknownFieldName } from './errors';

/** The store's in-memory view of a base, loaded from SQLite for each request. */

export const FIELD_TYPES = [
	'singleLineText',
	'multilineText',
	'email',
	'url',
	'phoneNumber',
	'number',
	'percent',
	'checkbox',
	'singleSelect',
	'multipleSelects',
	'date',
	'dateTime',
	'multipleRecordLinks',
] as const;

export type StoreFieldType = (typeof FIELD_TYPES)[number];

export interface SelectChoice {
	id: string;
	name: string;
	color: string;
}

export interface NamedFormat {
	name: string;
	format: string;
}

/** Field options exactly as the Metadata API returns them; which keys are set depends on the type. */
export interface FieldOptions {
	precision?: number;
	icon?: string;
	color?: string;
	choices?: SelectChoice[];
	dateFormat?: NamedFormat;
	timeFormat?: NamedFormat;
	timeZone?: string;
	linkedTableId?: string;
	isReversed?: boolean;
	prefersSingleRecordLink?: boolean;
	inverseLinkFieldId?: string;
}

export interface FieldModel {
	id: string;
	tableId: string;
	name: string;
	type: StoreFieldType;
	description: string;
	options?: FieldOptions;
}

export interface ViewModel {
	id: string;
	name: string;
	type: 'grid';
}

export interface TableModel {
	id: string;
	baseId: string;
	name: string;
	description: string;
	primaryFieldId: string;
	fields: FieldModel[];
	views: ViewModel[];
}

export interface BaseModel {
	id: string;
	name: string;
	tables: TableModel[];
}

/** A stored cell: text, number, true, or a list (select names, linked record ids). Empty cells are not stored. */
export type CellValue = string | number | boolean | string[];

/** Cells keyed by field id, so renaming a field never touches records. */
export type Cells = Record<string, CellValue>;

export interface StoredRecord {
	id: string;
	tableId: string;
	createdTime: string;
	cells: Cells;
	/** When the record last changed (ISO), where the store knows it (see webhooks/observed-database.ts). */
	modifiedTime?: string;
}

/** Airtable resolves a table in a URL by id first, then by exact name. */
export function findTable(base: BaseModel, idOrName: string): TableModel | undefined {
	return base.tables.find((t) => t.id === idOrName) ?? base.tables.find((t) => t.name === idOrName);
}

export function requireTable(base: BaseModel, idOrName: string): TableModel {
	const table = findTable(base, idOrName);
	if (!table) throw tableNotFound(idOrName, base.id);
	return table;
}

/** Fields are named by id or exact name everywhere in the API (write bodies, fields[], sort). */
export function findField(table: TableModel, idOrName: string): FieldModel | undefined {
	return table.fields.find((f) => f.id === idOrName) ?? table.fields.find((f) => f.name === idOrName);
}

export function requireField(table: TableModel, idOrName: string): FieldModel {
	const field = findField(table, idOrName);
	if (!field) throw unknownFieldName(idOrName);
	return field;
}

export function primaryField(table: TableModel): FieldModel {
	const field = table.fields.find((f) => f.id === table.primaryFieldId);
	if (!field) throw new Error(`Table ${table.name} (${table.id}) has no primary field ${table.primaryFieldId}; the store's data is inconsistent.`);
	return field;
}

/** Names are unique per table (fields) and per base (tables), ignoring case and outer spaces, as in Airtable. */
export function sameName(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}
