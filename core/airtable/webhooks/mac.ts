import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Airtable's webhook ping signature. Airtable POSTs each notification with the header
 * `X-Airtable-Content-MAC: hmac-sha256=<hex>`, an HMAC-SHA256 of the raw request body keyed with
 * the webhook's secret, which create-a-webhook returned once as `macSecretBase64` (decode it from
 * base64 first: the key is the bytes, not the base64 text).
 * Source: https://airtable.com/developers/web/api/webhooks-overview (webhook notification delivery)
 * and https://airtable.com/developers/web/api/create-a-webhook (macSecretBase64).
 */

export const CONTENT_MAC_HEADER = 'x-airtable-content-mac';
const PREFIX = 'hmac-sha256=';

/** The header value Airtable sends for `rawBody`: "hmac-sha256=" + 64 lowercase hex digits. */
export function contentMac(macSecretBase64: string, rawBody: string | Uint8Array): string {
	const key = Buffer.from(macSecretBase64, 'base64');
	if (key.length === 0) throw new Error('The webhook MAC secret is empty: pass the macSecretBase64 that create-a-webhook returned.');
	return PREFIX + createHmac('sha256', key).update(rawBody).digest('hex');
}

/**
 * Whether `header` is the right X-Airtable-Content-MAC for exactly these body bytes. Compared in
 * constant time; a missing, malformed or differently-keyed header is false, never an exception.
 */
export function verifyContentMac(macSecretBase64: string, rawBody: string | Uint8Array, header: string | undefined | null): boolean {
	if (typeof header !== 'string' || !header.toLowerCase().startsWith(PREFIX)) return false;
	const given = header.slice(PREFIX.length).trim().toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(given)) return false;
	let expected: string;
	try {
		expected = contentMac(macSecretBase64, rawBody).slice(PREFIX.length);
	} catch {
		return false;
	}
	return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}
