import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import twilio from 'twilio';

import type { RunningN8n } from '../../sandbox/n8n/harness';
import { startOpenAiStandIn } from '../../sandbox/llm/openai-server';
import type { RunningStandIn } from '../../sandbox/llm/standin';
import { oggOpusVoiceNote } from '../../sandbox/media/voice-note-file';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { postInboundMedia, postInboundMessage } from '../../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn, type RunningTwilioStandIn } from '../../sandbox/twilio/server';
import { freePortBlock } from '../support/free-ports';
import { PROJECT_ROOT, startTestN8n } from '../support/n8n';

jest.setTimeout(240_000);

const ACCOUNT = 'AC' + '7'.repeat(32);
const TOKEN = 'v'.repeat(32);
const KEY = 'sk-e2e-voice-standin';
const SENDER = 'whatsapp:+14155238886';

/**
 * A WhatsApp voice note in real n8n: a signed webhook with MediaUrl0 → IF "Is a voice note?" → Transcribe
 * Voice Note (downloads from the Twilio stand-in with Basic auth, transcribes through the OpenAI SDK
 * against its stand-in) → the reply shows what was understood. Without an OpenAI key, the honest reason.
 */
describe('Transcribe Voice Note in real n8n', () => {
	let n8n: RunningN8n;
	let standIn: RunningTwilioStandIn;
	let openai: RunningStandIn;
	let client: twilio.Twilio;

	const hook = (path: string) => `${n8n.webhookBaseUrl}${path}`;
	const address = () => ({ url: standIn.url, accountSid: ACCOUNT, authToken: TOKEN });
	const replyTo = async (phone: string) => {
		for (let i = 0; i < 150; i++) {
			const sent = await client.messages.list({ to: `whatsapp:${phone}` });
			if (sent.length > 0) return sent.map((m) => m.body);
			await new Promise((r) => setTimeout(r, 100));
		}
		const { data } = await n8n.api.request<{ data: Array<{ data?: { resultData?: { error?: { message: string } } } }> }>('GET', '/executions?status=error&includeData=true&limit=1');
		throw new Error(`No reply to ${phone}. Last failed execution: ${JSON.stringify(data.data[0]?.data?.resultData?.error ?? null).slice(0, 600)}`);
	};

	beforeAll(async () => {
		const [twilioPort, openaiPort] = [await freePortBlock(1), await freePortBlock(1)];
		standIn = await startTwilioStandIn({ port: twilioPort, dataDir: mkdtempSync(join(tmpdir(), 'twilio-voice-')), accountSid: ACCOUNT, authToken: TOKEN, statusDelayMs: 50 });
		openai = await startOpenAiStandIn({ port: openaiPort, apiKey: KEY });
		client = twilioClientFor(standIn.url, ACCOUNT, TOKEN);
		n8n = await startTestN8n({
			workflowDirs: [join(PROJECT_ROOT, 'test', 'e2e', 'workflows-voice')],
			credentials: [
				{ id: 'bsTwilioSandbox1', name: 'BestStag Twilio WhatsApp (sandbox)', type: 'twilioWhatsAppApi', data: { accountSid: ACCOUNT, authToken: TOKEN, from: SENDER, baseUrl: standIn.url } },
				{ id: 'bsOpenAiSandbox1', name: 'BestStag OpenAI (sandbox)', type: 'bestStagOpenAiApi', data: { apiKey: KEY, baseUrl: `${openai.url}/v1` } },
			],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await standIn?.close();
		await openai?.close();
	});

	it('transcribes a voice note through the OpenAI stand-in and replies with what it understood', async () => {
		const said = 'me lembra amanhã às 9h de pagar o boleto';
		const { response } = await postInboundMedia(address(), hook('test/voice'), {
			from: '+5511900000101',
			to: SENDER,
			file: { data: oggOpusVoiceNote({ transcript: said, durationSeconds: 3 }), contentType: 'audio/ogg' },
		});
		expect(response.status).toBe(200);
		expect(await replyTo('+5511900000101')).toEqual([`🎤 Entendi: “${said}”`]);
		const call = openai.requests.find((r) => r.path === '/v1/audio/transcriptions');
		expect(call?.body).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'pt', file: { name: 'voice-note.ogg', type: 'audio/ogg' } });
	});

	it('leaves a text message to the text branch', async () => {
		await postInboundMessage(TOKEN, hook('test/voice'), { accountSid: ACCOUNT, from: '+5511900000102', to: SENDER, body: 'anota comprar pão' });
		expect(await replyTo('+5511900000102')).toEqual(['texto: anota comprar pão']);
	});

	it('says honestly that voice notes need an OpenAI key when none is set, calling nothing', async () => {
		const before = openai.requests.length;
		await postInboundMedia(address(), hook('test/voice-nokey'), {
			from: '+5511900000103',
			to: SENDER,
			file: { data: oggOpusVoiceNote({ transcript: 'qualquer coisa' }), contentType: 'audio/ogg' },
		});
		expect(await replyTo('+5511900000103')).toEqual(['reason: no_openai_key']);
		expect(openai.requests.length).toBe(before);
	});
});
