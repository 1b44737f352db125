import { randomBytes, randomUUID } from 'node:crypto';

import twilio from 'twilio';


/**
 * Playing Twilio towards a webhook: build the fields Twilio posts for an incoming WhatsApp message,
 * sign them as Twilio signs (X-Twilio-Signature over the URL and every form value, or over the URL
 * with `bodySHA256` for a JSON body), and post them. The inverse of core/whatsapp/inbound.ts and
 * nodes/shared/twilio-signature.ts, used by the portal's simulator, the bench, the stand-in's status
 * callbacks and the tests. Laid out like twilio-node's webhooks module: primitives, then builders,
 * then the poster. The signatures themselves are computed by the twilio library.
 * Source: https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */

/** Form fields: a repeated key carries all its values. (Same shape as the trigger's TwilioParams.) */
export type TwilioParams = Record<string, string | string[]>;

// ── Primitives ────────────────────────────────────────────────────────────────────────────────

/**
 * The X-Twilio-Signature for a POST of form `params` to `url`: base64 HMAC-SHA1, keyed by the auth
 * token, of the URL followed by each parameter name and value sorted by name (each value of a
 * repeated name, sorted).
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
	return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** The hex SHA-256 of a raw body, as Twilio puts it in `bodySHA256` for JSON webhooks. */
export function bodySha256(rawBody: string): string {
	return twilio.getExpectedBodyHash(rawBody);
}

/** `url` with one more query parameter, keeping the query already there untouched. */
export function withQueryParameter(url: string, name: string, value: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

/** Form-encodes params as Twilio does: a repeated key is sent once per value. */
export function encodeForm(params: TwilioParams): string {
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
	}
	return form.toString();
}

/** A new MessageSid ("SM" and 32 hex digits), as Twilio gives each incoming message. */
export function newMessageSid(): string {
	return `SM${randomBytes(16).toString('hex')}`;
}

/**
 * The n-th MessageSid of a numbered series ("SM", one hex digit naming the series, then n in hex
 * zero-padded to 31 digits), for tests and the bench that need to know their SIDs in advance. Padding
 * with a digit that can occur in n itself would make two numbers collide (0xa1 and 0x1 padded with "a").
 * @throws RangeError when n is not a whole number ≥ 0 or `series` is not one hex digit
 */
export function sequentialMessageSid(n: number, series = '0'): string {
	if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`The MessageSid number must be a whole number ≥ 0; got ${n}.`);
	if (!/^[0-9a-f]$/.test(series)) throw new RangeError(`The MessageSid series must be one hex digit; got "${series}".`);
	return `SM${series}${n.toString(16).padStart(31, '0')}`;
}

// ── Builders ──────────────────────────────────────────────────────────────────────────────────

/** An incoming WhatsApp message as a test, the simulator or the bench describes it. */
export interface InboundMessageInput {
	accountSid: string;
	/** The user's number, "+5511987654321" or "whatsapp:+5511987654321". */
	from: string;
	/** Our WhatsApp sender, "whatsapp:+14155238886". */
	to: string;
	body: string;
	/** Default: a new random MessageSid. */
	messageSid?: string;
	/** The WhatsApp profile name; left out when absent, as Twilio does. */
	profileName?: string;
	/** WhatsApp's own id for the user; default: the number's digits, as WhatsApp reports it. */
	waId?: string;
	media?: Array<{ url: string; contentType: string }>;
	/** A tapped quick-reply button. */
	button?: { payload: string; text: string };
	/** Any further fields, e.g. a second value of a repeated key. */
	extra?: TwilioParams;
}

/**
 * The form fields Twilio posts for an incoming WhatsApp message (the fields core/whatsapp/inbound.ts reads).
 * Source: https://www.twilio.com/docs/messaging/guides/webhook-request
 */
export function inboundMessageParams(input: InboundMessageInput): TwilioParams {
	const from = input.from.startsWith('whatsapp:') ? input.from : `whatsapp:${input.from}`;
	const sid = input.messageSid ?? newMessageSid();
	const media = input.media ?? [];
	const params: TwilioParams = {
		MessageSid: sid,
		SmsMessageSid: sid,
		SmsSid: sid,
		AccountSid: input.accountSid,
		From: from,
		To: input.to,
		Body: input.body,
		NumMedia: String(media.length),
		NumSegments: '1',
		WaId: input.waId ?? from.replace(/\D/g, ''),
		SmsStatus: 'received',
		MessageType: input.button ? 'button' : media.length > 0 ? (media[0].contentType.split('/')[0] ?? 'document') : 'text',
		ApiVersion: '2010-04-01',
	};
	if (input.profileName) params.ProfileName = input.profileName;
	media.forEach((item, i) => {
		params[`MediaUrl${i}`] = item.url;
		params[`MediaContentType${i}`] = item.contentType;
	});
	if (input.button) {
		params.ButtonPayload = input.button.payload;
		params.ButtonText = input.button.text;
	}
	return { ...params, ...input.extra };
}

/** A webhook request ready to post: the URL as signed, its headers and its body. */
export interface SignedWebhook {
	url: string;
	headers: Record<string, string>;
	body: string;
}

