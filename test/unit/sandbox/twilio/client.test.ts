import { BaseUrlRequestClient, rewriteTwilioUrl } from '../../../../sandbox/twilio/client';
import { parseFailuresEnv } from '../../../../sandbox/twilio/failures';

describe('pointing the official client at a base URL', () => {
	it('rewrites every *.twilio.com host, keeping path and query, and leaves other URLs alone', () => {
		const base = 'http://127.0.0.1:5682';
		expect(rewriteTwilioUrl('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=2', base)).toBe(
			'http://127.0.0.1:5682/2010-04-01/Accounts/AC1/Messages.json?PageSize=2',
		);
		// Edge and region (TWILIO_EDGE / TWILIO_REGION) only change the host name.
		expect(rewriteTwilioUrl('https://content.sydney.au1.twilio.com/v1/Content', base)).toBe('http://127.0.0.1:5682/v1/Content');
		expect(rewriteTwilioUrl('https://api.twilio.com/v1/x', 'http://stand-in.local/twilio/')).toBe('http://stand-in.local/twilio/v1/x');
		expect(rewriteTwilioUrl('https://example.com/media.png', base)).toBe('https://example.com/media.png');
		expect(rewriteTwilioUrl('https://nottwilio.com/x', base)).toBe('https://nottwilio.com/x');
	});

	it('is a RequestClient the twilio library accepts as httpClient', () => {
		expect(new BaseUrlRequestClient('http://127.0.0.1:1').baseUrl).toBe('http://127.0.0.1:1');
	});

	it('reads failure rules from TWILIO_STANDIN_FAILURES', () => {
		expect(parseFailuresEnv('whatsapp:+5511900000009=63016, +5511900000008=30008:failed')).toEqual([
			{ to: 'whatsapp:+5511900000009', errorCode: 63016 },
			{ to: '+5511900000008', errorCode: 30008, status: 'failed' },
		]);
		expect(parseFailuresEnv('')).toEqual([]);
		expect(() => parseFailuresEnv('+5511=abc')).toThrow(/is not "to=code"/);
	});
});
