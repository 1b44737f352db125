import type { IncomingMessage, ServerResponse } from 'node:http';

import { malformed, TwilioHttpError } from './errors';
import { newSid } from './ids';

/** Bodies in (form or JSON), JSON out, and HTTP Basic credentials. */

const MAX_BODY_BYTES = 2 * 1024 * 1024;

function send(res: ServerResponse, status: number, text: string | undefined): void {
	res.writeHead(status, {
		...(text === undefined ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }),
		// Twilio tags every answer with a request id; some clients log it.
		'twilio-request-id': newSid('RQ'),
		...(status === 401 ? { 'www-authenticate': 'Basic realm="Twilio API"' } : {}),
	});
	res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	send(res, status, JSON.stringify(body));
}

/** 204 No Content, Twilio's answer to a DELETE. */
export function sendNoContent(res: ServerResponse): void {
	send(res, 204, undefined);
}

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) {
			throw new TwilioHttpError(413, 70002, `Request body is too large: the stand-in accepts up to ${MAX_BODY_BYTES} bytes.`);
		}
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The Content API takes JSON bodies; a bad one is Twilio's 400 "Bad request". */
export function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw malformed(`Bad request: the body is not valid JSON (${(error as Error).message}).`);
	}
}

export interface BasicCredentials {
	username: string;
	password: string;
}

export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export { secretEquals } from '../stand-in-http';
