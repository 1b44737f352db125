import type { IncomingMessage, ServerResponse } from 'node:http';

import { secretEquals } from '../stand-in-http';
import { AirtableHttpError, invalidRequest } from './errors';

/** JSON in and out, and the bearer-token check. */

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store',
	});
	res.end(text);
}

/** The parsed JSON body, or undefined when there is none. Bad JSON is Airtable's 422 INVALID_REQUEST_UNKNOWN. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) {
			throw new AirtableHttpError(413, 'REQUEST_TOO_LARGE', `Request body is too large: the store accepts up to ${MAX_BODY_BYTES} bytes.`);
		}
		chunks.push(chunk as Buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw invalidRequest(`Invalid request: the body is not valid JSON (${(error as Error).message}).`);
	}
}

/** Whether the Authorization header carries exactly `Bearer <token>`; compared in constant time. */
export function hasBearerToken(header: string | undefined, token: string): boolean {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match !== null && secretEquals(match[1], token);
}
