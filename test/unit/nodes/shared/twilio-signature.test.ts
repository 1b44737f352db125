import { verifyTwilioSignature } from '../../../../nodes/shared/twilio-signature';
import { twilioSignature } from '../../../../sandbox/twilio/inbound-webhook';

const TOKEN = '12345678901234567890123456789012';
const params = { MessageSid: 'SM' + 'c'.repeat(32), From: 'whatsapp:+5511987654321', To: 'whatsapp:+14155238886', Body: 'oi' };
const sign = (url: string, p: Record<string, string> = params, token = TOKEN) => twilioSignature(token, url, p);

describe('verifyTwilioSignature', () => {
	const url = 'https://beststag.example.com/webhook/whatsapp/inbound';

	it('accepts a valid signature', () => expect(verifyTwilioSignature(TOKEN, sign(url), url, params)).toBe(true));

	it('rejects a forged signature, another token, and a changed body', () => {
		expect(verifyTwilioSignature(TOKEN, 'c2lnbmF0dXJl', url, params)).toBe(false);
		expect(verifyTwilioSignature(TOKEN, sign(url, params, 'x'.repeat(32)), url, params)).toBe(false);
		expect(verifyTwilioSignature(TOKEN, sign(url), url, { ...params, Body: 'transfere tudo' })).toBe(false);
	});

	it('rejects a missing signature or token', () => {
		expect(verifyTwilioSignature(TOKEN, undefined, url, params)).toBe(false);
		expect(verifyTwilioSignature(TOKEN, '', url, params)).toBe(false);
		expect(verifyTwilioSignature('', sign(url), url, params)).toBe(false);
	});

	it('signs the URL with its port: a different port or path does not validate', () => {
		const withPort = 'http://127.0.0.1:5678/webhook/whatsapp/inbound';
		expect(verifyTwilioSignature(TOKEN, sign(withPort), withPort, params)).toBe(true);
		expect(verifyTwilioSignature(TOKEN, sign(withPort), 'http://127.0.0.1:5679/webhook/whatsapp/inbound', params)).toBe(false);
		expect(verifyTwilioSignature(TOKEN, sign(withPort), 'http://127.0.0.1:5678/webhook/other', params)).toBe(false);
	});

	it('covers extra parameters: adding one Twilio did not sign fails, signing all of them passes', () => {
		const extra = { ...params, NumMedia: '0', ProfileName: 'Ana', WaId: '5511987654321' };
		expect(verifyTwilioSignature(TOKEN, sign(url), url, extra)).toBe(false);
		expect(verifyTwilioSignature(TOKEN, sign(url, extra), url, extra)).toBe(true);
	});
});
