import OpenAI, { toFile } from 'openai';

import { OPENAI_TRANSCRIPTION_MAX_BYTES } from '../../../../core/limits/openai';
import { oggOpusVoiceNote, wavVoiceNote } from '../../../../sandbox/media/voice-note-file';
import { startOpenAiStandIn } from '../../../../sandbox/llm/openai-server';
import type { RunningStandIn } from '../../../../sandbox/llm/standin';

const KEY = 'sk-transcription-test';
let standIn: RunningStandIn;
let client: OpenAI;

beforeAll(async () => {
	standIn = await startOpenAiStandIn({ port: 0, apiKey: KEY });
	client = new OpenAI({ apiKey: KEY, baseURL: `${standIn.url}/v1`, maxRetries: 0 });
});
afterAll(() => standIn.close());
afterEach(() => standIn.faults.clear());

const SAID = 'me lembra amanhã às 9h de pagar o boleto';
const voiceNote = (transcript = SAID, durationSeconds = 2) => toFile(oggOpusVoiceNote({ transcript, durationSeconds, language: 'pt' }), 'voice-note.ogg', { type: 'audio/ogg' });

/** The OpenAI error the SDK raised, with its status and body fields. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string; type: string; param: string | null; code: string | null }> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof OpenAI.APIError) {
			const body = error.error as { message: string; type: string; param: string | null; code: string | null };
			return { status: error.status ?? 0, message: body.message, type: body.type, param: body.param, code: body.code };
		}
		throw error;
	}
	throw new Error('The request was not refused.');
}

describe('OpenAI stand-in: POST /v1/audio/transcriptions through the official SDK', () => {
	it.each(['gpt-4o-mini-transcribe', 'gpt-4o-transcribe', 'whisper-1'])('transcribes a sandbox voice note with %s from its metadata', async (model) => {
		const result = await client.audio.transcriptions.create({ file: await voiceNote(), model, language: 'pt', prompt: 'BestStag' });
		expect(result.text).toBe(SAID);
		expect(result.usage?.type).toBe(model === 'whisper-1' ? 'duration' : 'tokens');
		const sent = standIn.requests.at(-1)!;
		expect(sent).toMatchObject({ method: 'POST', path: '/v1/audio/transcriptions' });
		expect(sent.body).toMatchObject({ model, language: 'pt', prompt: 'BestStag', file: { name: 'voice-note.ogg', type: 'audio/ogg', size: expect.any(Number) } });
	});

	it('reads a WAV transcript (LIST/INFO ICMT) too', async () => {
		const file = await toFile(wavVoiceNote({ transcript: 'anota comprar pão' }), 'note.wav', { type: 'audio/wav' });
		expect((await client.audio.transcriptions.create({ file, model: 'whisper-1' })).text).toBe('anota comprar pão');
	});

	it('transcribes a file without a transcript tag to "" (it cannot hear)', async () => {
		const untagged = await toFile(oggOpusVoiceNote({ durationSeconds: 2 }), 'voice-note.ogg', { type: 'audio/ogg' });
		expect((await client.audio.transcriptions.create({ file: untagged, model: 'gpt-4o-mini-transcribe' })).text).toBe('');
	});

	it('answers text, srt, vtt and verbose_json as the SDK expects them', async () => {
		const file = await voiceNote(SAID, 3.2);
		expect(await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'text' })).toBe(`${SAID}\n`);
		expect(await client.audio.transcriptions.create({ file: await voiceNote(SAID, 3.2), model: 'whisper-1', response_format: 'srt' })).toBe(`1\n00:00:00,000 --> 00:00:03,200\n${SAID}\n\n`);
		expect(await client.audio.transcriptions.create({ file: await voiceNote(SAID, 3.2), model: 'whisper-1', response_format: 'vtt' })).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:03\.200\n/);
		const verbose = await client.audio.transcriptions.create({ file: await voiceNote(SAID, 3.2), model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] });
		expect(verbose).toMatchObject({ language: 'portuguese', text: SAID, segments: [{ start: 0, text: ` ${SAID}` }] });
		expect(verbose.duration).toBeCloseTo(3.2, 1);
		expect(verbose.words).toHaveLength(SAID.split(' ').length);
	});

	it('refuses what OpenAI refuses, in its error shapes', async () => {
		expect(await refusal(client.audio.transcriptions.create({ file: await voiceNote(), model: 'whisper-2' }))).toMatchObject({ status: 400, message: 'invalid model ID', type: 'invalid_request_error' });
		expect(await refusal(client.audio.transcriptions.create({ file: await voiceNote(), model: 'gpt-4o-transcribe', response_format: 'verbose_json' }))).toMatchObject({
			status: 400,
			message: "response_format 'verbose_json' is not compatible with model 'gpt-4o-transcribe'. Use 'json' or 'text' instead.",
			param: 'response_format',
			code: 'unsupported_value',
		});
		const pdf = await toFile(new TextEncoder().encode('%PDF-1.7 not audio'), 'boleto.pdf', { type: 'application/pdf' });
		expect(await refusal(client.audio.transcriptions.create({ file: pdf, model: 'whisper-1' }))).toMatchObject({ status: 400, message: expect.stringMatching(/^Invalid file format\. Supported formats: \['flac', 'm4a'/) });
		const damaged = oggOpusVoiceNote({ transcript: SAID });
		damaged[60] ^= 0xff;
		expect(await refusal(client.audio.transcriptions.create({ file: await toFile(damaged, 'v.ogg'), model: 'whisper-1' }))).toMatchObject({ status: 400, message: expect.stringMatching(/^Invalid file format/) });
		expect(await refusal(client.audio.transcriptions.create({ file: await voiceNote(SAID, 0.02), model: 'whisper-1' }))).toMatchObject({ status: 400, code: 'audio_too_short' });
		expect(await refusal(client.audio.transcriptions.create({ file: await voiceNote(), model: 'whisper-1', language: 'portuguese' }))).toMatchObject({ status: 400, param: 'language' });
		expect(await refusal(client.audio.transcriptions.create({ file: await voiceNote(), model: 'whisper-1', temperature: 1.5 }))).toMatchObject({ status: 400, param: 'temperature' });
	});

	it('refuses a request without a file or a model with the API validation message', async () => {
		const form = new FormData();
		form.set('model', 'whisper-1');
		const res = await fetch(`${standIn.url}/v1/audio/transcriptions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: form });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: { message: '1 validation error for Request\nbody -> file\n  field required (type=value_error.missing)', type: 'invalid_request_error', param: null, code: null } });
		const noModel = new FormData();
		noModel.set('file', new Blob([oggOpusVoiceNote({ transcript: 'oi' })], { type: 'audio/ogg' }), 'v.ogg');
		const res2 = await fetch(`${standIn.url}/v1/audio/transcriptions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: noModel });
		expect(((await res2.json()) as { error: { message: string } }).error.message).toMatch(/body -> model\n {2}field required/);
		const json = await fetch(`${standIn.url}/v1/audio/transcriptions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: '{}' });
		expect(json.status).toBe(400);
	});

	it('answers 413 past 25 MB, naming the limit and the bytes read', async () => {
		const big = new Uint8Array(OPENAI_TRANSCRIPTION_MAX_BYTES + 1024);
		big.set(oggOpusVoiceNote({ transcript: 'x' }));
		const error = await refusal(client.audio.transcriptions.create({ file: await toFile(big, 'big.ogg'), model: 'whisper-1' }));
		expect(error).toMatchObject({ status: 413, type: 'server_error' });
		expect(error.message).toMatch(/^Maximum content size limit \(26214400\) exceeded \(\d+ bytes read\)$/);
	});

	it('asks for the key like the other endpoints, and honours injected faults', async () => {
		const anonymous = new OpenAI({ apiKey: 'sk-wrong-key-999', baseURL: `${standIn.url}/v1`, maxRetries: 0 });
		expect(await refusal(anonymous.audio.transcriptions.create({ file: await voiceNote(), model: 'whisper-1' }))).toMatchObject({ status: 401, code: 'invalid_api_key' });
		standIn.faults.inject({ type: 'rate_limit', retryAfterSeconds: 2 });
		expect(await refusal(client.audio.transcriptions.create({ file: await voiceNote(), model: 'whisper-1' }))).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
		standIn.faults.inject({ type: 'answer', value: 'texto forçado' });
		expect((await client.audio.transcriptions.create({ file: await voiceNote(), model: 'whisper-1' })).text).toBe('texto forçado');
	});
});
