import { AIRTABLE_MAX_TEXT_LENGTH } from '../../core/limits/airtable';
import { readDate, readInstant } from './cell-dates';
import { describeValue, unprocessable, type AirtableHttpError } from './errors';
import type { CellValue, FieldModel } from './model';

/**
 * Validates (and with typecast, converts) one value written to a cell, per field type. Returns the
 * stored value, or undefined for an empty cell: Airtable never returns "", false or [].
 */

export interface CellWriteContext {
	typecast: boolean;
	/** Creates a select option; only called with typecast. */
	addChoice(field: FieldModel, name: string): void;
	/** The record id a link item points to; checks it exists, or with typecast matches or creates by primary field. */
	resolveLink(field: FieldModel, item: string): string;
}

export function invalidValue(field: FieldModel, value: unknown, why: string): AirtableHttpError {
	return unprocessable(
		'INVALID_VALUE_FOR_COLUMN',
		`Field "${field.name}" cannot accept the provided value ${describeValue(value)}: ${why}`,
	);
}

const TYPECAST_HINT = 'or send typecast: true to convert it';

function roundTo(value: number, decimals: number): number {
	const factor = 10 ** decimals;
	return Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor;
}

function readNumber(field: FieldModel, value: unknown, typecast: boolean): number {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw invalidValue(field, value, 'numbers must be finite.');
		return value;
	}
	if (typecast) {
		if (typeof value === 'boolean') return value ? 1 : 0;
		if (typeof value === 'string') {
			const text = value.trim().replace(/,/g, '');
			if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return Number(text);
			throw invalidValue(field, value, 'the text is not a number, even with typecast.');
		}
	}
	throw invalidValue(field, value, `a ${field.type} field takes a number, ${TYPECAST_HINT}.`);
}

function readText(field: FieldModel, value: unknown, typecast: boolean): string {
	let text: string;
	if (typeof value === 'string') text = value;
	else if (typecast && (typeof value === 'number' || typeof value === 'boolean')) text = String(value);
	else if (typecast && Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) text = value.join(', ');
	else throw invalidValue(field, value, `a ${field.type} field takes text, ${TYPECAST_HINT}.`);
	if (text.length > AIRTABLE_MAX_TEXT_LENGTH) {
		// The value is left out of the message: it is too long to repeat.
		throw unprocessable(
			'INVALID_VALUE_FOR_COLUMN',
			`Field "${field.name}" cannot accept a text of ${text.length} characters: Airtable text cells hold at most ${AIRTABLE_MAX_TEXT_LENGTH}. Shorten it or split it across records.`,
		);
	}
	return text;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'checked', 'on', 'x', 'sim']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'unchecked', 'off', '', 'não', 'nao']);

function readCheckbox(field: FieldModel, value: unknown, typecast: boolean): boolean {
	if (typeof value === 'boolean') return value;
	if (typecast) {
		if (typeof value === 'number') return value !== 0;
		if (typeof value === 'string') {
			const word = value.trim().toLowerCase();
			if (TRUE_WORDS.has(word)) return true;
			if (FALSE_WORDS.has(word)) return false;
		}
	}
	throw invalidValue(field, value, `a checkbox takes true or false${typecast ? '' : `, ${TYPECAST_HINT}`}.`);
}

function choiceName(field: FieldModel, value: unknown, ctx: CellWriteContext): string {
	let name: string;
	if (typeof value === 'string') name = value;
	else if (ctx.typecast && (typeof value === 'number' || typeof value === 'boolean')) name = String(value);
	else throw invalidValue(field, value, `a select option is named by text, ${TYPECAST_HINT}.`);
	name = ctx.typecast ? name.trim() : name;
	const choices = field.options?.choices ?? [];
	if (choices.some((c) => c.name === name)) return name;
	// A choice may also be given by its id, which Airtable accepts too.
	const byId = choices.find((c) => c.id === name);
	if (byId) return byId.name;
	if (!ctx.typecast) {
		throw unprocessable(
			'INVALID_MULTIPLE_CHOICE_OPTIONS',
			`Insufficient permissions to create new select option ""${name}"" (field "${field.name}"; add the option to the field, or send typecast: true to create it).`,
		);
	}
	ctx.addChoice(field, name);
	return name;
}

function readList(field: FieldModel, value: unknown, typecast: boolean, splitText: boolean): unknown[] {
	if (Array.isArray(value)) return value;
	if (typecast && typeof value === 'string') return splitText ? value.split(',').map((s) => s.trim()).filter(Boolean) : [value];
	throw invalidValue(field, value, `a ${field.type} field takes a list, ${TYPECAST_HINT}.`);
}

function unique(items: string[]): string[] {
	return [...new Set(items)];
}

/** Blank input clears the cell, whatever the type. */
function isEmptyInput(value: unknown): boolean {
	return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export function normalizeCell(field: FieldModel, value: unknown, ctx: CellWriteContext): CellValue | undefined {
	if (isEmptyInput(value)) return undefined;
	const { typecast } = ctx;
	switch (field.type) {
		case 'singleLineText':
		case 'multilineText':
		case 'email':
		case 'url':
		case 'phoneNumber': {
			const text = readText(field, value, typecast);
			return text === '' ? undefined : text;
		}
		case 'number':
			return roundTo(readNumber(field, value, typecast), field.options?.precision ?? 0);
		case 'percent':
			// 0.5 is 50%; the precision counts the percent's decimals.
			return roundTo(readNumber(field, value, typecast), (field.options?.precision ?? 0) + 2);
		case 'checkbox':
			return readCheckbox(field, value, typecast) ? true : undefined;
		case 'singleSelect':
			return choiceName(field, value, ctx);
		case 'multipleSelects': {
			const names = unique(readList(field, value, typecast, true).map((item) => choiceName(field, item, ctx)));
			return names.length > 0 ? names : undefined;
		}
		case 'date': {
			const date = readDate(value, typecast);
			if (!date) throw invalidValue(field, value, `a date field takes an ISO date like "2026-11-20"${typecast ? '' : `, ${TYPECAST_HINT}`}.`);
			return date;
		}
		case 'dateTime': {
			const instant = readInstant(value, typecast);
			if (!instant) {
				throw invalidValue(field, value, `a dateTime field takes ISO 8601 like "2026-11-20T13:45:00.000Z"${typecast ? '' : `, ${TYPECAST_HINT}`}.`);
			}
			return instant.toISOString();
		}
		case 'multipleRecordLinks': {
			const items = readList(field, value, typecast, false).map((item) => {
				if (typeof item === 'string') return item;
				if (typecast && typeof item === 'number') return String(item);
				throw invalidValue(field, item, 'a link field takes a list of record ids like "rec...".');
			});
			const ids = unique(items.map((item) => ctx.resolveLink(field, item)));
			return ids.length > 0 ? ids : undefined;
		}
		default:
			throw invalidValue(field, value, `the store cannot write fields of type ${String(field.type)}.`);
	}
}
