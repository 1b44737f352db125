import { acknowledgeAttachments, attachmentLinks, planInboundMedia, voiceReplyKey, VOICE_NOTE_REASONS, withUnderstood } from '../../../../core/assistant/media';
import { renderMessage } from '../../../../core/assistant/catalogue';
import { WHATSAPP_BODY_LIMIT, WHATSAPP_QUICK_REPLY_BODY_LIMIT } from '../../../../core/limits/whatsapp';
import { baseContentType, mediaKind, transcriptionFormat } from '../../../../core/media/kinds';

const url = (n: number) => `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages/MM${'1'.repeat(32)}/Media/ME${String(n).padStart(32, '0')}`;

describe('media kinds', () => {
	it.each([
		['audio/ogg', 'audio', 'ogg'],
		['audio/ogg; codecs=opus', 'audio', 'ogg'],
		['Audio/OGG', 'audio', 'ogg'],
		['audio/mpeg', 'audio', 'mp3'],
		['audio/mp4', 'audio', 'm4a'],
		['audio/amr', 'audio', undefined],
		['audio/aac', 'audio', undefined],
		['image/jpeg', 'image', undefined],
		['image/webp', 'image', undefined],
		['video/mp4', 'video', undefined],
		['application/pdf', 'document', undefined],
		['text/vcard', 'document', undefined],
		['', 'document', undefined],
		['not a type', 'document', undefined],
	])('%p is %s (OpenAI format %p)', (type, kind, format) => {
		expect(mediaKind(type)).toBe(kind);
		expect(transcriptionFormat(type)).toBe(format);
	});

	it('normalises content types and rejects malformed ones', () => {
		expect(baseContentType(' audio/OGG ; codecs=opus')).toBe('audio/ogg');
		expect(baseContentType(undefined)).toBe('application/octet-stream');
		expect(baseContentType('audio/ogg\r\nx: y')).toBe('application/octet-stream');
	});
});

describe('planning a message with media', () => {
	it('takes the first audio as the voice note and keeps the rest as attachments', () => {
		const plan = planInboundMedia([
			{ url: url(1), contentType: 'image/jpeg' },
			{ url: url(2), contentType: 'audio/ogg' },
			{ url: url(3), contentType: 'application/pdf' },
		]);
		expect(plan.voiceNote?.url).toBe(url(2));
		expect(plan.attachments.map((a) => a.url)).toEqual([url(1), url(3)]);
		expect(attachmentLinks(plan.attachments)).toBe(`${url(1)}\n${url(3)}`);
		expect(planInboundMedia([])).toEqual({ voiceNote: null, attachments: [] });
		expect(attachmentLinks([])).toBe('');
	});

	it('has a reply for every reason a voice note has no transcript, except a message without audio', () => {
		for (const reason of VOICE_NOTE_REASONS) {
			const key = voiceReplyKey(reason);
			if (reason === 'not_a_voice_note') expect(key).toBeUndefined();
			else expect(renderMessage('pt-BR', key!).text).toMatch(/^🎤 /);
		}
		expect(renderMessage('pt-BR', voiceReplyKey('no_openai_key')!).text).toMatch(/OpenAI/);
		expect(renderMessage('en', voiceReplyKey('no_openai_key')!).text).toMatch(/OpenAI key/);
	});
});

describe('showing what was understood', () => {
	it('puts "🎤 Entendi" before the reply, in the reply\'s language, buttons kept', () => {
		const reply = { text: 'Anotado! ✅ Tarefa *2*: comprar pão, amanhã, 09:00.', buttons: [{ id: 'undo:t1', title: 'Desfazer' }] };
		expect(withUnderstood('pt-BR', '  anota   comprar pão\namanhã 9h ', reply)).toEqual({ text: `🎤 Entendi: “anota comprar pão amanhã 9h”\n\n${reply.text}`, buttons: reply.buttons });
		expect(withUnderstood('en', 'buy bread', { text: 'Noted!' }).text).toBe('🎤 I heard: “buy bread”\n\nNoted!');
	});

	it('shortens a long transcript so the whole message fits WhatsApp, never the reply itself', () => {
		const long = 'blá '.repeat(2000);
		const plain = withUnderstood('pt-BR', long, { text: 'x'.repeat(1400) });
		expect(plain.text.length).toBeLessThanOrEqual(WHATSAPP_BODY_LIMIT);
		expect(plain.text).toMatch(/…”\n\nx{1400}$/);
		const withButtons = withUnderstood('pt-BR', long, { text: 'ok', buttons: [{ id: 'a:b', title: 'Sim' }] });
		expect(withButtons.text.length).toBeLessThanOrEqual(WHATSAPP_QUICK_REPLY_BODY_LIMIT);
		expect(withUnderstood('pt-BR', long, { text: 'ok' }).text.length).toBeLessThan(400);
	});
});

describe('acknowledging attachments', () => {
	it('names the kind, the count and where the link went', () => {
		expect(acknowledgeAttachments('pt-BR', [{ url: url(1), contentType: 'image/jpeg' }]).text).toBe('📎 Recebi sua foto e guardei o link aqui na conversa.');
		expect(acknowledgeAttachments('pt-BR', [{ url: url(1), contentType: 'application/pdf' }], 'Pagar o boleto').text).toBe('📎 Recebi seu documento e guardei junto da tarefa *Pagar o boleto*.');
		expect(acknowledgeAttachments('en', [1, 2].map((n) => ({ url: url(n), contentType: 'image/png' }))).text).toBe('📎 Got your 2 photos and kept the link in our chat.');
		expect(() => acknowledgeAttachments('pt-BR', [])).toThrow(RangeError);
	});
});
