import { SANDBOX_WHATSAPP_SENDER } from '../../sandbox/services';
import { twilioClientFor } from '../../sandbox/twilio/client';
import { postInboundMessage } from '../../sandbox/twilio/inbound-webhook';

/** A quick-reply tap as WhatsApp reports it: the button's id (ButtonPayload) and its title. */
export type ButtonTap = { payload: string; text: string };

/**
 * Polls `check` until it is true.
 * @param options.intervalMs between checks (default 150 ms)
 * @param options.tolerateErrors count a check that throws as not yet (e.g. a 429 from a read that races the flusher)
 * @throws Error "timed out waiting for <what>" after `timeoutMs` (default 60 s)
 */
export async function until(what: string, check: () => Promise<boolean>, options: { timeoutMs?: number; intervalMs?: number; tolerateErrors?: boolean } = {}): Promise<void> {
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	const attempt = options.tolerateErrors ? () => check().catch(() => false) : check;
	while (!(await attempt())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, options.intervalMs ?? 150));
	}
}

/**
 * Waits for state in the Airtable stand-in: reads pace themselves (every 1.5 s) under its 5 requests/s
 * beside the flusher, and a read refused meanwhile counts as not yet. Default timeout 90 s.
 */
export function inAirtable(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
	return until(what, check, { timeoutMs, intervalMs: 1_500, tolerateErrors: true });
}

/**
 * One WhatsApp user's side of a conversation with the inbound workflow in real n8n: messages posted
 * as Twilio signs them (sandbox/twilio/inbound-webhook.ts), replies read from the Twilio stand-in.
 * The addresses are functions because the services start in the test's beforeAll.
 */
export function whatsappConversation(options: { accountSid: string; authToken: string; webhookUrl: () => string; twilioUrl: () => string; profileName?: string }) {
	const messagesTo = async (phone: string) => (await twilioClientFor(options.twilioUrl(), options.accountSid, options.authToken).messages.list({ to: `whatsapp:${phone}` })).reverse();
	return {
		/** Posts one signed inbound message (a tap when `button` is given); expects 200; returns its MessageSid. */
		async send(from: string, body: string, button?: ButtonTap): Promise<string> {
			const { response, params } = await postInboundMessage(options.authToken, options.webhookUrl(), {
				accountSid: options.accountSid,
				from,
				to: SANDBOX_WHATSAPP_SENDER,
				body,
				profileName: options.profileName ?? 'Ana Souza',
				button,
			});
			expect(response.status).toBe(200);
			return String(params.MessageSid);
		},
		/** Every message sent to `phone`, oldest first, as the Twilio client lists them. */
		messagesTo,
		/** The quick replies a sent message showed (the Twilio stand-in's record of its Content actions). */
		async buttonsShown(messageSid: string): Promise<Array<{ id: string; title: string }>> {
			const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
			const response = await fetch(new URL(`/standin/v1/Messages/${messageSid}`, options.twilioUrl()), { headers: { authorization: auth } });
			return ((await response.json()) as { actions?: Array<{ id: string; title: string }> }).actions ?? [];
		},
		/** The bodies of every message sent to `phone`, oldest first. */
		everything: async (phone: string) => (await messagesTo(phone)).map((m) => m.body),
	};
}
