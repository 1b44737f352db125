import { insideServiceWindow, planReply } from '../../../../core/whatsapp/outbound-plan';
import { parseTwilioWebhook } from '../../../../core/whatsapp/inbound';
import { WHATSAPP_BODY_LIMIT } from '../../../../core/limits/whatsapp';
import { splitMessage } from '../../../../core/whatsapp/split';

const NOW = new Date('2026-11-20T13:00:00Z');
const SID = 'SM' + 'b'.repeat(32);

describe('parseTwilioWebhook', () => {
	it('parses a WhatsApp text with profile, media, location and a tapped button', () => {
		const item = parseTwilioWebhook(
			{
				MessageSid: SID,
				From: 'whatsapp:+5511987654321',
				To: 'whatsapp:+14155238886',
				WaId: '5511987654321',
				ProfileName: 'Ana',
				Body: 'oi',
				NumMedia: '1',
				MediaUrl0: 'https://api.twilio.com/media/1',
				MediaContentType0: 'image/jpeg',
				Latitude: '-23.55',
				Longitude: '-46.63',
				ButtonPayload: 'yes',
				ButtonText: 'Sim',
				SmsStatus: 'received',
			},
			NOW,
		);
		expect(item).toMatchObject({
			kind: 'message',
			messageSid: SID,
			phone: '+5511987654321',
			waId: '5511987654321',
			profileName: 'Ana',
			text: 'oi',
			media: [{ url: 'https://api.twilio.com/media/1', contentType: 'image/jpeg' }],
			location: { latitude: -23.55, longitude: -46.63 },
			button: { payload: 'yes', text: 'Sim' },
			receivedAt: NOW.toISOString(),
		});
	});

	it('recognises a status callback with its error code', () => {
		expect(parseTwilioWebhook({ MessageSid: SID, MessageStatus: 'failed', ErrorCode: '63016', To: 'whatsapp:+5511', From: 'whatsapp:+1' }, NOW)).toMatchObject({
			kind: 'status',
			status: 'failed',
			errorCode: '63016',
		});
	});

	it('refuses a payload without MessageSid', () => {
		expect(() => parseTwilioWebhook({ Body: 'x' }, NOW)).toThrow(/no MessageSid/);
	});
});

describe('splitMessage', () => {
	it('keeps short text whole', () => expect(splitMessage('oi')).toEqual(['oi']));

	it('cuts at paragraph, line or sentence boundaries under the limit, losing nothing', () => {
		const sentence = 'Esta é uma frase de exemplo para testar a divisão. ';
		const text = sentence.repeat(80).trim();
		const parts = splitMessage(text);
		expect(parts.length).toBeGreaterThan(1);
		for (const part of parts) {
			expect(part.length).toBeLessThanOrEqual(WHATSAPP_BODY_LIMIT);
			expect(part.trimEnd().endsWith('.')).toBe(true);
		}
		expect(parts.join('')).toBe(text);
	});

	it('cuts an unbroken string hard', () => {
		expect(splitMessage('x'.repeat(3500)).map((p) => p.length)).toEqual([1600, 1600, 300]);
	});
});

describe('planReply', () => {
	const base = { to: 'whatsapp:+5511987654321', text: 'Pronto!', now: NOW, lastInboundAt: '2026-11-20T12:00:00Z' };

	it('sends text inside the 24-hour window', () => {
		expect(planReply(base)).toEqual({ send: [{ kind: 'text', body: 'Pronto!', mediaUrls: [] }] });
	});

	it('sends nothing to an opted-out user except the opt-out confirmation', () => {
		expect(planReply({ ...base, optInStatus: 'opted_out' })).toEqual({ skip: 'opted_out' });
		expect(planReply({ ...base, optInStatus: 'opted_out', isOptOutConfirmation: true })).toHaveProperty('send');
	});

	it('uses the approved template outside the window, or refuses', () => {
		const old = { ...base, lastInboundAt: '2026-11-19T12:00:00Z' };
		expect(planReply(old)).toEqual({ skip: 'outside_window_no_template' });
		expect(planReply({ ...old, templateSid: 'HX' + 'a'.repeat(32), templateVariables: { 1: 'Ana' } })).toEqual({
			send: [{ kind: 'template', contentSid: 'HX' + 'a'.repeat(32), variables: { 1: 'Ana' } }],
		});
		expect(insideServiceWindow(null, NOW)).toBe(false);
	});

	it('makes up to 3 quick replies, and a numbered list beyond', () => {
		expect(planReply({ ...base, buttons: ['Sim', 'Não'] })).toEqual({ send: [{ kind: 'quickReply', body: 'Pronto!', buttons: ['Sim', 'Não'] }] });
		const many = planReply({ ...base, buttons: ['A', 'B', 'C', 'D'] }) as { send: Array<{ kind: string; body: string }> };
		expect(many.send[0].kind).toBe('text');
		expect(many.send[0].body).toContain('4. D');
	});

	it('splits a long reply and keeps media on the first part', () => {
		const plan = planReply({ ...base, text: 'Linha longa de teste.\n'.repeat(200), mediaUrls: ['https://example.com/a.png'] }) as { send: Array<{ kind: string; body: string; mediaUrls: string[] }> };
		expect(plan.send.length).toBeGreaterThan(1);
		expect(plan.send[0].mediaUrls).toEqual(['https://example.com/a.png']);
		expect(plan.send[1].mediaUrls).toEqual([]);
	});
});
