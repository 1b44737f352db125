import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { JsonSchema } from '../../../../airtable-schema/output-schema';
import { VOICE_NOTE_REASONS } from '../../../../core/assistant/media';

import { TranscribeVoiceNote } from '../../../../nodes/TranscribeVoiceNote/TranscribeVoiceNote.node';
import { startOpenAiStandIn } from '../../../../sandbox/llm/openai-server';
import type { RunningStandIn } from '../../../../sandbox/llm/standin';
import { oggOpusVoiceNote, wavVoiceNote } from '../../../../sandbox/media/voice-note-file';
import { uploadInboundMedia } from '../../../../sandbox/twilio/inbound-webhook';
import { startTwilioStandIn, type RunningTwilioStandIn } from '../../../../sandbox/twilio/server';
import { mockExecuteContext } from '../../../support/execute-context';
import { schemaMismatches } from '../../../support/output-schema';

/**
 * The node's __schema__/v1.0.0.json: the fields it adds to an item, which n8n's editor shows before a first
 * run. Regenerate with UPDATE_OUTPUT_SCHEMAS=1 npx jest test/unit/nodes/TranscribeVoiceNote --selectProjects unit
 */
const SCHEMA_PATH = join(__dirname, '../../../../nodes/TranscribeVoiceNote/__schema__/v1.0.0.json');
const OUTPUT_SCHEMA: JsonSchema = {
	type: 'object',
	properties: {
		text: { type: 'string' },
		transcribed: { type: 'boolean' },
		reason: { type: 'string', enum: [...VOICE_NOTE_REASONS] },
		error: { type: 'string' },
		voiceNote: {
			type: 'object',
			properties: { contentType: { type: 'string' }, url: { type: 'string' }, bytes: { type: 'number' }, durationSeconds: { type: 'number' }, model: { type: 'string' }, latencyMs: { type: 'number' } },
		},
	},
};
const schemaFile = JSON.stringify({ ...OUTPUT_SCHEMA, version: 1 }, null, '\t') + '\n';
if (process.env.UPDATE_OUTPUT_SCHEMAS === '1') {
	mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
	writeFileSync(SCHEMA_PATH, schemaFile);
}
/** Every successful item the tests produced, checked against the schema at the end. */
const produced: Array<{ input: IDataObject; output: INodeExecutionData }> = [];

const ACCOUNT = 'AC' + 'b'.repeat(32);
const TOKEN = 'voice-note-token';
const KEY = 'sk-voice-note-test';
const SAID = 'me lembra amanhã às 9h de pagar o boleto';
const API_KEY = { sid: 'SK' + 'c'.repeat(32), secret: 'api-key-secret' };

