import type { IncomingMessage } from 'node:http';

import { bearerToken, BodyTooLargeError, parseJsonText, readBody, secretEquals } from '../stand-in/http';
import { AirtableHttpError, invalidRequest } from './errors';

/** The store's JSON bodies and bearer-token check, in Airtable's error shapes (the rest is the stand-in kernel's). */

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The parsed JSON body, or undefined when there is none. Bad JSON is Airtable's 422 INVALID_REQUEST_UNKNOWN. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
	let text: string;
	try {
		text = await readBody(req, MAX_BODY_BYTES);
	} catch (error) {
		if (error instanceof BodyTooLargeError) {
			throw new AirtableHttpError(413, 'REQUEST_TOO_LARGE', `Request body is too large: the store accepts up to ${MAX_BODY_BYTES} bytes.`);
		}
		throw error;
	}
	const json = parseJsonText(text);
	if (!json.ok) throw invalidRequest(`Invalid request: the body is not valid JSON (${json.message}).`);
	return json.value;
}

/** Whether the Authorization header carries exactly `Bearer <token>`; compared in constant time. */
export function hasBearerToken(header: string | undefined, token: string): boolean {
	return secretEquals(bearerToken(header), token);
}

// Airtable's JSON replies are the kernel's defaults (utf-8 JSON, no-store).
export { sendJson } from '../stand-in/http';
