import { describeValue, unprocessable, type AirtableHttpError } from './errors';
import { newId } from './ids';
import { FIELD_TYPES, type FieldOptions, type NamedFormat, type SelectChoice, type StoreFieldType } from './model';

/**
 * Checks a field definition from the Metadata API (POST tables / POST fields) the way Airtable does,
 * and turns its options into the shape Airtable returns: choices get ids and colors, formats get their pattern.
 */

const TEXT_TYPES = new Set<StoreFieldType>(['singleLineText', 'multilineText', 'email', 'url', 'phoneNumber']);

/** Types Airtable has but this store does not implement; named so the error can say so. */
const UNIMPLEMENTED_TYPES = [
	'multipleAttachments',
	'singleCollaborator',
	'multipleCollaborators',
	'currency',
	'rating',
	'duration',
	'richText',
	'barcode',
	'autoNumber',
	'formula',
	'rollup',
	'count',
	'multipleLookupValues',
	'createdTime',
	'lastModifiedTime',
	'createdBy',
	'lastModifiedBy',
	'button',
	'externalSyncSource',
	'aiText',
];

const HUES = ['blue', 'cyan', 'teal', 'green', 'yellow', 'orange', 'red', 'pink', 'purple', 'gray'];
export const CHOICE_COLORS = HUES.flatMap((hue) => [`${hue}Light2`, `${hue}Light1`, `${hue}Bright`, `${hue}Dark1`]);
const CHECKBOX_COLORS = HUES.map((hue) => `${hue}Bright`);
const CHECKBOX_ICONS = ['check', 'xCheckbox', 'star', 'heart', 'thumbsUp', 'flag', 'dot'];

const DATE_FORMATS: Record<string, string> = { local: 'l', friendly: 'LL', us: 'M/D/YYYY', european: 'D/M/YYYY', iso: 'YYYY-MM-DD' };
const TIME_FORMATS: Record<string, string> = { '12hour': 'h:mma', '24hour': 'HH:mm' };

/** Types a table's primary field may have here (Airtable refuses links, checkboxes and multiple selects there). */
const PRIMARY_TYPES = new Set<StoreFieldType>([...TEXT_TYPES, 'number', 'percent', 'singleSelect', 'date', 'dateTime']);

export interface FieldDefinition {
	name: string;
	type: StoreFieldType;
	description: string;
	options?: FieldOptions;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The next default color for a new select choice, cycling through the light palette like Airtable. */
export function nextChoiceColor(existing: number): string {
	return `${HUES[existing % HUES.length]}Light2`;
}

export function checkName(raw: unknown, what: string, errorType: string): string {
	if (typeof raw !== 'string' || raw.trim() === '') {
		throw unprocessable(errorType, `${what} needs a non-empty "name" (got ${describeValue(raw)}).`);
	}
	return raw.trim();
}

export function checkDescription(raw: unknown, what: string): string {
	if (raw === undefined || raw === null) return '';
	if (typeof raw !== 'string') throw unprocessable('INVALID_REQUEST_UNKNOWN', `${what}: "description" must be text, got ${describeValue(raw)}.`);
	if (raw.length > 20_000) throw unprocessable('INVALID_REQUEST_UNKNOWN', `${what}: "description" is longer than 20,000 characters.`);
	return raw;
}

/**
 * Validates one field definition. `linkTargetExists` says whether a linkedTableId belongs to the base;
 * `primary` applies the primary-field type rule.
 */
export function parseFieldDefinition(raw: unknown, context: { linkTargetExists(tableId: string): boolean; primary: boolean }): FieldDefinition {
	if (!isPlainObject(raw)) throw unprocessable('INVALID_REQUEST_UNKNOWN', `A field definition must be an object, got ${describeValue(raw)}.`);
	for (const key of Object.keys(raw)) {
		if (!['name', 'type', 'description', 'options'].includes(key)) {
			throw unprocessable('INVALID_REQUEST_UNKNOWN', `Unknown key "${key}" in a field definition; use name, type, description and options.`);
		}
	}
	const name = checkName(raw.name, 'A field', 'DUPLICATE_OR_EMPTY_FIELD_NAME');
	const type = raw.type;
	if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
		const known = UNIMPLEMENTED_TYPES.includes(type as string);
		throw unprocessable(
			'UNSUPPORTED_FIELD_TYPE_FOR_CREATE',
			`Field "${name}": type ${describeValue(type)} ${known ? 'is not implemented by the local Airtable store' : 'is not a field type'}. Supported: ${FIELD_TYPES.join(', ')}.`,
		);
	}
	const fieldType = type as StoreFieldType;
	if (context.primary && !PRIMARY_TYPES.has(fieldType)) {
		throw unprocessable(
			'INVALID_FIELD_TYPE_FOR_PRIMARY',
			`Field "${name}" cannot be the primary (first) field: type ${fieldType} cannot be primary. Put a text field first.`,
		);
	}
	const description = checkDescription(raw.description, `Field "${name}"`);
	const options = parseOptions(name, fieldType, raw.options, context.linkTargetExists);
	return options === undefined ? { name, type: fieldType, description } : { name, type: fieldType, description, options };
}

function optionsError(name: string, type: string, problem: string): AirtableHttpError {
	return unprocessable('INVALID_FIELD_TYPE_OPTIONS_FOR_CREATE', `Invalid options for field "${name}" (${type}): ${problem}`);
}

