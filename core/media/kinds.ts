/**
 * What an inbound WhatsApp media item is, by its content type (Twilio's MediaContentType<i>): a voice
 * note to transcribe, or an image, video or document to keep as an attachment link. Pure.
 */
import type { TranscriptionFormat } from '../limits/openai';

export type MediaKind = 'audio' | 'image' | 'video' | 'document';

/**
 * The largest audio WhatsApp carries (voice notes included): 16 MB.
 * Source: https://www.twilio.com/docs/whatsapp/guidance-whatsapp-media-messages ("the maximum size limit is 16MB")
 */
export const WHATSAPP_AUDIO_MAX_BYTES = 16 * 1024 * 1024;

/** "Audio/OGG; codecs=opus" → "audio/ogg"; blank or malformed → "application/octet-stream". */
export function baseContentType(contentType: string | null | undefined): string {
	const base = (contentType ?? '').split(';')[0].trim().toLowerCase();
	return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(base) ? base : 'application/octet-stream';
}

/**
 * The kind of a media item. WhatsApp stickers (image/webp) are images; anything that is not audio,
 * image or video (PDF, Office files, vCards, plain text) is a document.
 */
export function mediaKind(contentType: string | null | undefined): MediaKind {
	const base = baseContentType(contentType);
	if (base.startsWith('audio/') || base === 'application/ogg') return 'audio';
	if (base.startsWith('image/')) return 'image';
	if (base.startsWith('video/')) return 'video';
	return 'document';
}

/**
 * The OpenAI upload format for an audio content type, or undefined when OpenAI cannot transcribe it.
 * WhatsApp voice notes are audio/ogg (Opus). WhatsApp also carries audio/aac and audio/amr, which the
 * transcription endpoint refuses (see OPENAI_TRANSCRIPTION_FORMATS).
 * Sources: https://www.twilio.com/docs/whatsapp/guidance-whatsapp-media-messages (audio: OGG, AMR, 3GP, AAC, MPEG),
 * https://platform.openai.com/docs/api-reference/audio/createTranscription (file formats)
 */
export function transcriptionFormat(contentType: string | null | undefined): TranscriptionFormat | undefined {
	const base = baseContentType(contentType);
	const formats: Record<string, TranscriptionFormat> = {
		'audio/ogg': 'ogg',
		'audio/opus': 'ogg',
		'application/ogg': 'ogg',
		'audio/mpeg': 'mp3',
		'audio/mp3': 'mp3',
		'audio/mpga': 'mpga',
		'audio/mp4': 'm4a',
		'audio/m4a': 'm4a',
		'audio/x-m4a': 'm4a',
		'audio/wav': 'wav',
		'audio/wave': 'wav',
		'audio/x-wav': 'wav',
		'audio/vnd.wave': 'wav',
		'audio/webm': 'webm',
		'audio/flac': 'flac',
		'audio/x-flac': 'flac',
	};
	return formats[base];
}
