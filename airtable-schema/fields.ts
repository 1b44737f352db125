import type { FieldSpec } from './types';

/** Small constructors so each table reads as a list of names and meanings. */
export const text = (name: string, description: string): FieldSpec => ({ name, type: 'singleLineText', description });
export const longText = (name: string, description: string): FieldSpec => ({ name, type: 'multilineText', description });
export const email = (name: string, description: string): FieldSpec => ({ name, type: 'email', description });
export const phone = (name: string, description: string): FieldSpec => ({ name, type: 'phoneNumber', description });
export const url = (name: string, description: string): FieldSpec => ({ name, type: 'url', description });
export const integer = (name: string, description: string): FieldSpec => ({ name, type: 'number', description, options: { precision: 0 } });
export const decimal = (name: string, description: string, precision = 2): FieldSpec => ({
	name,
	type: 'number',
	description,
	options: { precision },
});
export const checkbox = (name: string, description: string): FieldSpec => ({
	name,
	type: 'checkbox',
	description,
	options: { icon: 'check', color: 'greenBright' },
});
export const select = (name: string, description: string, choices: readonly string[]): FieldSpec => ({
	name,
	type: 'singleSelect',
	description,
	options: { choices: choices.map((choice) => ({ name: choice })) },
});
export const multiSelect = (name: string, description: string, choices: readonly string[]): FieldSpec => ({
	name,
	type: 'multipleSelects',
	description,
	options: { choices: choices.map((choice) => ({ name: choice })) },
});
export const date = (name: string, description: string): FieldSpec => ({ name, type: 'date', description, options: { dateFormat: { name: 'iso' } } });
/** Instants are stored in UTC; each user's timezone lives on the Users table. */
export const instant = (name: string, description: string): FieldSpec => ({
	name,
	type: 'dateTime',
	description,
	options: { dateFormat: { name: 'iso' }, timeFormat: { name: '24hour' }, timeZone: 'utc' },
});
export const link = (name: string, description: string, linkedTable: string): FieldSpec => ({
	name,
	type: 'multipleRecordLinks',
	description,
	options: { linkedTable },
});
