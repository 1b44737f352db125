import twilio from 'twilio';

import { ACCOUNT_SID, ANA, AUTH_TOKEN, BOT, BRUNO, contentBody, startCallbackReceiver, startTestStandIn, waitForStatus, type CallbackReceiver, type TestStandIn } from './helpers';

const statuses = (received: Array<{ params: Record<string, string> }>) => received.map((r) => r.params.MessageStatus);

describe('status lifecycle and signed status callbacks', () => {
	let standIn: TestStandIn;
	let receiver: CallbackReceiver;

	beforeAll(async () => {
		receiver = await startCallbackReceiver();
		standIn = await startTestStandIn({
			failures: [{ to: BRUNO, errorCode: 63016 }],
			messagingServices: [{ sid: 'MG0123456789abcdef0123456789abcdef', from: BOT }],
		});
	});
	afterAll(async () => {
		await standIn.dispose();
		await receiver.close();
	});

	it('posts sent then delivered, in order, with Twilio’s fields and a signature twilio.validateRequest accepts', async () => {
		const sent = await standIn.client.messages.create({ to: ANA, from: BOT, body: 'callback me', statusCallback: receiver.url });
		const callbacks = await receiver.waitFor(sent.sid, 2);
		expect(statuses(callbacks)).toEqual(['sent', 'delivered']);
		expect(callbacks[1].params).toEqual({
			AccountSid: ACCOUNT_SID,
			ApiVersion: '2010-04-01',
			ChannelPrefix: 'whatsapp',
			ChannelToAddress: '+5511987654321',
			From: BOT,
			MessageSid: sent.sid,
			MessageStatus: 'delivered',
			SmsSid: sent.sid,
			SmsStatus: 'delivered',
			To: ANA,
		});
		for (const callback of callbacks) {
			expect(callback.url).toBe(receiver.url);
			expect(twilio.validateRequest(AUTH_TOKEN, callback.signature, callback.url, callback.params)).toBe(true);
			expect(twilio.validateRequest('another-token', callback.signature, callback.url, callback.params)).toBe(false);
		}
	});

	it('fails messages to a recipient with a 63016 rule: status failed, error fields, and a failed callback', async () => {
		const sent = await standIn.client.messages.create({ to: BRUNO, from: BOT, body: 'fora da janela', statusCallback: receiver.url });
		const [callback] = await receiver.waitFor(sent.sid, 1);
		expect(callback.params).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63016', To: BRUNO });
		expect(twilio.validateRequest(AUTH_TOKEN, callback.signature, callback.url, callback.params)).toBe(true);
		const failed = await waitForStatus(standIn.client, sent.sid, 'failed');
		expect(failed).toMatchObject({ errorCode: 63016, errorMessage: expect.stringContaining('outside the allowed window') });
		// No further status follows a failure.
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(statuses(receiver.received.filter((r) => r.params.MessageSid === sent.sid))).toEqual(['failed']);
	});

	it('lets an approved WhatsApp template through the 63016 rule, as WhatsApp’s 24-hour window does', async () => {
		const template = await standIn.client.content.v1.contents.create(contentBody({ language: 'pt_BR', types: { 'twilio/text': { body: 'Lembrete: {{1}}' } } }));
		const unapproved = await standIn.client.messages.create({ to: BRUNO, from: BOT, contentSid: template.sid, contentVariables: '{"1":"x"}' });
		await waitForStatus(standIn.client, unapproved.sid, 'failed');
		await standIn.client.content.v1.contents(template.sid).approvalCreate.create({ name: 'lembrete', category: 'UTILITY' });
		const approved = await standIn.client.messages.create({ to: BRUNO, from: BOT, contentSid: template.sid, contentVariables: '{"1":"x"}' });
		await waitForStatus(standIn.client, approved.sid, 'delivered');
	});

	it('reports undelivered after sent, and the rules can be replaced while running', async () => {
		const put = await standIn.api('PUT', '/standin/v1/Failures', { failures: [{ to: '+5511987654321', errorCode: 30003 }] });
		expect(put).toEqual({ status: 200, body: { failures: [{ to: '+5511987654321', errorCode: 30003 }] } });
		try {
			// A rule without the whatsapp: prefix matches the number on every channel.
			const sent = await standIn.client.messages.create({ to: ANA, from: BOT, body: 'x', statusCallback: receiver.url });
			const callbacks = await receiver.waitFor(sent.sid, 2);
			expect(statuses(callbacks)).toEqual(['sent', 'undelivered']);
			expect(callbacks[1].params.ErrorCode).toBe('30003');
			expect(await standIn.api('PUT', '/standin/v1/Failures', { failures: [{ to: 'nobody', errorCode: 1 }] })).toMatchObject({ status: 400, body: { code: 70002 } });
		} finally {
			standIn.setFailures([{ to: BRUNO, errorCode: 63016 }]);
		}
		expect((await standIn.api('GET', '/standin/v1/Failures')).body).toEqual({ failures: [{ to: BRUNO, errorCode: 63016 }] });
	});

	it('reports queued first for a Messaging Service send, and read when read receipts are on', async () => {
		const viaService = await standIn.client.messages.create({ to: ANA, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', body: 'x', statusCallback: receiver.url });
		const serviceCallbacks = await receiver.waitFor(viaService.sid, 3);
		expect(statuses(serviceCallbacks)).toEqual(['queued', 'sent', 'delivered']);
		expect(serviceCallbacks[0].params).toMatchObject({ MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', From: BOT });

		const reading = await startTestStandIn({ readReceipts: true, statusDelayMs: 10 });
		try {
			const sent = await reading.client.messages.create({ to: ANA, from: BOT, body: 'leia', statusCallback: receiver.url });
			expect(statuses(await receiver.waitFor(sent.sid, 3))).toEqual(['sent', 'delivered', 'read']);
		} finally {
			await reading.dispose();
		}
	});
});
