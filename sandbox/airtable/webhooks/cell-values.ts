import type { StoreDatabase } from '../database';
import { primaryField, type BaseModel, type CellValue, type FieldModel } from '../model';

/**
 * Stored cells as webhook payloads show them: Airtable's "V2" cell format, where a select is
 * {id, name, color}, a link is [{id, name}] (the linked record's primary value) and a cleared cell is null.
 * Source: https://airtable.com/developers/web/api/list-webhook-payloads ("uses V2 cell value format")
 * and https://airtable.com/developers/web/api/field-model
 */

function choice(field: FieldModel, name: string): { id: string; name: string; color?: string } {
	const found = field.options?.choices?.find((c) => c.name === name);
	return found ? { id: found.id, name: found.name, color: found.color } : { id: name, name };
}

function primaryText(db: StoreDatabase, base: BaseModel, recordId: string): string {
	const record = db.getRecord(recordId);
	const table = record && base.tables.find((t) => t.id === record.tableId);
	if (!record || !table) return '';
	const value = record.cells[primaryField(table).id];
	if (value === undefined) return '';
	return Array.isArray(value) ? value.join(', ') : String(value);
}

export function v2CellValue(db: StoreDatabase, base: BaseModel, field: FieldModel, value: CellValue | undefined): unknown {
	if (value === undefined) return null;
	switch (field.type) {
		case 'singleSelect':
			return choice(field, String(value));
		case 'multipleSelects':
			return (value as string[]).map((name) => choice(field, name));
		case 'multipleRecordLinks':
			return (value as string[]).map((id) => ({ id, name: primaryText(db, base, id) }));
		default:
			return Array.isArray(value) ? [...value] : value;
	}
}
