import { truncateGraphemes } from '../core/text/graphemes';
import type { SandboxEndpoints } from '../sandbox/endpoints';
import { twilioClientFor } from '../sandbox/twilio/client';
import { oggOpusVoiceNote } from '../sandbox/media/voice-note-file';
import { newMessageSid, postInboundMedia, postInboundMessage } from '../sandbox/twilio/inbound-webhook';

/**
 * The WhatsApp simulator's server side: it plays Twilio towards n8n (a correctly signed incoming
 * webhook) and reads BestStag's replies back from the Twilio stand-in with the official client.
 */

export interface ChatMessage {
	sid: string;
	direction: 'in' | 'out';
	body: string;
	at: string;
	/** Delivery status for BestStag's replies: queued, sent, delivered, read, failed. */
	status: string;
	buttons: string[];
	/** The quick replies' ids, in the order of `buttons`: a tap sends its id back as the ButtonPayload, as WhatsApp does. */
	buttonIds?: string[];
	media: string[];
	errorCode: number | null;
}

export class SimulatorError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const PHONE = /^\+[1-9]\d{7,14}$/;
const SANDBOX_SENDER = 'whatsapp:+14155238886';

/** What the user typed or tapped, per phone, so the chat shows both sides. Bounded. */
const sentByUser = new Map<string, ChatMessage[]>();

function twilioOf(endpoints: SandboxEndpoints): { url: string; accountSid: string; authToken: string } {
	const service = endpoints.services.twilio;
	if (!service?.credentials) throw new SimulatorError(503, 'O simulador precisa do Twilio local / The Twilio stand-in is not running.');
	return { url: service.url, accountSid: service.credentials.accountSid, authToken: service.credentials.authToken };
}

export async function sendAsUser(
	endpoints: SandboxEndpoints,
	input: { phone?: unknown; name?: unknown; text?: unknown; buttonPayload?: unknown; voice?: unknown },
): Promise<ChatMessage> {
	const phone = typeof input.phone === 'string' ? input.phone.trim() : '';
	if (!PHONE.test(phone)) throw new SimulatorError(400, 'Telefone inválido: use o formato +5511987654321 / Invalid phone: use +5511987654321.');
	const text = typeof input.text === 'string' ? input.text : '';
	if (!text.trim()) throw new SimulatorError(400, 'Escreva uma mensagem / Type a message.');
	if (text.length > 4096) throw new SimulatorError(400, 'Mensagem longa demais (máx. 4096) / Message too long (max 4096).');
	const url = endpoints.whatsappWebhookUrl;
	if (!url) throw new SimulatorError(503, 'Nenhum fluxo de entrada do WhatsApp está ativo / No inbound WhatsApp workflow is active.');
	const twilio = twilioOf(endpoints);
	const { accountSid, authToken } = twilio;
	const voice = input.voice === true;
	// A voice note is a media message (MM…): the text becomes what the note "says" (its metadata, which the OpenAI stand-in reads).
	const messageSid = voice ? `MM${newMessageSid().slice(2)}` : newMessageSid();
	const name = typeof input.name === 'string' ? truncateGraphemes(input.name.trim(), 60, '') : '';
	const button = typeof input.buttonPayload === 'string' && input.buttonPayload ? { payload: input.buttonPayload, text } : undefined;
	const note = voice ? { data: oggOpusVoiceNote({ transcript: text, durationSeconds: Math.min(600, Math.max(1, text.length / 15)) }), contentType: 'audio/ogg' } : undefined;
	const { response, params } = note
		? await postInboundMedia(twilio, url, { from: phone, to: SANDBOX_SENDER, messageSid, profileName: name || undefined, file: note })
		: await postInboundMessage(authToken, url, { accountSid, from: phone, to: SANDBOX_SENDER, body: text, messageSid, profileName: name || undefined, button });
	await response.arrayBuffer();
	if (!response.ok) throw new SimulatorError(502, `O n8n respondeu HTTP ${response.status} ao webhook / n8n answered HTTP ${response.status}.`);
	const media = note ? [String(params.MediaUrl0)] : [];
	const message: ChatMessage = { sid: messageSid, direction: 'in', body: note ? `🎤 ${text}` : text, at: new Date().toISOString(), status: 'received', buttons: [], media, errorCode: null };
	const list = sentByUser.get(phone) ?? [];
	list.push(message);
	sentByUser.set(phone, list.slice(-200));
	if (sentByUser.size > 1000) sentByUser.delete(sentByUser.keys().next().value as string);
	return message;
}

/** Both sides of the conversation, oldest first. */
export async function conversation(endpoints: SandboxEndpoints, phoneInput: unknown): Promise<ChatMessage[]> {
	const phone = typeof phoneInput === 'string' ? phoneInput.trim() : '';
	if (!PHONE.test(phone)) throw new SimulatorError(400, 'Telefone inválido / Invalid phone.');
	const { url, accountSid, authToken } = twilioOf(endpoints);
	const client = twilioClientFor(url, accountSid, authToken);
	const sent = await client.messages.list({ to: `whatsapp:${phone}`, limit: 100 });
	const auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
	const replies = await Promise.all(
		sent.map(async (m): Promise<ChatMessage> => {
			// The stand-in shows quick-reply buttons as WhatsApp would draw them.
			let buttons: string[] = [];
			let buttonIds: string[] = [];
			let media: string[] = [];
			const shown = await fetch(new URL(`/standin/v1/Messages/${m.sid}`, url), { headers: { authorization: auth } });
			if (shown.ok) {
				const view = (await shown.json()) as { actions?: Array<{ title: string; id?: string }>; media?: Array<string | { url?: string }> };
				buttons = (view.actions ?? []).map((a) => a.title);
				buttonIds = (view.actions ?? []).map((a, i) => a.id || `option_${i + 1}`);
				media = (view.media ?? []).map((item) => (typeof item === 'string' ? item : (item.url ?? ''))).filter(Boolean);
			}
			return {
				sid: m.sid,
				direction: 'out',
				body: m.body,
				at: (m.dateCreated ?? new Date()).toISOString(),
				status: m.status,
				buttons,
				buttonIds,
				media,
				errorCode: m.errorCode ?? null,
			};
		}),
	);
	// Twilio dates have whole seconds: within one second the user's message comes before the reply.
	const second = (m: ChatMessage) => Math.floor(Date.parse(m.at) / 1000);
	return [...(sentByUser.get(phone) ?? []), ...replies.reverse()].sort(
		(a, b) => second(a) - second(b) || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1),
	);
}