let twilio: RunningTwilioStandIn;
let openai: RunningStandIn;
let dataDir: string;
let sid = 0;

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'voice-note-'));
	twilio = await startTwilioStandIn({ port: 0, dataDir, accountSid: ACCOUNT, authToken: TOKEN, apiKeys: [API_KEY] });
	openai = await startOpenAiStandIn({ port: 0, apiKey: KEY });
});
afterAll(async () => {
	await twilio.close();
	await openai.close();
	rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => openai.faults.clear());

const twilioCredential = (overrides: IDataObject = {}) => ({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl: twilio.url, from: 'whatsapp:+14155238886', ...overrides });

/** An inbound item as the WhatsApp Trigger gives it, its media stored in the Twilio stand-in. */
async function inbound(data: Uint8Array, contentType: string): Promise<IDataObject> {
	const messageSid = `MM${String(++sid).padStart(32, '0')}`;
	const media = await uploadInboundMedia({ url: twilio.url, accountSid: ACCOUNT, authToken: TOKEN }, { data, contentType }, messageSid);
	return { kind: 'message', messageSid, from: 'whatsapp:+5511987654321', text: '', media: [media] };
}

async function run(items: IDataObject[], options: { openai?: boolean; twilio?: IDataObject; parameters?: Record<string, unknown>; continueOnFail?: boolean } = {}) {
	const withOpenAi = options.openai ?? true;
	const context = mockExecuteContext({
		items,
		continueOnFail: options.continueOnFail,
		parameters: {
			mediaUrl: (i: number) => ((items[i].media as Array<{ url: string }> | undefined)?.[0]?.url ?? ''),
			contentType: (i: number) => ((items[i].media as Array<{ contentType: string }> | undefined)?.[0]?.contentType ?? ''),
			model: 'gpt-4o-mini-transcribe',
			options: { language: 'pt', timeoutMs: 5000 },
			...options.parameters,
		},
		credentials: { twilioWhatsAppApi: twilioCredential(options.twilio), ...(withOpenAi ? { bestStagOpenAiApi: { apiKey: KEY, baseUrl: `${openai.url}/v1` } } : {}) },
		node: { credentials: { twilioWhatsAppApi: { id: 't1', name: 'Twilio' }, ...(withOpenAi ? { bestStagOpenAiApi: { id: 'o1', name: 'OpenAI' } } : {}) } },
	});
	const [out] = await new TranscribeVoiceNote().execute.call(context.ctx);
	out.forEach((output) => produced.push({ input: items[(output.pairedItem as { item: number }).item], output }));
	return { out, context };
}

describe('Transcribe Voice Note', () => {
	it('downloads the voice note from Twilio with Basic auth and transcribes it with the OpenAI SDK', async () => {
		const item = await inbound(oggOpusVoiceNote({ transcript: SAID, durationSeconds: 4 }), 'audio/ogg');
		const { out } = await run([item]);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toMatchObject({
			messageSid: item.messageSid,
			text: SAID,
			transcribed: true,
			voiceNote: { contentType: 'audio/ogg', durationSeconds: 4, model: 'gpt-4o-mini-transcribe', bytes: expect.any(Number) },
		});
		const sent = openai.requests.at(-1)!;
		expect(sent.body).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'pt', response_format: 'json', file: { name: 'voice-note.ogg', type: 'audio/ogg' } });
	});

	it('says "no_openai_key" without an OpenAI credential, without downloading or calling anything', async () => {
		const before = openai.requests.length;
		const item = await inbound(oggOpusVoiceNote({ transcript: SAID }), 'audio/ogg');
		const { out, context } = await run([item], { openai: false });
		expect(out[0].json).toMatchObject({ transcribed: false, reason: 'no_openai_key', voiceNote: { contentType: 'audio/ogg' } });
		expect(out[0].json.text).toBe('');
		expect(context.credentialReads).toEqual(['twilioWhatsAppApi']);
		expect(openai.requests.length).toBe(before);
	});

	it('passes a message without audio through with reason "not_a_voice_note"', async () => {
		const photo = await inbound(Uint8Array.of(0xff, 0xd8, 0xff), 'image/jpeg');
		const { out } = await run([{ text: 'oi', media: [] }, photo]);
		expect(out.map((o) => o.json.reason)).toEqual(['not_a_voice_note', 'not_a_voice_note']);
		expect(out[0].json.text).toBe('oi');
	});

	it('answers honestly for formats OpenAI cannot take, an empty transcript and an unavailable service', async () => {
		const amr = await inbound(new TextEncoder().encode('#!AMR\n\x3c\x00'), 'audio/amr');
		const lying = await inbound(new TextEncoder().encode('not audio at all'), 'audio/ogg');
		const silent = await inbound(oggOpusVoiceNote({}), 'audio/ogg');
		const { out } = await run([amr, lying, silent]);
		expect(out.map((o) => o.json.reason)).toEqual(['unsupported_format', 'unsupported_format', 'empty_transcript']);

		openai.faults.set({ type: 'overloaded' });
		const busy = await run([await inbound(wavVoiceNote({ transcript: 'oi' }), 'audio/wav')]);
		expect(busy.out[0].json).toMatchObject({ transcribed: false, reason: 'transcription_unavailable', error: expect.stringMatching(/OpenAI answered 503/) });
	});

	it('fails the item clearly for expired media and refused credentials, and keeps going with continue-on-fail', async () => {
		const item = await inbound(oggOpusVoiceNote({ transcript: SAID }), 'audio/ogg');
		const path = new URL((item.media as Array<{ url: string }>)[0].url).pathname;
		const deleted = await fetch(`${twilio.url}${path}.json`, { method: 'DELETE', headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}` } });
		expect(deleted.status).toBe(204);
		await expect(run([item])).rejects.toThrow(/no longer exists on Twilio \(HTTP 404\)/);

		const fresh = await inbound(oggOpusVoiceNote({ transcript: SAID }), 'audio/ogg');
		await expect(run([fresh], { twilio: { authToken: 'wrong' } })).rejects.toThrow(/refused the credentials for the media \(HTTP 401\)/);

		const { out } = await run([item, fresh], { continueOnFail: true });
		expect(out[0].json).toEqual({ error: expect.stringMatching(/no longer exists/), details: expect.stringMatching(/send it again/) });
		expect(out[1].json).toMatchObject({ transcribed: true, text: SAID });
	});

	it('downloads with the credential\'s API key when it has one', async () => {
		const item = await inbound(oggOpusVoiceNote({ transcript: SAID }), 'audio/ogg');
		const { out } = await run([item], { twilio: { authToken: 'not-used', apiKeySid: API_KEY.sid, apiKeySecret: API_KEY.secret } });
		expect(out[0].json).toMatchObject({ transcribed: true, text: SAID });
	});

	it.each([true, false])('answers "too_large" for media over what OpenAI takes (length declared: %p)', async (declared) => {
		const big = Buffer.alloc(26 * 1024 * 1024);
		const server = createServer((_req, res) => {
			// Without a content-length the body comes chunked, and the download stops once past the limit.
			res.writeHead(200, { 'content-type': 'audio/ogg', ...(declared ? { 'content-length': big.length } : {}) });
			res.end(big);
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		try {
			const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const { out } = await run([{ media: [{ url: `${origin}/2010-04-01/Accounts/${ACCOUNT}/Messages/MM1/Media/ME1`, contentType: 'audio/ogg' }] }], { twilio: { baseUrl: origin } });
			expect(out[0].json).toMatchObject({ transcribed: false, reason: 'too_large' });
		} finally {
			server.closeAllConnections();
			await new Promise((r) => server.close(r));
		}
	});

	it('never sends the Twilio credentials to a host that is not Twilio', async () => {
		const item = { media: [{ url: 'https://evil.example.com/Media/ME1', contentType: 'audio/ogg' }] };
		await expect(run([item])).rejects.toThrow(/not Twilio's, so the Twilio credentials are not sent there/);
		await expect(run([{ media: [{ url: 'http://api.twilio.com/2010-04-01/x', contentType: 'audio/ogg' }] }], { twilio: { baseUrl: '' } })).rejects.toThrow(/not Twilio's/);
	});

	it('fails the item for a wrong OpenAI key (a setup mistake, not the user\'s)', async () => {
		const item = await inbound(oggOpusVoiceNote({ transcript: SAID }), 'audio/ogg');
		const context = mockExecuteContext({
			items: [item],
			parameters: { mediaUrl: (item.media as Array<{ url: string }>)[0].url, contentType: 'audio/ogg', model: 'whisper-1', options: {} },
			credentials: { twilioWhatsAppApi: twilioCredential(), bestStagOpenAiApi: { apiKey: 'sk-wrong-key-000', baseUrl: `${openai.url}/v1` } },
			node: { credentials: { bestStagOpenAiApi: { id: 'o1', name: 'OpenAI' } } },
		});
		await expect(new TranscribeVoiceNote().execute.call(context.ctx)).rejects.toThrow(/The transcription failed: OpenAI answered 401/);
	});

	it('adds exactly the fields of its committed output schema', () => {
		expect(existsSync(SCHEMA_PATH)).toBe(true);
		expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaFile);
		const reasons = new Set<string>();
		for (const { input, output } of produced) {
			if ('details' in output.json) continue; // a failed item: { error, details }, the shared contract
			const added = Object.fromEntries(Object.entries(output.json).filter(([key]) => !(key in input) || key === 'text'));
			expect(schemaMismatches(added, OUTPUT_SCHEMA)).toEqual([]);
			reasons.add(String(output.json.reason ?? 'transcribed'));
		}
		expect([...reasons].sort()).toEqual(['empty_transcript', 'no_openai_key', 'not_a_voice_note', 'too_large', 'transcribed', 'transcription_unavailable', 'unsupported_format']);
		expect(schemaMismatches({ transcribed: 'yes' }, OUTPUT_SCHEMA)).toEqual(['$.transcribed: string, schema says boolean']);
	});
});
