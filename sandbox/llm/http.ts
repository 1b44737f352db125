import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { secretEquals } from '../stand-in-http';

/** JSON in and out, key checks and ids, shared by the OpenAI and Anthropic stand-ins. */

const MAX_BODY_BYTES = 4 * 1024 * 1024;

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

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store',
		...headers,
	});
	res.end(text);
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; problem: 'too_large' | 'not_json'; message: string };

export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) return { ok: false, problem: 'too_large', message: `The request body is larger than the stand-in's ${MAX_BODY_BYTES} bytes.` };
		chunks.push(chunk as Buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	// GET requests (the credential test's model list) have no body.
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, problem: 'not_json', message: (error as Error).message };
	}
}

/** Constant-time comparison of a presented key with the configured one. */
export function keyMatches(presented: string | undefined, key: string): boolean {
	return presented !== undefined && secretEquals(presented, key);
}

/** The token of "Authorization: Bearer <token>", if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match ? match[1] : undefined;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits, for ids shaped like the services' (chatcmpl-…, msg_01…, toolu_01…). */
export function randomId(length: number): string {
	const bytes = randomBytes(length);
	let id = '';
	for (const byte of bytes) id += BASE62[byte % BASE62.length];
	return id;
}

export function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}
