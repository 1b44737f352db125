import type { IncomingMessage } from 'node:http';

import { BodyTooLargeError, parseJsonText, readBody as readText, readBodyBytes, type ReplyHeaders } from '../stand-in/http';
import { malformed, TwilioHttpError } from './errors';
import { newSid } from './ids';

/** Twilio's request bodies and reply headers (the rest is the stand-in kernel's). */

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Headers on every reply: Twilio tags each answer with a request id (some clients log it) and sends no cache-control. */
export function replyHeaders(): ReplyHeaders {
	return { 'twilio-request-id': newSid('RQ'), 'cache-control': undefined };
}

/** Extra headers of an error reply: a 401 asks for Basic credentials. */
export function errorHeaders(status: number): ReplyHeaders | undefined {
	return status === 401 ? { 'www-authenticate': 'Basic realm="Twilio API"' } : undefined;
}

/** The body as text; too large is Twilio's 413 with code 70002. */
export async function readBody(req: IncomingMessage): Promise<string> {
	try {
		return await readText(req, MAX_BODY_BYTES);
	} catch (error) {
		if (error instanceof BodyTooLargeError) {
			throw new TwilioHttpError(413, 70002, `Request body is too large: the stand-in accepts up to ${MAX_BODY_BYTES} bytes.`);
		}
		throw error;
	}
}

/** An uploaded file's bytes; larger than `limitBytes` is Twilio's 413 with code 70002. */
export async function readBytes(req: IncomingMessage, limitBytes: number): Promise<Uint8Array> {
	try {
		return await readBodyBytes(req, limitBytes);
	} catch (error) {
		if (error instanceof BodyTooLargeError) throw new TwilioHttpError(413, 70002, `The media is too large: the stand-in keeps up to ${limitBytes} bytes, WhatsApp's limit.`);
		throw error;
	}
}

/** The Content API takes JSON bodies; a bad one is Twilio's 400 "Bad request". */
export function parseJson(text: string): unknown {
	const json = parseJsonText(text);
	if (!json.ok) throw malformed(`Bad request: the body is not valid JSON (${json.message}).`);
	return json.value;
}
