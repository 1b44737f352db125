import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { rewriteTwilioUrl } from '../../../../sandbox/twilio/client';
import { postInboundMedia, uploadInboundMedia } from '../../../../sandbox/twilio/inbound-webhook';
import { oggOpusVoiceNote } from '../../../../sandbox/media/voice-note-file';
import { ACCOUNT_SID, AUTH_TOKEN, startTestStandIn, type TestStandIn } from './helpers';

let standIn: TestStandIn;
beforeAll(async () => {
	standIn = await startTestStandIn();
});
afterAll(() => standIn.dispose());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const address = () => ({ url: standIn.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
const MESSAGE = 'MM' + 'a'.repeat(32);

describe('Twilio stand-in: inbound media', () => {
	it('serves an uploaded voice note at a Twilio media URL, only with Basic credentials, content type kept', async () => {
		const data = oggOpusVoiceNote({ transcript: 'oi' });
		const { url } = await uploadInboundMedia(address(), { data, contentType: 'audio/ogg' }, MESSAGE);
		expect(url).toMatch(new RegExp(`^https://api\\.twilio\\.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE}/Media/ME[0-9a-f]{32}$`));
		const local = rewriteTwilioUrl(url, standIn.url);

		const anonymous = await fetch(local);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
		expect(await anonymous.json()).toMatchObject({ code: 20003 });
		expect((await fetch(local, { headers: { authorization: basic(ACCOUNT_SID, 'wrong') } })).status).toBe(401);

		const fetched = await fetch(local, { headers: { authorization: basic(ACCOUNT_SID, AUTH_TOKEN) } });
		expect(fetched.status).toBe(200);
		expect(fetched.headers.get('content-type')).toBe('audio/ogg');
		expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(data);

		const resource = await standIn.api('GET', `${new URL(url).pathname}.json`);
		expect(resource).toMatchObject({ status: 200, body: { sid: url.slice(-34), parent_sid: MESSAGE, content_type: 'audio/ogg', account_sid: ACCOUNT_SID } });
	});

	it('answers 404 once the media is deleted (expired), as Twilio does', async () => {
		const { url } = await uploadInboundMedia(address(), { data: Uint8Array.of(1, 2, 3), contentType: 'image/jpeg' }, MESSAGE);
		const path = new URL(url).pathname;
		expect((await standIn.api('DELETE', `${path}.json`)).status).toBe(204);
		const gone = await fetch(rewriteTwilioUrl(url, standIn.url), { headers: { authorization: basic(ACCOUNT_SID, AUTH_TOKEN) } });
		expect(gone.status).toBe(404);
		expect(await gone.json()).toMatchObject({ code: 20404 });
		expect((await standIn.api('DELETE', `${path}.json`)).status).toBe(404);
	});

	it('refuses an upload without bytes, without a content type, or with a bad MessageSid', async () => {
		const post = (body: Uint8Array, headers: Record<string, string>, query = `?MessageSid=${MESSAGE}`) =>
			fetch(`${standIn.url}/standin/v1/InboundMedia${query}`, { method: 'POST', headers: { authorization: basic(ACCOUNT_SID, AUTH_TOKEN), ...headers }, body });
		expect((await post(new Uint8Array(0), { 'content-type': 'audio/ogg' })).status).toBe(400);
		expect((await post(Uint8Array.of(1), {})).status).toBe(400);
		expect((await post(Uint8Array.of(1), { 'content-type': 'audio/ogg' }, '?MessageSid=nope')).status).toBe(400);
		expect((await fetch(`${standIn.url}/standin/v1/InboundMedia`, { method: 'POST', body: Uint8Array.of(1), headers: { 'content-type': 'audio/ogg' } })).status).toBe(401);
	});

	it('posts a signed webhook whose MediaUrl0 is the stored file (postInboundMedia)', async () => {
		const received: Array<Record<string, string>> = [];
		const server = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push(Object.fromEntries(new URLSearchParams(body)));
				res.end('<Response/>');
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		try {
			const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
			const { response } = await postInboundMedia(address(), hook, { from: '+5511987654321', to: 'whatsapp:+14155238886', file: { data: oggOpusVoiceNote({ transcript: 'x' }), contentType: 'audio/ogg' } });
			expect(response.status).toBe(200);
			expect(received[0]).toMatchObject({ NumMedia: '1', MediaContentType0: 'audio/ogg', MessageType: 'audio', Body: '' });
			expect(received[0].MessageSid).toMatch(/^MM[0-9a-f]{32}$/);
			const media = await fetch(rewriteTwilioUrl(received[0].MediaUrl0, standIn.url), { headers: { authorization: basic(ACCOUNT_SID, AUTH_TOKEN) } });
			expect(media.status).toBe(200);
		} finally {
			await new Promise((r) => server.close(r));
		}
	});
});
