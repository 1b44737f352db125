/**
 * Voice notes and attachments in a turn, as pure decisions the inbound workflow shows: which media of a
 * message is a voice note to transcribe and which are attachments to keep, the Attachments field's
 * value, the reply for each way a voice note can end, and the "🎤 Entendi: “…”" line that shows the user
 * what was understood. Texts come from the catalogue (catalogue/media.ts).
 */
import { WHATSAPP_BODY_LIMIT, WHATSAPP_QUICK_REPLY_BODY_LIMIT } from '../limits/whatsapp';
import { mediaKind } from '../media/kinds';
import { truncateGraphemes } from '../text/graphemes';
import type { InboundMedia } from '../whatsapp/inbound';
import { renderMessage, type RenderedMessage } from './catalogue';
import type { AttachmentKind } from './catalogue/media';
import type { Locale } from './locale';

/** Why the Transcribe Voice Note node gave no transcript (its output's `reason`). */
export const VOICE_NOTE_REASONS = ['no_openai_key', 'not_a_voice_note', 'unsupported_format', 'too_large', 'empty_transcript', 'transcription_unavailable'] as const;

export type VoiceNoteReason = (typeof VOICE_NOTE_REASONS)[number];

/** A message's media, split the way the turn handles them. */
export interface MediaPlan {
	/** The first audio item (WhatsApp sends a voice note alone), or null. */
	voiceNote: InboundMedia | null;
	/** Images, videos and documents, in the order sent: acknowledged, their links stored. */
	attachments: InboundMedia[];
}

/** Splits an inbound message's media (InboundMessage.media) into its voice note and its attachments. */
export function planInboundMedia(media: readonly InboundMedia[]): MediaPlan {
	const audio = media.filter((item) => mediaKind(item.contentType) === 'audio');
	return { voiceNote: audio[0] ?? null, attachments: media.filter((item) => mediaKind(item.contentType) !== 'audio') };
}

/**
 * The value of an Attachments field (Messages, Tasks): one media URL per line, "" when there are none.
 * Twilio media URLs need the account's credentials to open, so storing them leaks nothing.
 */
export function attachmentLinks(attachments: readonly InboundMedia[]): string {
	return attachments.map((item) => item.url).join('\n');
}

/**
 * The catalogue key that answers a voice note without a transcript, or undefined for `not_a_voice_note`
 * (the message had no audio: it goes on as text).
 */
export function voiceReplyKey(reason: VoiceNoteReason): string | undefined {
	return reason === 'not_a_voice_note' ? undefined : reason === 'no_openai_key' ? 'media.voice.no_key' : `media.voice.${reason}`;
}

/**
 * The turn's reply with "🎤 Entendi: “<transcript>”" on its own paragraph first, in the reply's language,
 * so the user sees what was understood. A long transcript is shortened (on a grapheme boundary, with
 * "…") so the whole text stays within WhatsApp's body limit (1024 with quick replies, else 1600);
 * the reply's own text and buttons are kept whole.
 * Sources: https://www.twilio.com/docs/api/errors/21617, https://www.twilio.com/docs/content/twilio-quick-reply
 */
export function withUnderstood(locale: Locale, transcript: string, reply: RenderedMessage): RenderedMessage {
	const said = transcript.replace(/\s+/g, ' ').trim();
	const limit = reply.buttons?.length ? WHATSAPP_QUICK_REPLY_BODY_LIMIT : WHATSAPP_BODY_LIMIT;
	const frame = renderMessage(locale, 'media.voice.understood', { transcript: '' }).text.length + 2 + reply.text.length;
	const room = Math.max(1, Math.min(300, limit - frame));
	const line = renderMessage(locale, 'media.voice.understood', { transcript: truncateGraphemes(said, room) }).text;
	return { ...reply, text: `${line}\n\n${reply.text}` };
}

/**
 * The acknowledgement of a message's attachments: the kind of the first one (photo, video, document),
 * how many, and where the link was stored (the task's title, or the conversation).
 * @throws RangeError when there are no attachments to acknowledge
 */
export function acknowledgeAttachments(locale: Locale, attachments: readonly InboundMedia[], taskTitle?: string): RenderedMessage {
	if (attachments.length === 0) throw new RangeError('There is no attachment to acknowledge.');
	const first = mediaKind(attachments[0].contentType);
	const kind: AttachmentKind = first === 'audio' ? 'document' : first;
	return renderMessage(locale, 'media.attachment.saved', { kind, count: attachments.length, taskTitle: taskTitle || undefined });
}
