import twilio from 'twilio';

/**
 * Verifying a Twilio webhook exactly as Twilio signed it. Twilio signs the URL it called (scheme,
 * host, port as configured, path and query string) followed by every POSTed form parameter, sorted
 * by name, each value of a repeated parameter included; JSON-bodied webhooks instead carry
 * `bodySHA256` (the hex SHA-256 of the raw body) in the signed URL. The twilio library's own
 * validators do the computing; this module only rebuilds their inputs from the request.
 * Source: https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */

/** Form parameters as Twilio posted them: a repeated key keeps all its values, in order. */
export type TwilioParams = Record<string, string | string[]>;

/** What is needed to check one request. */
export interface TwilioRequestToVerify {
	/** The public URL Twilio called, query string included (see {@link publicRequestUrl}). */
	url: string;
	/** The X-Twilio-Signature header, if any. */
	signature: string | undefined;
	/** The parsed form body; null when the body is not a form (JSON, text, none). */
	params: TwilioParams | null;
	/** The raw body as received, for the `bodySHA256` check of JSON webhooks. */
	rawBody: string | undefined;
}

/**
 * The public URL of this request: the node's public webhook URL (n8n builds it from WEBHOOK_URL,
 * so a proxy in front of n8n does not change it) plus this request's query string exactly as
 * received, undecoded, and its trailing slash if it had one.
 * `publicRequestUrl('https://x.com/webhook/wa', '/webhook/wa?src=campanha')` is `https://x.com/webhook/wa?src=campanha`.
 * @param webhookUrl the node's public webhook URL, without a query string
 * @param requestTarget the request target as received (Express's `originalUrl`: path and query)
 */
export function publicRequestUrl(webhookUrl: string, requestTarget: string | undefined): string {
	let base = webhookUrl.split('?')[0];
	const target = requestTarget ?? '';
	const queryStart = target.indexOf('?');
	const path = queryStart === -1 ? target : target.slice(0, queryStart);
	// n8n routes ".../inbound/" to the same webhook as ".../inbound"; Twilio signed the one it called.
	if (path.endsWith('/') && !base.endsWith('/')) base += '/';
	return queryStart === -1 ? base : base + target.slice(queryStart);
}

/** Whether the URL carries Twilio's `bodySHA256`, i.e. the body is signed by its hash rather than as form fields. */
export function hasBodyHash(url: string): boolean {
	try {
		return new URL(url).searchParams.has('bodySHA256');
	} catch {
		return false;
	}
}

/**
 * A parsed form body as Twilio's validator wants it: strings stay strings, a repeated key's values
 * stay an array (never collapsed to "a,b"), anything else becomes its string form.
 */
export function formParams(body: unknown): TwilioParams {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
	const params: TwilioParams = {};
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		// Array.from, not map: twilio checks `instanceof Array`, which an array made in another realm (a vm, a test runner) fails.
		if (Array.isArray(value)) params[key] = Array.from(value as unknown[], (v) => (v === null || v === undefined ? '' : String(v)));
		else params[key] = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return params;
}

/**
 * Whether a webhook really comes from Twilio, unchanged. With `bodySHA256` in the URL, the URL's
 * signature and the body's hash are both checked (`twilio.validateRequestWithBody`); otherwise the
 * body must be a form and the URL plus every form value are checked (`twilio.validateRequest`,
 * which also accepts the URL with or without its default port, as Twilio may sign either).
 * A body that is neither signed as a form nor by hash is refused: nothing in it would be verified.
 * Never throws; a missing signature, token or URL is `false`.
 */
export function verifyTwilioRequest(authToken: string, request: TwilioRequestToVerify): boolean {
	const { url, signature, params, rawBody } = request;
	if (!signature || !authToken || !url) return false;
	try {
		if (hasBodyHash(url)) return rawBody !== undefined && twilio.validateRequestWithBody(authToken, signature, url, rawBody);
		return params !== null && twilio.validateRequest(authToken, signature, url, params);
	} catch {
		// A URL the validator cannot parse was not signed by Twilio.
		return false;
	}
}

/**
 * Whether form parameters carry a valid X-Twilio-Signature for `url` (port and query included).
 * A shorthand of {@link verifyTwilioRequest} for form-encoded webhooks.
 */
export function verifyTwilioSignature(authToken: string, signature: string | undefined, url: string, params: TwilioParams): boolean {
	return verifyTwilioRequest(authToken, { url, signature, params, rawBody: undefined });
}
