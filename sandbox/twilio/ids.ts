import { randomBytes } from 'node:crypto';

/**
 * Twilio SIDs: a two-letter prefix and 32 lowercase hex digits, e.g. SM0123...; clients only rely
 * on that shape, so random SIDs are enough.
 */
export type SidPrefix = 'AC' | 'SK' | 'SM' | 'MM' | 'ME' | 'MG' | 'HX' | 'RQ';

export function newSid(prefix: SidPrefix): string {
	return prefix + randomBytes(16).toString('hex');
}

export function isSid(prefix: SidPrefix, value: unknown): value is string {
	return typeof value === 'string' && value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
