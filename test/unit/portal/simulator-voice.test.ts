import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { readAudioInfo, transcriptTag } from '../../../core/media/audio-container';
import { sendAsUser } from '../../../portal/simulator';
import type { SandboxEndpoints } from '../../../sandbox/endpoints';
import { rewriteTwilioUrl } from '../../../sandbox/twilio/client';
import { ACCOUNT_SID, AUTH_TOKEN, startTestStandIn, type TestStandIn } from '../sandbox/twilio/helpers';

let standIn: TestStandIn;
let receiver: Server;
const received: Array<Record<string, string>> = [];

beforeAll(async () => {
	standIn = await startTestStandIn();
	receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push(Object.fromEntries(new URLSearchParams(body)));
			res.end('<Response/>');
		});
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
	await new Promise((r) => receiver.close(r));
	await standIn.dispose();
});

const endpoints = () =>
	({
		whatsappWebhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/whatsapp/inbound`,
		services: { twilio: { url: standIn.url, credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } } },
	}) as unknown as SandboxEndpoints;

describe('the WhatsApp simulator', () => {
	it('sends the typed text as a voice note that says it, when asked', async () => {
		const message = await sendAsUser(endpoints(), { phone: '+5511987654321', name: 'Ana', text: 'anota comprar pão', voice: true });
		expect(message).toMatchObject({ direction: 'in', body: '🎤 anota comprar pão', media: [expect.stringMatching(/^https:\/\/api\.twilio\.com\/.*\/Media\/ME/)] });
		const posted = received.at(-1)!;
		expect(posted).toMatchObject({ Body: '', NumMedia: '1', MediaContentType0: 'audio/ogg', ProfileName: 'Ana' });
		expect(posted.MessageSid).toMatch(/^MM[0-9a-f]{32}$/);
		const file = await fetch(rewriteTwilioUrl(posted.MediaUrl0, standIn.url), { headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` } });
		expect(transcriptTag(readAudioInfo(new Uint8Array(await file.arrayBuffer()))!)).toBe('anota comprar pão');
	});

	it('still sends plain text by default', async () => {
		const message = await sendAsUser(endpoints(), { phone: '+5511987654321', text: 'oi' });
		expect(message).toMatchObject({ body: 'oi', media: [] });
		expect(received.at(-1)).toMatchObject({ Body: 'oi', NumMedia: '0' });
	});
});
