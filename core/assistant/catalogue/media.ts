import { defineSlice } from './types';

/** The kinds of attachment a user sends besides voice notes (core/media/kinds.ts). */
export type AttachmentKind = 'image' | 'video' | 'document';

/** Voice notes (what was understood, or why nothing was) and attachments (acknowledged, link stored). */
export interface MediaParams {
	/** Put before the turn's own reply, so the user sees what the transcription understood. */
	'media.voice.understood': { transcript: string };
	'media.voice.no_key': Record<string, never>;
	'media.voice.empty_transcript': Record<string, never>;
	'media.voice.unsupported_format': Record<string, never>;
	'media.voice.too_large': Record<string, never>;
	'media.voice.transcription_unavailable': Record<string, never>;
	/** `taskTitle` when the link was stored on the task the message created; else it is on the message. */
	'media.attachment.saved': { kind: AttachmentKind; count: number; taskTitle?: string };
}

const PT_KINDS: Record<AttachmentKind, [string, string]> = { image: ['sua foto', 'suas {n} fotos'], video: ['seu vídeo', 'seus {n} vídeos'], document: ['seu documento', 'seus {n} documentos'] };
const EN_KINDS: Record<AttachmentKind, [string, string]> = { image: ['photo', '{n} photos'], video: ['video', '{n} videos'], document: ['document', '{n} documents'] };
const counted = ([one, many]: [string, string], n: number) => (n > 1 ? many.replace('{n}', String(n)) : one);

export const media = defineSlice<MediaParams>({
	texts: {
		'pt-BR': {
			'media.voice.understood': ({ transcript }) => `🎤 Entendi: “${transcript}”`,
			'media.voice.no_key': () =>
				'🎤 Recebi seu áudio, mas ainda não consigo ouvir áudios: a transcrição precisa de uma chave da OpenAI, e ela não foi configurada. Pode me mandar por escrito? ✍️',
			'media.voice.empty_transcript': () => '🎤 Não consegui entender nada nesse áudio. Pode repetir ou mandar por escrito?',
			'media.voice.unsupported_format': () => '🎤 Não consigo ouvir áudios nesse formato. Grava direto no WhatsApp (segurando o microfone) ou me manda por escrito?',
			'media.voice.too_large': () => '🎤 Esse áudio é grande demais para eu ouvir (máximo de 25 MB). Pode mandar um mais curto ou escrever?',
			'media.voice.transcription_unavailable': () => '🎤 Não consegui ouvir seu áudio agora. Tenta de novo daqui a pouco ou me manda por escrito?',
			'media.attachment.saved': ({ kind, count, taskTitle }) =>
				taskTitle
					? `📎 Recebi ${counted(PT_KINDS[kind], count)} e guardei junto da tarefa *${taskTitle}*.`
					: `📎 Recebi ${counted(PT_KINDS[kind], count)} e guardei o link aqui na conversa.`,
		},
		en: {
			'media.voice.understood': ({ transcript }) => `🎤 I heard: “${transcript}”`,
			'media.voice.no_key': () => "🎤 Got your voice note, but I can't listen to audio yet: transcription needs an OpenAI key, and none has been set up. Could you write it instead? ✍️",
			'media.voice.empty_transcript': () => "🎤 I couldn't make out anything in that voice note. Could you say it again or write it?",
			'media.voice.unsupported_format': () => "🎤 I can't listen to audio in that format. Record it in WhatsApp itself (hold the mic button) or write it?",
			'media.voice.too_large': () => "🎤 That audio is too big for me to listen to (25 MB at most). Could you send a shorter one or write it?",
			'media.voice.transcription_unavailable': () => "🎤 I couldn't listen to your voice note right now. Try again in a moment, or write it?",
			'media.attachment.saved': ({ kind, count, taskTitle }) =>
				taskTitle ? `📎 Got your ${counted(EN_KINDS[kind], count)} and saved it with the task *${taskTitle}*.` : `📎 Got your ${counted(EN_KINDS[kind], count)} and kept the link in our chat.`,
		},
	},
	examples: {
		'media.voice.understood': { transcript: 'comprar pão amanhã cedo' },
		'media.voice.no_key': {},
		'media.voice.empty_transcript': {},
		'media.voice.unsupported_format': {},
		'media.voice.too_large': {},
		'media.voice.transcription_unavailable': {},
		'media.attachment.saved': { kind: 'image', count: 1, taskTitle: 'Boleto do condomínio' },
	},
});
