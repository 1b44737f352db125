import { AudioContainerError, readAudioInfo, transcriptTag, type AudioInfo } from '../../core/media/audio-container';
import {
	OPENAI_TRANSCRIPTION_FORMATS,
	OPENAI_TRANSCRIPTION_MAX_BYTES,
	OPENAI_TRANSCRIPTION_MODELS,
	OPENAI_TRANSCRIPTION_RESPONSE_FORMATS,
	responseFormatsOf,
	type TranscriptionResponseFormat,
} from '../../core/limits/openai';
import { estimateTokens } from './answer';
import { StandInHttpError } from './http';
import { TextBody, type Upload, type UploadRoute } from './standin';

/**
 * OpenAI's POST /v1/audio/transcriptions for the stand-in: multipart/form-data with `file`, `model`,
 * `language`, `prompt`, `response_format`, `temperature`, checked as the API checks them and refused
 * with its error bodies. It cannot hear: the transcript is the file's own metadata (the Vorbis comment
 * DESCRIPTION of an Ogg file, the LIST/INFO ICMT of a WAV), which sandbox voice notes carry
 * (sandbox/media/voice-note-file.ts); any other file transcribes to "". See README.md here.
 * Source: https://platform.openai.com/docs/api-reference/audio/createTranscription
 */

/** Models the stand-in accepts: the ones BestStag offers and their dated snapshot. */
const KNOWN_MODELS: readonly string[] = [...OPENAI_TRANSCRIPTION_MODELS, 'gpt-4o-mini-transcribe-2025-12-15'];

/** OpenAI's 400 body. */
const invalid = (message: string, param: string | null = null, code: string | null = null) =>
	new StandInHttpError(400, { error: { message, type: 'invalid_request_error', param, code } });

/** The validation message OpenAI answers for a missing form field (its wording, seen on the live API). */
const missingField = (name: string) => invalid(`1 validation error for Request\nbody -> ${name}\n  field required (type=value_error.missing)`);

/** Source of the wording: the live API's 400 for an undecodable upload, as reported in e.g. https://github.com/B4PT0R/streamlit-mic-recorder/issues/10 */
const invalidFormat = () => invalid(`Invalid file format. Supported formats: [${OPENAI_TRANSCRIPTION_FORMATS.map((f) => `'${f}'`).join(', ')}]`);

/** What a transcription request asks, after the checks. */
interface TranscriptionRequest {
	file: File;
	model: string;
	language?: string;
	responseFormat: TranscriptionResponseFormat;
	temperature: number;
	granularities: string[];
}

async function readForm(upload: Upload): Promise<FormData> {
	const type = upload.contentType ?? '';
	if (!/^multipart\/form-data\s*;/i.test(type)) {
		throw invalid(`Invalid Content-Type header (${type || 'none'}), expected multipart/form-data. (HINT: send the audio file as a multipart upload.)`);
	}
	try {
		// The runtime's own multipart parser (undici), the one fetch uses.
		return await new Response(new Uint8Array(upload.body), { headers: { 'content-type': type } }).formData();
	} catch (error) {
		throw invalid(`Could not parse multipart form: ${(error as Error).message}`);
	}
}

const text = (form: FormData, name: string): string | undefined => {
	const value = form.get(name);
	return typeof value === 'string' ? value : undefined;
};

function checkRequest(form: FormData): TranscriptionRequest {
	const file = form.get('file');
	if (file === null) throw missingField('file');
	if (typeof file === 'string') throw invalid("1 validation error for Request\nbody -> file\n  Expected UploadFile, received: <class 'str'> (type=value_error)");
	const model = text(form, 'model');
	if (model === undefined || model === '') throw missingField('model');
	if (!KNOWN_MODELS.includes(model)) throw invalid('invalid model ID');
	const format = (text(form, 'response_format') || 'json') as TranscriptionResponseFormat;
	if (!OPENAI_TRANSCRIPTION_RESPONSE_FORMATS.includes(format)) {
		throw invalid(`Invalid value: '${format}'. Supported values are: ${OPENAI_TRANSCRIPTION_RESPONSE_FORMATS.map((f) => `'${f}'`).join(', ')}.`, 'response_format', 'invalid_value');
	}
	if (!responseFormatsOf(model).includes(format)) {
		throw invalid(`response_format '${format}' is not compatible with model '${model}'. Use 'json' or 'text' instead.`, 'response_format', 'unsupported_value');
	}
	const language = text(form, 'language');
	if (language !== undefined && language !== '' && !/^[a-z]{2}$/.test(language)) {
		throw invalid(`Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`, 'language', 'invalid_value');
	}
	const rawTemperature = text(form, 'temperature');
	const temperature = rawTemperature === undefined || rawTemperature === '' ? 0 : Number(rawTemperature);
	if (!Number.isFinite(temperature) || temperature < 0 || temperature > 1) {
		throw invalid(`Invalid 'temperature': ${rawTemperature}. Expected a number between 0 and 1.`, 'temperature', 'invalid_value');
	}
	if (text(form, 'stream') === 'true') throw invalid('This stand-in does not stream transcriptions: leave out stream.', 'stream', 'unsupported_value');
	const granularities = form.getAll('timestamp_granularities[]').filter((g): g is string => typeof g === 'string');
	if (granularities.length > 0 && format !== 'verbose_json') {
		throw invalid("timestamp_granularities requires response_format 'verbose_json'.", 'timestamp_granularities', 'invalid_value');
	}
	return { file, model, language: language || undefined, responseFormat: format, temperature, granularities };
}

