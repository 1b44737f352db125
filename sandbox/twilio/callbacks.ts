import { parseAddress } from './addresses';
import { postWebhook, signFormWebhook } from './inbound-webhook';
import type { StoredMessage } from './model';
import { API_VERSION } from './serialize';

/**
 * Status callbacks: form-encoded POSTs to a message's StatusCallback, signed with X-Twilio-Signature
 * by the twilio library itself (through ./inbound-webhook), so a receiver's twilio.validateRequest() accepts them.
 */

export type CallbackSender = (url: string, params: Record<string, string>) => Promise<void>;

/** The fields Twilio posts for a message status change (WhatsApp adds the Channel* fields). */
export function statusCallbackParams(m: StoredMessage): Record<string, string> {
	const params: Record<string, string> = {
		AccountSid: m.accountSid,
		ApiVersion: API_VERSION,
		From: m.from,
		MessageSid: m.sid,
		MessageStatus: m.status,
		SmsSid: m.sid,
		SmsStatus: m.status,
		To: m.to,
	};
	if (m.messagingServiceSid) params.MessagingServiceSid = m.messagingServiceSid;
	if (m.errorCode !== null && (m.status === 'failed' || m.status === 'undelivered')) params.ErrorCode = String(m.errorCode);
	const to = parseAddress(m.to);
	if (to?.channel === 'whatsapp') {
		params.ChannelPrefix = 'whatsapp';
		params.ChannelToAddress = to.number;
	}
	return params;
}

const CALLBACK_TIMEOUT_MS = 10_000;

/**
 * Posts callbacks signed with `authToken` (Twilio signs with the account's auth token, even for
 * requests made with an API key). A receiver that fails or is down is logged, never retried, as Twilio does.
 */
export function createCallbackSender(authToken: string, signal: AbortSignal): CallbackSender {
	return async (url, params) => {
		try {
			const response = await postWebhook(signFormWebhook(authToken, url, params), { signal, timeoutMs: CALLBACK_TIMEOUT_MS });
			await response.arrayBuffer();
			if (!response.ok) console.warn(`[twilio-standin] status callback ${params.MessageStatus} for ${params.MessageSid} to ${url} got HTTP ${response.status}.`);
		} catch (error) {
			if (signal.aborted) return;
			console.warn(`[twilio-standin] status callback ${params.MessageStatus} for ${params.MessageSid} to ${url} failed: ${(error as Error).message}`);
		}
	};
}
