import { AIRTABLE_MAX_TEXT_LENGTH } from '../../limits/airtable';
import { canonicalPhoneKey } from '../../phone/brazil';
import { PhoneNumberError } from '../../phone/e164';
import { truncateGraphemes } from '../../text/graphemes';
import { CrmInputError } from './input-error';

/** Blank inputs are left out of the write, so an upsert never erases what it was not given. */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function optionalText(value: unknown, parameter: string, maxLength = AIRTABLE_MAX_TEXT_LENGTH): string | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') throw new CrmInputError(parameter, `${parameter} must be text, got ${typeof value}.`);
	const text = String(value).trim();
	if (text.length > maxLength) throw new CrmInputError(parameter, `${parameter} has ${text.length} characters; the limit is ${maxLength}.`);
	return text;
}

/**
 * Text the bot takes from what a person wrote (a task title, a reminder, a logged message), cut
 * rather than refused when it is over `maxLength`: the write still happens, with the text shortened on
 * a grapheme boundary and "…" at the end, so no emoji, flag or accent is ever split. Lengths are
 * counted in UTF-16 code units, as Airtable (a JavaScript service) and Twilio count them.
 * @returns undefined for a blank value
 * @throws CrmInputError naming the parameter when the value is not text
 */
export function clippedText(value: unknown, parameter: string, maxLength: number): string | undefined {
	const text = optionalText(value, parameter, Number.MAX_SAFE_INTEGER);
	return text === undefined ? undefined : truncateGraphemes(text, maxLength);
}

/** Like clippedText, for a value that must be there. @throws CrmInputError when it is blank or not text */
export function requiredClippedText(value: unknown, parameter: string, maxLength: number): string {
	const text = clippedText(value, parameter, maxLength);
	if (text === undefined) throw new CrmInputError(parameter, `${parameter} is required.`);
	return text;
}

/**
 * Text checked against `maxLength` UTF-16 code units (Airtable's own count) and refused when longer.
 * @throws CrmInputError naming the parameter when blank, not text or too long
 */
export function requiredText(value: unknown, parameter: string, maxLength?: number): string {
	const text = optionalText(value, parameter, maxLength);
	if (text === undefined) throw new CrmInputError(parameter, `${parameter} is required.`);
	return text;
}

/**
 * A phone as the CRM keys people by: the canonical key (E.164, Brazilian mobiles with their ninth
 * digit; see core/phone/brazil.ts), so "+551184658433" and "+5511984658433" are one user.
 * @throws CrmInputError naming the parameter when the value is not a phone number
 */
export function phone(value: unknown, parameter: string): string {
	const text = requiredText(value, parameter, 64);
	try {
		return canonicalPhoneKey(text);
	} catch (error) {
		if (error instanceof PhoneNumberError) throw new CrmInputError(parameter, `${parameter}: ${error.message}`);
		throw error;
	}
}

export function choice<T extends string>(value: unknown, parameter: string, allowed: readonly T[]): T | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new CrmInputError(parameter, `${parameter} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
}

/** Any ISO 8601 date-time (or Date) → a UTC ISO string, as the base stores instants. */
export function instant(value: unknown, parameter: string): string | undefined {
	if (isBlank(value)) return undefined;
	const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
	if (!date || Number.isNaN(date.getTime())) {
		throw new CrmInputError(parameter, `${parameter} must be a date and time in ISO 8601, e.g. 2026-11-23T09:00:00-03:00; got ${JSON.stringify(value)}.`);
	}
	return date.toISOString();
}

export function number(value: unknown, parameter: string, range?: { min?: number; max?: number }): number | undefined {
	if (isBlank(value)) return undefined;
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n)) throw new CrmInputError(parameter, `${parameter} must be a number; got ${JSON.stringify(value)}.`);
	if ((range?.min !== undefined && n < range.min) || (range?.max !== undefined && n > range.max)) {
		throw new CrmInputError(parameter, `${parameter} must be between ${range?.min ?? '-∞'} and ${range?.max ?? '∞'}; got ${n}.`);
	}
	return n;
}

/** Drops undefined entries so only given values are written. */
export function compact(fields: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** A link to a user by phone: with typecast, Airtable matches the Users primary field (Phone). */
export function userLink(phoneNumber: string): string[] {
	return [phoneNumber];
}
