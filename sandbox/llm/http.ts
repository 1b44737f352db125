import { randomBytes } from 'node:crypto';

import { secretEquals } from '../stand-in/http';

/** Error answers, key checks and ids shared by the OpenAI and Anthropic stand-ins (HTTP itself is the stand-in kernel's). */

/** An answer in the service's own error shape; the dialect builds the body. */
export class StandInHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
		this.name = 'StandInHttpError';
	}
}

/** Constant-time comparison of a presented key with the configured one. */
export function keyMatches(presented: string | undefined, key: string): boolean {
	return secretEquals(presented, key);
}

export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits, for ids shaped like the services' (chatcmpl-…, msg_01…, toolu_01…). */
export function randomId(length: number): string {
	const bytes = randomBytes(length);
	let id = '';
	for (const byte of bytes) id += BASE62[byte % BASE62.length];
	return id;
}

export { bearerToken, header } from '../stand-in/http';
