import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Request and response pieces every stand-in needs alike. Each stand-in turns the failures below
 * into its own service's error shape (Airtable's 413 REQUEST_TOO_LARGE, Twilio's 70002, OpenAI's
 * invalid_request_error...).
 */

/** Thrown by readBody() when the body is larger than the stand-in accepts. */
export class BodyTooLargeError extends Error {
	constructor(readonly limitBytes: number) {
		super(`The request body is larger than the ${limitBytes} bytes this stand-in accepts.`);
		this.name = 'BodyTooLargeError';
	}
}

/**
 * The whole body as UTF-8 text.
 * @throws BodyTooLargeError as soon as more than `limitBytes` bytes have arrived (the rest is not read).
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
	return (await readBodyBytes(req, limitBytes)).toString('utf8');
}

/**
 * The whole body as bytes (file uploads).
 * @throws BodyTooLargeError as soon as more than `limitBytes` bytes have arrived (the rest is not read).
 */
export async function readBodyBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

export type JsonText = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses a JSON body; blank text is `undefined` (GET requests and empty POSTs have no body). */
export function parseJsonText(text: string): JsonText {
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}

/** Headers a stand-in adds or removes (undefined removes a default). */
export type ReplyHeaders = Record<string, string | undefined>;

const JSON_HEADERS: ReplyHeaders = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/**
 * Sends `body` as JSON (or nothing, for `undefined`, as a 204 wants), with a content-length.
 * Does nothing when the response has already started or the client has gone.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: ReplyHeaders = {}): void {
	if (res.headersSent || res.destroyed) return;
	const text = body === undefined ? undefined : JSON.stringify(body);
	const all: Record<string, string | number> = {};
	const merged = text === undefined ? headers : { ...JSON_HEADERS, ...headers };
	for (const [name, value] of Object.entries(merged)) if (value !== undefined) all[name] = value;
	if (text !== undefined) all['content-length'] = Buffer.byteLength(text);
	res.writeHead(status, all);
	res.end(text);
}

/** The decoded, non-empty path segments ("/v0/app1/Table%201/" → ["v0", "app1", "Table 1"]), or undefined for a malformed escape. */
export function pathParts(pathname: string): string[] | undefined {
	try {
		return pathname.split('/').filter(Boolean).map(decodeURIComponent);
	} catch {
		return undefined;
	}
}

/** A request header's first value. */
export function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** The token of "Authorization: Bearer <token>", if that is what the header holds. */
export function bearerToken(authorization: string | undefined): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	return match ? match[1] : undefined;
}

export interface BasicCredentials {
	username: string;
	password: string;
}

/** The user and password of "Authorization: Basic <base64>", if that is what the header holds. */
export function basicCredentials(authorization: string | undefined): BasicCredentials | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function secretEquals(given: string | undefined, expected: string): boolean {
	return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}
