import { parse as parseForm } from 'node:querystring';

import fc from 'fast-check';

import { parseTwilioWebhook } from '../../../../core/whatsapp/inbound';
import { formParams, hasBodyHash, publicRequestUrl, verifyTwilioRequest } from '../../../../nodes/shared/twilio-signature';
import { encodeForm, inboundMessageParams, signFormWebhook, signJsonWebhook, withQueryParameter } from '../../../../sandbox/twilio/inbound-webhook';

const TOKEN = 'e'.repeat(32);
const ACCOUNT = 'AC' + '5'.repeat(32);
const URL_ = 'https://bot.beststag.example/webhook/whatsapp/inbound';

/** What the trigger does with a received form webhook: n8n's form parsing, then verify, then parse. */
function receiveForm(url: string, signature: string, body: string) {
	const params = formParams(parseForm(body));
	const ok = verifyTwilioRequest(TOKEN, { url, signature, params, rawBody: body });
	return { ok, item: ok ? parseTwilioWebhook(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])), new Date()) : null };
}

describe('the signing module is the inverse of the trigger', () => {
	it('round-trips a message: signed, then verified and parsed back to the same fields', () => {
		const params = inboundMessageParams({ accountSid: ACCOUNT, from: '+5511987654321', to: 'whatsapp:+14155238886', body: "oi, d'Ávila 🇧🇷", profileName: 'Ana', media: [{ url: 'https://example.com/a.jpg', contentType: 'image/jpeg' }] });
		const signed = signFormWebhook(TOKEN, URL_, params);
		const { ok, item } = receiveForm(signed.url, signed.headers['x-twilio-signature'], signed.body);
		expect(ok).toBe(true);
		expect(item).toMatchObject({ kind: 'message', text: "oi, d'Ávila 🇧🇷", from: 'whatsapp:+5511987654321', phone: '+5511987654321', profileName: 'Ana', waId: '5511987654321' });
		expect(item?.kind === 'message' && item.media).toEqual([{ url: 'https://example.com/a.jpg', contentType: 'image/jpeg' }]);
	});

	it('property: any text and query round-trips, and any changed byte of the body is refused', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'grapheme', maxLength: 200 }),
				fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
				fc.nat(),
				fc.integer({ min: 1, max: 255 }),
				(text, tag, position, delta) => {
					const url = tag === undefined ? URL_ : withQueryParameter(URL_, 'src', tag);
					const signed = signFormWebhook(TOKEN, url, inboundMessageParams({ accountSid: ACCOUNT, from: '+5521998765432', to: 'whatsapp:+14155238886', body: text, messageSid: 'SM' + 'a'.repeat(32) }));
					const received = receiveForm(publicRequestUrl(URL_, url.slice(url.indexOf('/webhook'))), signed.headers['x-twilio-signature'], signed.body);
					expect(received.ok).toBe(true);
					expect(received.item?.kind === 'message' && received.item.text).toBe(text);
					// Change one byte of the body as sent.
					const bytes = Buffer.from(signed.body, 'utf8');
					const at = position % bytes.length;
					bytes[at] = (bytes[at] + delta) % 256;
					const changed = bytes.toString('utf8');
					if (changed !== signed.body && encodeForm(formParams(parseForm(changed))) !== signed.body) {
						expect(receiveForm(signed.url, signed.headers['x-twilio-signature'], changed).ok).toBe(false);
					}
				},
			),
			{ numRuns: 300 },
		);
	});

	it('rebuilds the public URL from WEBHOOK_URL and the request target as received', () => {
		expect(publicRequestUrl(URL_, '/webhook/whatsapp/inbound')).toBe(URL_);
		expect(publicRequestUrl(URL_, '/webhook/whatsapp/inbound?src=campanha&x=%27a%27')).toBe(`${URL_}?src=campanha&x=%27a%27`);
		expect(publicRequestUrl(URL_, "/webhook/whatsapp/inbound?q=it's")).toBe(`${URL_}?q=it's`);
		expect(publicRequestUrl(URL_, '/webhook/whatsapp/inbound/')).toBe(`${URL_}/`);
		expect(publicRequestUrl(URL_, '/webhook/whatsapp/inbound/?a=1')).toBe(`${URL_}/?a=1`);
		expect(publicRequestUrl(URL_, '/webhook/whatsapp/inbound?')).toBe(`${URL_}?`);
		expect(publicRequestUrl(URL_, undefined)).toBe(URL_);
	});

	it('signs repeated keys value by value', () => {
		const params = { ...inboundMessageParams({ accountSid: ACCOUNT, from: '+5511987654321', to: 'whatsapp:+14155238886', body: 'oi' }), 'MessagingBinding.Address': ['a', 'b'] };
		const signed = signFormWebhook(TOKEN, URL_, params);
		expect(signed.body).toContain('MessagingBinding.Address=a&MessagingBinding.Address=b');
		expect(receiveForm(URL_, signed.headers['x-twilio-signature'], signed.body).ok).toBe(true);
		expect(receiveForm(URL_, signed.headers['x-twilio-signature'], signed.body.replace('Address=b', 'Address=c')).ok).toBe(false);
	});

	it('signs a JSON body by its hash in the URL; a changed byte is refused', () => {
		const signed = signJsonWebhook(TOKEN, `${URL_}?src=x`, { MessageSid: 'SM' + '1'.repeat(32), Body: 'oi' });
		expect(hasBodyHash(signed.url)).toBe(true);
		expect(signed.url.startsWith(`${URL_}?src=x&bodySHA256=`)).toBe(true);
		const check = (rawBody: string) => verifyTwilioRequest(TOKEN, { url: signed.url, signature: signed.headers['x-twilio-signature'], params: null, rawBody });
		expect(check(signed.body)).toBe(true);
		expect(check(signed.body.replace('oi', 'oI'))).toBe(false);
		expect(check(`${signed.body} `)).toBe(false);
	});
});
