import type { StoredRecord, TableModel } from './model';

/** A record as the API returns it: {id, createdTime, fields}, empty cells left out. */
export interface ApiRecord {
	id: string;
	createdTime: string;
	fields: Record<string, unknown>;
}

export interface SerializeOptions {
	/** returnFieldsByFieldId: key fields by id (fld...) instead of name. */
	byFieldId: boolean;
	/** fields[]: only these field ids. */
	only?: ReadonlySet<string>;
}

export function recordJson(table: TableModel, record: StoredRecord, options: SerializeOptions): ApiRecord {
	const fields: Record<string, unknown> = {};
	for (const field of table.fields) {
		if (options.only && !options.only.has(field.id)) continue;
		const value = record.cells[field.id];
		if (value === undefined) continue;
		fields[options.byFieldId ? field.id : field.name] = Array.isArray(value) ? [...value] : value;
	}
	return { id: record.id, createdTime: record.createdTime, fields };
}
