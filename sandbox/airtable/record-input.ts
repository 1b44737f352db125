import { AIRTABLE_MAX_RECORDS_PER_REQUEST } from '../../core/limits/airtable';
import { describeValue, invalidRecords, invalidRequest } from './errors';

/**
 * Checking write request bodies as Airtable does: known keys only, `records` holding 1 to 10
 * records (https://airtable.com/developers/web/api/create-records), each with its `fields`.
 * Every check throws the AirtableHttpError Airtable would answer with.
 */

export type Json = Record<string, unknown>;

export interface WriteOptions {
	typecast: boolean;
	byFieldId: boolean;
}

export function isPlainObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as an object with only the allowed keys; 422 INVALID_REQUEST_UNKNOWN otherwise. */
export function requireBody(body: unknown, allowed: string[]): Json {
	if (!isPlainObject(body)) throw invalidRequest(`The request body must be a JSON object, got ${describeValue(body)}.`);
	for (const key of Object.keys(body)) {
		if (!allowed.includes(key)) throw invalidRequest(`Unknown key "${key}" in the request body; allowed: ${allowed.join(', ')}.`);
	}
	return body;
}

function optionalBoolean(body: Json, key: string): boolean {
	const value = body[key];
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') throw invalidRequest(`"${key}" must be true or false, got ${describeValue(value)}.`);
	return value;
}

/** `typecast` and `returnFieldsByFieldId`, false when left out. */
export function writeOptions(body: Json): WriteOptions {
	return { typecast: optionalBoolean(body, 'typecast'), byFieldId: optionalBoolean(body, 'returnFieldsByFieldId') };
}

/** The `records` list: 1 to 10 items; 422 INVALID_RECORDS otherwise. */
export function recordList(value: unknown, verb: string): unknown[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw invalidRecords(`"records" must be a non-empty list of records to ${verb}, got ${describeValue(value)}.`);
	}
	if (value.length > AIRTABLE_MAX_RECORDS_PER_REQUEST) {
		throw invalidRecords(
			`You can ${verb} at most ${AIRTABLE_MAX_RECORDS_PER_REQUEST} records in one request, got ${value.length}. Send them in batches of ${AIRTABLE_MAX_RECORDS_PER_REQUEST}.`,
		);
	}
	return value;
}

/** One record of a batch: an object with allowed keys and a `fields` object; 422 INVALID_RECORDS otherwise. */
export function recordItem(value: unknown, index: number, allowed: string[]): Json {
	if (!isPlainObject(value)) throw invalidRecords(`Record ${index + 1} must be an object like {"fields": {...}}, got ${describeValue(value)}.`);
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key)) throw invalidRecords(`Record ${index + 1} has an unknown key "${key}"; allowed: ${allowed.join(', ')}.`);
	}
	if (!isPlainObject(value.fields)) {
		throw invalidRecords(`Record ${index + 1} needs "fields": an object of field name (or id) to value, got ${describeValue(value.fields)}.`);
	}
	return value;
}