function parseOptions(name: string, type: StoreFieldType, raw: unknown, linkTargetExists: (id: string) => boolean): FieldOptions | undefined {
	const fail = (problem: string) => optionsError(name, type, problem);
	if (TEXT_TYPES.has(type)) {
		if (raw === undefined || raw === null || (isPlainObject(raw) && Object.keys(raw).length === 0)) return undefined;
		throw fail(`${type} fields take no options; remove "options".`);
	}
	if (!isPlainObject(raw)) throw fail(`"options" is required, got ${describeValue(raw)}.`);
	const allowOnly = (...keys: string[]) => {
		const extra = Object.keys(raw).filter((k) => !keys.includes(k));
		if (extra.length > 0) throw fail(`unknown option ${extra.map((k) => `"${k}"`).join(', ')}; allowed: ${keys.join(', ')}.`);
	};

	switch (type) {
		case 'number':
		case 'percent': {
			allowOnly('precision');
			const precision = raw.precision;
			if (!Number.isInteger(precision) || (precision as number) < 0 || (precision as number) > 8) {
				throw fail(`"precision" must be a whole number from 0 to 8, got ${describeValue(precision)}.`);
			}
			return { precision: precision as number };
		}
		case 'checkbox': {
			allowOnly('icon', 'color');
			if (!CHECKBOX_ICONS.includes(raw.icon as string)) throw fail(`"icon" must be one of ${CHECKBOX_ICONS.join(', ')}, got ${describeValue(raw.icon)}.`);
			if (!CHECKBOX_COLORS.includes(raw.color as string)) throw fail(`"color" must be one of ${CHECKBOX_COLORS.join(', ')}, got ${describeValue(raw.color)}.`);
			return { color: raw.color as string, icon: raw.icon as string };
		}
		case 'singleSelect':
		case 'multipleSelects':
			allowOnly('choices');
			return { choices: parseChoices(raw.choices, fail) };
		case 'date':
			allowOnly('dateFormat');
			return { dateFormat: parseFormat(raw.dateFormat, DATE_FORMATS, 'dateFormat', fail) };
		case 'dateTime': {
			allowOnly('dateFormat', 'timeFormat', 'timeZone');
			const dateFormat = parseFormat(raw.dateFormat, DATE_FORMATS, 'dateFormat', fail);
			const timeFormat = parseFormat(raw.timeFormat, TIME_FORMATS, 'timeFormat', fail);
			return { dateFormat, timeFormat, timeZone: parseTimeZone(raw.timeZone, fail) };
		}
		case 'multipleRecordLinks': {
			allowOnly('linkedTableId', 'prefersSingleRecordLink', 'viewIdForRecordSelection', 'isReversed', 'inverseLinkFieldId');
			if (typeof raw.linkedTableId !== 'string' || !linkTargetExists(raw.linkedTableId)) {
				throw fail(`"linkedTableId" must be the id (tbl...) of a table in this base, got ${describeValue(raw.linkedTableId)}.`);
			}
			if (raw.prefersSingleRecordLink !== undefined && typeof raw.prefersSingleRecordLink !== 'boolean') {
				throw fail(`"prefersSingleRecordLink" must be true or false, got ${describeValue(raw.prefersSingleRecordLink)}.`);
			}
			return { isReversed: false, linkedTableId: raw.linkedTableId, prefersSingleRecordLink: raw.prefersSingleRecordLink === true };
		}
		default:
			throw fail('unexpected type.');
	}
}

function parseChoices(raw: unknown, fail: (problem: string) => AirtableHttpError): SelectChoice[] {
	if (!Array.isArray(raw)) throw fail(`"choices" must be a list of {name, color?}, got ${describeValue(raw)}.`);
	const seen = new Set<string>();
	return raw.map((choice, index) => {
		if (!isPlainObject(choice) || typeof choice.name !== 'string' || choice.name.trim() === '') {
			throw fail(`choice ${index + 1} needs a non-empty "name", got ${describeValue(choice)}.`);
		}
		const name = choice.name.trim();
		if (seen.has(name)) throw fail(`choice "${name}" is listed twice.`);
		seen.add(name);
		if (choice.color !== undefined && !CHOICE_COLORS.includes(choice.color as string)) {
			throw fail(`choice "${name}" has an unknown color ${describeValue(choice.color)}; use e.g. blueLight2, greenBright, redDark1.`);
		}
		return { id: newId('sel'), name, color: (choice.color as string | undefined) ?? nextChoiceColor(index) };
	});
}

function parseFormat(raw: unknown, formats: Record<string, string>, key: string, fail: (problem: string) => AirtableHttpError): NamedFormat {
	const names = Object.keys(formats);
	if (!isPlainObject(raw) || typeof raw.name !== 'string' || !(raw.name in formats)) {
		throw fail(`"${key}" must be {name} with name one of ${names.join(', ')}, got ${describeValue(raw)}.`);
	}
	const format = formats[raw.name];
	if (raw.format !== undefined && raw.format !== format) {
		throw fail(`"${key}.format" must be "${format}" for name "${raw.name}" (or left out), got ${describeValue(raw.format)}.`);
	}
	return { format, name: raw.name };
}

function parseTimeZone(raw: unknown, fail: (problem: string) => AirtableHttpError): string {
	if (raw === 'utc' || raw === 'client') return raw;
	if (typeof raw === 'string') {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: raw });
			return raw;
		} catch {
			// Falls through to the error below.
		}
	}
	throw fail(`"timeZone" must be "utc", "client" or an IANA zone such as "America/Sao_Paulo", got ${describeValue(raw)}.`);
}
