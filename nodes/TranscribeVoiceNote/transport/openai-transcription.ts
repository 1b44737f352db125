/**
 * Speech to text through the official `openai` SDK: client.audio.transcriptions.create with the file
 * wrapped by toFile (name with the format's extension and the content type, which the API uses to
 * identify the format). The credential's Base URL points it at the sandbox's stand-in.
 * Source: https://platform.openai.com/docs/api-reference/audio/createTranscription
 */
import OpenAI, { toFile } from 'openai';

import { fromSdkError, LlmCallError } from '../../../core/llm/errors';
import type { TranscriptionFormat } from '../../../core/limits/openai';

export interface TranscriptionSettings {
	apiKey: string;
	/** Blank or absent means OpenAI itself. */
	baseURL?: string;
	model: string;
	/** ISO-639-1, e.g. "pt"; absent lets the model detect the language. */
	language?: string;
	/** Words the model should expect (names, "BestStag"); absent sends none. */
	prompt?: string;
	timeoutMs: number;
}

export interface Transcript {
	text: string;
	model: string;
	latencyMs: number;
}

/**
 * Transcribes one audio file (one attempt: the SDK's own retry once for a dropped connection).
 * @throws LlmCallError (core/llm/errors.ts) whose `kind` says why: auth and bad_request are configuration
 *   mistakes; timeout, connection, rate_limited, overloaded and server_error are the service's moment
 */
export async function transcribeAudio(settings: TranscriptionSettings, audio: { data: Uint8Array; format: TranscriptionFormat; contentType: string }): Promise<Transcript> {
	const client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL || undefined, timeout: settings.timeoutMs, maxRetries: 1 });
	const started = performance.now();
	try {
		const file = await toFile(audio.data, `voice-note.${audio.format}`, { type: audio.contentType });
		const result = await client.audio.transcriptions.create({
			file,
			model: settings.model,
			response_format: 'json',
			...(settings.language ? { language: settings.language } : {}),
			...(settings.prompt ? { prompt: settings.prompt } : {}),
		});
		if (typeof result?.text !== 'string') throw new LlmCallError('openai', 'bad_answer', 'OpenAI answered the transcription without a text.');
		return { text: result.text, model: settings.model, latencyMs: Math.round(performance.now() - started) };
	} catch (error) {
		throw fromSdkError('openai', error, OpenAI, settings.timeoutMs, performance.now() - started);
	}
}