function audioInfo(bytes: Uint8Array): AudioInfo {
	try {
		const info = readAudioInfo(bytes);
		if (info) return info;
	} catch (error) {
		if (!(error instanceof AudioContainerError)) throw error;
	}
	throw invalidFormat();
}

/** "pt" → "portuguese", as whisper names the language it heard. */
function languageName(code: string | undefined): string {
	if (!code) return 'english';
	try {
		return (new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code).toLowerCase();
	} catch {
		return code;
	}
}

/** "00:00:03,200" (SubRip) or "00:00:03.200" (WebVTT). */
function timestamp(seconds: number, separator: ',' | '.'): string {
	const ms = Math.round(seconds * 1000);
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

/** The transcript an `answer` fault forces: a string, or {text}. */
function forcedTranscript(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value !== null && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string') return (value as { text: string }).text;
	throw invalid('An answer fault for a transcription must be a string or {"text": "..."}.');
}

async function transcribe(upload: Upload, ctx: { override?: { value: unknown } }): Promise<unknown> {
	const request = checkRequest(await readForm(upload));
	const bytes = new Uint8Array(await request.file.arrayBuffer());
	const info = audioInfo(bytes);
	const duration = info.durationSeconds ?? 0;
	if (info.durationSeconds !== undefined && info.durationSeconds < 0.1) {
		throw invalid('Audio file is too short. Minimum audio length is 0.1 seconds.', 'file', 'audio_too_short');
	}
	const transcript = ctx.override ? forcedTranscript(ctx.override.value)! : (transcriptTag(info) ?? '');
	const seconds = Math.max(1, Math.ceil(duration));
	switch (request.responseFormat) {
		case 'text':
			return new TextBody(`${transcript}\n`, 'text/plain; charset=utf-8');
		case 'srt':
			return new TextBody(transcript ? `1\n${timestamp(0, ',')} --> ${timestamp(duration, ',')}\n${transcript}\n\n` : '', 'text/plain; charset=utf-8');
		case 'vtt':
			return new TextBody(`WEBVTT\n\n${transcript ? `${timestamp(0, '.')} --> ${timestamp(duration, '.')}\n${transcript}\n\n` : ''}`, 'text/plain; charset=utf-8');
		case 'verbose_json': {
			const words = transcript.split(/\s+/).filter(Boolean);
			const step = words.length ? duration / words.length : 0;
			return {
				task: 'transcribe',
				language: languageName(request.language ?? info.tags.LANGUAGE ?? info.tags.ILNG),
				duration,
				text: transcript,
				...(request.granularities.includes('word') ? { words: words.map((word, i) => ({ word, start: i * step, end: (i + 1) * step })) } : {}),
				...(request.granularities.length === 0 || request.granularities.includes('segment')
					? {
							segments: transcript
								? [{ id: 0, seek: 0, start: 0, end: duration, text: ` ${transcript}`, tokens: [], temperature: request.temperature, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 }]
								: [],
						}
					: {}),
				usage: { type: 'duration', seconds },
			};
		}
		default: {
			if (request.model === 'whisper-1') return { text: transcript, usage: { type: 'duration', seconds } };
			// Estimates: about 10 audio tokens a second, 4 characters a text token (README.md, "Deviations").
			const audioTokens = Math.ceil(duration * 10);
			const outputTokens = transcript ? estimateTokens(transcript) : 0;
			return {
				text: transcript,
				usage: { type: 'tokens', input_tokens: audioTokens, input_token_details: { text_tokens: 0, audio_tokens: audioTokens }, output_tokens: outputTokens, total_tokens: audioTokens + outputTokens },
			};
		}
	}
}

/** The route, as openai-server.ts registers it. */
export const transcriptionRoute: UploadRoute = {
	maxBytes: OPENAI_TRANSCRIPTION_MAX_BYTES,
	// The live API's 413 (type server_error), e.g. https://github.com/chidiwilliams/buzz/issues/381
	tooLarge: (max, read) => new StandInHttpError(413, { error: { message: `Maximum content size limit (${max}) exceeded (${read} bytes read)`, type: 'server_error', param: null, code: null } }),
	describe: async (upload) => {
		try {
			const form = await readForm(upload);
			const fields: Record<string, unknown> = {};
			for (const [name, value] of form) fields[name] = typeof value === 'string' ? value : { name: value.name, type: value.type, size: value.size };
			return fields;
		} catch {
			return { contentType: upload.contentType, size: upload.body.length };
		}
	},
	handle: transcribe,
};
