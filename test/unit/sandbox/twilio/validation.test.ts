import twilio from 'twilio';

import { twilioClientFor } from '../../../../sandbox/twilio/client';
import { ACCOUNT_SID, ANA, AUTH_TOKEN, BOT, restError, startTestStandIn, type TestStandIn } from './helpers';

type CreateParams = Parameters<twilio.Twilio['messages']['create']>[0];

describe('validation and auth errors surface as the client’s RestException', () => {
	let standIn: TestStandIn;

	beforeAll(async () => {
		standIn = await startTestStandIn();
	});
	afterAll(() => standIn.dispose());

	const cases: Array<[string, CreateParams, number]> = [
		['an empty To', { to: '', from: BOT, body: 'x' }, 21604],
		['no From and no MessagingServiceSid', { to: ANA, body: 'x' }, 21603],
		['no Body, MediaUrl or ContentSid', { to: ANA, from: BOT }, 21602],
		['a body over 1600 characters', { to: ANA, from: BOT, body: 'x'.repeat(1601) }, 21617],
		['more than 10 media URLs', { to: ANA, from: BOT, mediaUrl: Array.from({ length: 11 }, (_, i) => `https://cdn.test/${i}.png`) }, 21623],
		['a media URL that is not http(s)', { to: ANA, from: BOT, mediaUrl: ['ftp://cdn.test/a.png'] }, 21620],
		['a To that is not E.164', { to: 'whatsapp:11987654321', from: BOT, body: 'x' }, 21211],
		['a From that is not E.164', { to: ANA, from: 'whatsapp:bot', body: 'x' }, 21212],
		['WhatsApp To with an SMS From', { to: ANA, from: '+5511900000000', body: 'x' }, 21910],
		['the same WhatsApp number on both sides', { to: BOT, from: BOT, body: 'x' }, 63031],
		['an unknown ContentSid', { to: ANA, from: BOT, contentSid: 'HX0123456789abcdef0123456789abcdef' }, 21655],
		['a malformed ContentSid', { to: ANA, from: BOT, contentSid: 'welcome' }, 21655],
		['ContentVariables without ContentSid', { to: ANA, from: BOT, body: 'x', contentVariables: '{"1":"a"}' }, 21654],
		['an invalid StatusCallback', { to: ANA, from: BOT, body: 'x', statusCallback: 'not a url' }, 21609],
		['an unknown Messaging Service', { to: ANA, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', body: 'x' }, 21701],
	];

	it.each(cases)('refuses %s', async (_, params, code) => {
		const error = await restError(standIn.client.messages.create(params));
		expect(error).toMatchObject({ status: 400, code, moreInfo: `https://www.twilio.com/docs/errors/${code}` });
		expect(error.message).not.toBe('');
	});

	it('answers wrong or missing credentials with 401 20003 "Authenticate"', async () => {
		const wrong = twilioClientFor(standIn.url, ACCOUNT_SID, 'wrong-token');
		const error = await restError(wrong.messages.create({ to: ANA, from: BOT, body: 'x' }));
		expect(error).toMatchObject({ status: 401, code: 20003, message: 'Authenticate', moreInfo: 'https://www.twilio.com/docs/errors/20003' });
		const missing = await fetch(`${standIn.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
		expect(missing.status).toBe(401);
		expect(missing.headers.get('www-authenticate')).toMatch(/^Basic/);
		expect(await missing.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
	});

	it('refuses another account’s path even with valid credentials', async () => {
		const other = 'ACffffffffffffffffffffffffffffffff';
		const response = await fetch(`${standIn.url}/2010-04-01/Accounts/${other}/Messages.json`, {
			headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` },
		});
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
	});

	it('accepts a configured API key (SK…:secret) with the account SID as an option', async () => {
		const keyed = await startTestStandIn({ apiKeys: [{ sid: 'SK0123456789abcdef0123456789abcdef', secret: 'key-secret' }] });
		try {
			const client = twilioClientFor(keyed.url, 'SK0123456789abcdef0123456789abcdef', 'key-secret', { accountSid: ACCOUNT_SID });
			expect((await client.messages.create({ to: ANA, from: BOT, body: 'via API key' })).accountSid).toBe(ACCOUNT_SID);
			const wrong = twilioClientFor(keyed.url, 'SK0123456789abcdef0123456789abcdef', 'nope', { accountSid: ACCOUNT_SID });
			expect((await restError(wrong.messages.list())).code).toBe(20003);
		} finally {
			await keyed.dispose();
		}
	});

	it('serves the account resource, /healthz without auth, and Twilio-shaped 404 and 405', async () => {
		expect(await standIn.client.api.v2010.accounts(ACCOUNT_SID).fetch()).toMatchObject({ sid: ACCOUNT_SID, status: 'active' });
		const health = await fetch(`${standIn.url}/healthz`);
		expect(await health.json()).toEqual({ ok: true, messages: expect.any(Number) });
		const unknown = await standIn.api('GET', '/2010-04-01/Accounts/' + ACCOUNT_SID + '/Calls.json');
		expect(unknown).toEqual({ status: 404, body: expect.objectContaining({ code: 20404, status: 404 }) });
		const method = await standIn.api('PUT', '/2010-04-01/Accounts/' + ACCOUNT_SID + '/Messages.json');
		expect(method.body).toMatchObject({ code: 20004, status: 405 });
	});
});
