import type { CellValue, FieldModel } from './model';

/**
 * Sort order per field type. Blank cells count as the smallest value, so they come first in an
 * ascending sort and last in a descending one, as in Airtable's grid. Ties keep the view's order.
 */

const TEXT = new Intl.Collator('en', { sensitivity: 'base' });

function rank(field: FieldModel, value: CellValue): number | string {
	switch (field.type) {
		case 'number':
		case 'percent':
			return value as number;
		case 'checkbox':
			return value === true ? 1 : 0;
		case 'date':
		case 'dateTime':
			return Date.parse(value as string);
		case 'singleSelect': {
			// Selects sort by the order of their choices, not alphabetically.
			const index = (field.options?.choices ?? []).findIndex((c) => c.name === value);
			return index < 0 ? Number.MAX_SAFE_INTEGER : index;
		}
		default:
			return Array.isArray(value) ? value.join(', ') : String(value);
	}
}

function compareRanks(a: number | string, b: number | string): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return TEXT.compare(String(a), String(b));
}

/** Ascending comparison of two cells of one field; undefined is blank. */
export function compareCells(field: FieldModel, a: CellValue | undefined, b: CellValue | undefined): number {
	if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
	if (field.type === 'multipleSelects' && Array.isArray(a) && Array.isArray(b)) {
		for (let i = 0; i < Math.min(a.length, b.length); i++) {
			const order = compareRanks(rank({ ...field, type: 'singleSelect' }, a[i]), rank({ ...field, type: 'singleSelect' }, b[i]));
			if (order !== 0) return order;
		}
		return a.length - b.length;
	}
	return compareRanks(rank(field, a), rank(field, b));
}
