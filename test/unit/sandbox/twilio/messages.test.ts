import { ACCOUNT_SID, ANA, BOT, restError, startTestStandIn, waitForStatus, type TestStandIn } from './helpers';

describe('Messages: create, fetch, update and delete through the official client', () => {
	let standIn: TestStandIn;

	beforeAll(async () => {
		standIn = await startTestStandIn({
			messagingServices: [{ sid: 'MG0123456789abcdef0123456789abcdef', from: BOT }],
		});
	});
	afterAll(() => standIn.dispose());

	it('creates a WhatsApp text message with Twilio-shaped fields and fetches it back', async () => {
		const sent = await standIn.client.messages.create({ to: ANA, from: BOT, body: 'Olá Ana! Sua reunião é às 15h.' });
		expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
		expect(sent).toMatchObject({
			accountSid: ACCOUNT_SID,
			to: ANA,
			from: BOT,
			body: 'Olá Ana! Sua reunião é às 15h.',
			status: 'queued',
			direction: 'outbound-api',
			apiVersion: '2010-04-01',
			numSegments: '1',
			numMedia: '0',
			price: null,
			priceUnit: 'USD',
			errorCode: null,
			errorMessage: null,
			messagingServiceSid: null,
			uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sent.sid}.json`,
			subresourceUris: { media: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sent.sid}/Media.json` },
		});
		// The client parses Twilio's RFC 2822 dates; a wrong format would give Invalid Date.
		expect(Math.abs(sent.dateCreated.getTime() - Date.now())).toBeLessThan(5000);
		expect(sent.dateSent).toBeNull();

		const delivered = await waitForStatus(standIn.client, sent.sid, 'delivered');
		expect(delivered).toMatchObject({ sid: sent.sid, body: sent.body, to: ANA, from: BOT });
		expect(delivered.dateSent).toBeInstanceOf(Date);
		expect(delivered.dateUpdated.getTime()).toBeGreaterThanOrEqual(sent.dateCreated.getTime());
	});

	it('creates a media message (MM SID, num_media) whose Media subresource lists each URL', async () => {
		const sent = await standIn.client.messages.create({
			to: ANA,
			from: BOT,
			body: 'Seu relatório',
			mediaUrl: ['https://cdn.beststag.test/relatorio.pdf', 'https://cdn.beststag.test/grafico.png'],
		});
		expect(sent.sid).toMatch(/^MM[0-9a-f]{32}$/);
		expect(sent.numMedia).toBe('2');
		const media = await standIn.client.messages(sent.sid).media.list();
		expect(media.map((m) => m.contentType).sort()).toEqual(['application/pdf', 'image/png']);
		expect(media[0].parentSid).toBe(sent.sid);
		expect(media[0].sid).toMatch(/^ME[0-9a-f]{32}$/);
		const one = await standIn.client.messages(sent.sid).media(media[0].sid).fetch();
		expect(one.contentType).toBe(media[0].contentType);
	});

	it('counts SMS segments like Twilio (GSM-7 153 per part, UCS-2 67 code units per part)', async () => {
		const gsm = await standIn.client.messages.create({ to: '+5511987654321', from: '+5511900000000', body: 'a'.repeat(161) });
		const unicode = await standIn.client.messages.create({ to: '+5511987654321', from: '+5511900000000', body: '🙂'.repeat(36) });
		expect([gsm.numSegments, unicode.numSegments]).toEqual(['2', '2']);
		const whatsapp = await standIn.client.messages.create({ to: ANA, from: BOT, body: 'a'.repeat(1600) });
		expect(whatsapp.numSegments).toBe('1');
	});

	it('sends through a Messaging Service: accepted with no sender, then queued from the service sender', async () => {
		const sent = await standIn.client.messages.create({ to: ANA, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', body: 'via serviço' });
		expect(sent).toMatchObject({ status: 'accepted', from: null, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
		const later = await waitForStatus(standIn.client, sent.sid, 'delivered');
		expect(later.from).toBe(BOT);
	});

	it('cancels a message that has not been sent, and refuses once it has (30409)', async () => {
		const slow = await startTestStandIn({ statusDelayMs: 5000 });
		try {
			const sent = await slow.client.messages.create({ to: ANA, from: BOT, body: 'cancel me' });
			const canceled = await slow.client.messages(sent.sid).update({ status: 'canceled' });
			expect(canceled.status).toBe('canceled');
			const again = await restError(slow.client.messages(sent.sid).update({ status: 'canceled' }));
			expect(again).toMatchObject({ status: 400, code: 30409 });
		} finally {
			await slow.dispose();
		}
	});

	it('redacts a body with Body="" and deletes a message (then 20404)', async () => {
		const sent = await standIn.client.messages.create({ to: ANA, from: BOT, body: 'segredo' });
		expect((await standIn.client.messages(sent.sid).update({ body: '' })).body).toBe('');
		expect(await standIn.client.messages(sent.sid).remove()).toBe(true);
		const gone = await restError(standIn.client.messages(sent.sid).fetch());
		expect(gone).toMatchObject({ status: 404, code: 20404, message: `The requested resource /2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sent.sid}.json was not found` });
	});
});