const TWILIO_HEADERS = { 'user-agent': 'TwilioProxy/1.1' };

/** A form-encoded webhook of `params` to `url` (query string included, signed as given). */
export function signFormWebhook(authToken: string, url: string, params: TwilioParams): SignedWebhook {
	return {
		url,
		headers: {
			...TWILIO_HEADERS,
			'content-type': 'application/x-www-form-urlencoded',
			'x-twilio-signature': twilioSignature(authToken, url, params),
			'i-twilio-idempotency-token': randomUUID(),
		},
		body: encodeForm(params),
	};
}

/**
 * A JSON webhook as Twilio sends one: `bodySHA256` (the body's hash) is added to the URL, and the
 * signature covers that URL alone.
 * @param json the body; a string is sent byte for byte, anything else as JSON.stringify gives it
 */
export function signJsonWebhook(authToken: string, url: string, json: unknown): SignedWebhook {
	const body = typeof json === 'string' ? json : JSON.stringify(json);
	const signedUrl = withQueryParameter(url, 'bodySHA256', bodySha256(body));
	return {
		url: signedUrl,
		headers: {
			...TWILIO_HEADERS,
			'content-type': 'application/json',
			'x-twilio-signature': twilioSignature(authToken, signedUrl, {}),
			'i-twilio-idempotency-token': randomUUID(),
		},
		body,
	};
}

// ── Poster ────────────────────────────────────────────────────────────────────────────────────

/**
 * Posts a signed webhook and returns the receiver's response (its body unread).
 * @param options.timeoutMs default 15 000
 * @throws the fetch error when the receiver cannot be reached or the timeout passes
 */
export async function postWebhook(webhook: SignedWebhook, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Response> {
	const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
	return fetch(webhook.url, {
		method: 'POST',
		headers: webhook.headers,
		body: webhook.body,
		signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
	});
}

/**
 * Builds, signs and posts one incoming WhatsApp message to `url`, as Twilio would.
 * @returns the receiver's response and the fields that were posted
 */
export async function postInboundMessage(
	authToken: string,
	url: string,
	input: InboundMessageInput,
	options?: { signal?: AbortSignal; timeoutMs?: number },
): Promise<{ response: Response; params: TwilioParams }> {
	const params = inboundMessageParams(input);
	return { response: await postWebhook(signFormWebhook(authToken, url, params), options), params };
}

// ── Media ─────────────────────────────────────────────────────────────────────────────────────

/** Where the Twilio stand-in runs and the account it serves (what twilioClientFor takes). */
export interface TwilioStandInAddress {
	url: string;
	accountSid: string;
	authToken: string;
}

/**
 * Stores a file in the Twilio stand-in as the media of an incoming message (POST /standin/v1/InboundMedia),
 * as Twilio stores a user's voice note or photo before it posts the webhook.
 * @returns the `url` for MediaUrl<i> (https://api.twilio.com/…/Media/ME…, which BestStag downloads
 *   through its credential's base URL) and the media's `contentType`
 * @throws Error with the stand-in's answer when it refuses the upload
 */
export async function uploadInboundMedia(
	standIn: TwilioStandInAddress,
	file: { data: Uint8Array; contentType: string },
	messageSid: string,
): Promise<{ url: string; contentType: string }> {
	const response = await fetch(`${standIn.url}/standin/v1/InboundMedia?MessageSid=${encodeURIComponent(messageSid)}`, {
		method: 'POST',
		headers: { authorization: `Basic ${Buffer.from(`${standIn.accountSid}:${standIn.authToken}`).toString('base64')}`, 'content-type': file.contentType },
		body: file.data,
	});
	const body = (await response.json()) as { url?: string; message?: string };
	if (response.status !== 201 || !body.url) throw new Error(`The Twilio stand-in refused the media (HTTP ${response.status}): ${body.message ?? JSON.stringify(body)}`);
	return { url: body.url, contentType: file.contentType };
}

/**
 * An incoming message with media, as Twilio delivers one: the file is stored in the stand-in first,
 * then the signed webhook carries its MediaUrl0 / MediaContentType0 (and an empty Body, as a voice note has).
 * For a voice note, `file` comes from sandbox/media/voice-note-file.ts (oggOpusVoiceNote: audio/ogg).
 * @returns the receiver's response and the fields that were posted
 */
export async function postInboundMedia(
	standIn: TwilioStandInAddress,
	webhookUrl: string,
	input: Omit<InboundMessageInput, 'accountSid' | 'media' | 'body'> & { body?: string; file: { data: Uint8Array; contentType: string } },
	options?: { signal?: AbortSignal; timeoutMs?: number },
): Promise<{ response: Response; params: TwilioParams }> {
	const messageSid = input.messageSid ?? `MM${randomBytes(16).toString('hex')}`;
	const media = await uploadInboundMedia(standIn, input.file, messageSid);
	return postInboundMessage(standIn.authToken, webhookUrl, { ...input, accountSid: standIn.accountSid, messageSid, body: input.body ?? '', media: [media] }, options);
}
