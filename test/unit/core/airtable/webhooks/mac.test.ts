import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import { contentMac, verifyContentMac } from '../../../../../core/airtable/webhooks/mac';

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
const BODY = '{"base":{"id":"appjRdIX59U4YEy4l"},"webhook":{"id":"achXH94CxHYGdUcje"},"timestamp":"2024-03-06T00:32:58.992Z"}';

describe('X-Airtable-Content-MAC', () => {
	it('is hmac-sha256=<hex> keyed with the decoded secret bytes, not the base64 text', () => {
		const expected = createHmac('sha256', Buffer.from(SECRET, 'base64')).update(BODY).digest('hex');
		expect(contentMac(SECRET, BODY)).toBe(`hmac-sha256=${expected}`);
		expect(contentMac(SECRET, BODY)).not.toBe(`hmac-sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`);
	});

	it('verifies the exact raw body and nothing else', () => {
		const mac = contentMac(SECRET, BODY);
		expect(verifyContentMac(SECRET, BODY, mac)).toBe(true);
		expect(verifyContentMac(SECRET, Buffer.from(BODY), mac)).toBe(true);
		expect(verifyContentMac(SECRET, BODY, mac.toUpperCase().replace('HMAC-SHA256=', 'hmac-sha256='))).toBe(true);
		// Re-serialized JSON (spaces) is different bytes: it must fail, which is why the raw body is needed.
		expect(verifyContentMac(SECRET, JSON.stringify(JSON.parse(BODY), null, 1), mac)).toBe(false);
		expect(verifyContentMac(Buffer.from('another secret of 32 bytes......').toString('base64'), BODY, mac)).toBe(false);
	});

	it.each([undefined, null, '', 'hmac-sha256=', 'sha256=abc', `hmac-sha256=${'z'.repeat(64)}`, `hmac-sha256=${'a'.repeat(63)}`])('refuses the malformed header %p without throwing', (header) => {
		expect(verifyContentMac(SECRET, BODY, header)).toBe(false);
	});

	it('refuses everything with an empty secret', () => {
		expect(verifyContentMac('', BODY, contentMac(SECRET, BODY))).toBe(false);
		expect(() => contentMac('', BODY)).toThrow(/secret is empty/);
	});

	it('accepts its own signature and refuses any one-byte change (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.string({ minLength: 1 }), fc.nat(), (key, body, at) => {
				const secret = Buffer.from(key).toString('base64');
				const mac = contentMac(secret, body);
				expect(verifyContentMac(secret, body, mac)).toBe(true);
				const bytes = Buffer.from(body);
				bytes[at % bytes.length] ^= 1;
				expect(verifyContentMac(secret, bytes, mac)).toBe(false);
			}),
		);
	});
});
