import { randomInt } from 'node:crypto';

/**
 * Airtable-shaped ids: a three-letter prefix and 14 characters from [A-Za-z0-9], e.g. recAbC123...
 * Clients (and the formula escaping helpers) only rely on that shape, so random ids are enough.
 */
export type IdPrefix = 'app' | 'tbl' | 'fld' | 'rec' | 'viw' | 'sel' | 'itr' | 'usr' | 'ach';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 14;

export function newId(prefix: IdPrefix): string {
	let id: string = prefix;
	for (let i = 0; i < ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
	return id;
}

const PATTERNS = new Map<IdPrefix, RegExp>();

export function isId(prefix: IdPrefix, value: unknown): value is string {
	let pattern = PATTERNS.get(prefix);
	if (!pattern) {
		pattern = new RegExp(`^${prefix}[A-Za-z0-9]{${ID_LENGTH}}$`);
		PATTERNS.set(prefix, pattern);
	}
	return typeof value === 'string' && pattern.test(value);
}
