/**
 * OpenAI's speech-to-text contract as BestStag uses it (POST /v1/audio/transcriptions), each fact with
 * the page that states it. Pure data: the Transcribe Voice Note node and the OpenAI stand-in both read
 * it from here, so the stand-in cannot drift from what the node expects.
 */

/**
 * The largest upload the transcription endpoint reads: 25 MB, counted as 26 214 400 bytes of request
 * body (the 413 says "Maximum content size limit (26214400) exceeded").
 * Source: https://platform.openai.com/docs/guides/speech-to-text ("File uploads are currently limited to 25 MB")
 */
export const OPENAI_TRANSCRIPTION_MAX_BYTES = 25 * 1024 * 1024;

/**
 * The audio formats the endpoint accepts, by file extension, in the order its 400 lists them.
 * Source: https://platform.openai.com/docs/api-reference/audio/createTranscription (file: "flac, mp3,
 * mp4, mpeg, mpga, m4a, ogg, wav, or webm"); the 400 for anything else also lists "oga".
 */
export const OPENAI_TRANSCRIPTION_FORMATS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'] as const;

export type TranscriptionFormat = (typeof OPENAI_TRANSCRIPTION_FORMATS)[number];

/**
 * The speech-to-text models BestStag offers, cheapest first.
 * Source: https://platform.openai.com/docs/api-reference/audio/createTranscription (model)
 */
export const OPENAI_TRANSCRIPTION_MODELS = ['gpt-4o-mini-transcribe', 'gpt-4o-transcribe', 'whisper-1'] as const;

export type TranscriptionModel = (typeof OPENAI_TRANSCRIPTION_MODELS)[number];

/** The model the node uses when none is named: the cheapest that handles informal pt-BR well. */
export const DEFAULT_TRANSCRIPTION_MODEL: TranscriptionModel = 'gpt-4o-mini-transcribe';

/**
 * The answer formats of the endpoint. The gpt-4o transcribe models only answer `json` and `text`
 * (their 400: "response_format 'verbose_json' is not compatible with model … Use 'json' or 'text' instead.").
 * Source: https://platform.openai.com/docs/api-reference/audio/createTranscription (response_format)
 */
export const OPENAI_TRANSCRIPTION_RESPONSE_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'] as const;

export type TranscriptionResponseFormat = (typeof OPENAI_TRANSCRIPTION_RESPONSE_FORMATS)[number];

/** The response formats a model accepts (see OPENAI_TRANSCRIPTION_RESPONSE_FORMATS). */
export function responseFormatsOf(model: string): readonly TranscriptionResponseFormat[] {
	return model === 'whisper-1' ? OPENAI_TRANSCRIPTION_RESPONSE_FORMATS : ['json', 'text'];
}
