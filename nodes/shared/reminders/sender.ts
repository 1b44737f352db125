import { createHash } from 'node:crypto';

import { renderMessage } from '../../../core/assistant/catalogue';
import type { Locale } from '../../../core/assistant/locale';
import type { ConversationStore } from '../conversation-store';
import { enqueueOutbound, outboundJobState, type QueueSettings } from '../outbound-queue';
import { twilioClient } from '../twilio-client';
import type { SenderCredentials } from '../whatsapp-send';
import type { ReminderSender } from './scheduler';

// Quick-reply contents are created once per account, sender URL, language and catalogue text.
const contents = new Map<string, string>();

/**
 * The Content SID of the quick-reply content that carries reminders in one language: the
 * catalogue's `reminders.delivery` message with {{1}} for the text and {{2}} for the reminder key
 * inside the button ids. Created through the Content API once per process (and per text change).
 */
export async function quickReplyContent(credentials: SenderCredentials, locale: Locale): Promise<string> {
	// The catalogue's own message, with Content API placeholders: {{1}} the text, {{2}} the reminder key in the button ids.
	const message = renderMessage(locale, 'reminders.delivery', { key: '{{2}}', text: '{{1}}' });
	const id = createHash('sha256').update(JSON.stringify([credentials.accountSid, credentials.baseUrl ?? '', locale, message])).digest('hex');
	const cached = contents.get(id);
	if (cached) return cached;
	const client =
		credentials.apiKeySid && credentials.apiKeySecret
			? twilioClient(credentials.apiKeySid, credentials.apiKeySecret, credentials.baseUrl || undefined, { accountSid: credentials.accountSid })
			: twilioClient(credentials.accountSid, credentials.authToken, credentials.baseUrl || undefined);
	// The Content API's wire format (snake_case, slash type names); variables in quick-reply ids are filled per message.
	// Source: https://www.twilio.com/docs/content/twilio-quick-reply
	const request = {
		friendly_name: `beststag_reminder_${locale.replace('-', '_').toLowerCase()}_${id.slice(0, 8)}`,
		language: locale === 'en' ? 'en' : 'pt_BR',
		variables: { 1: 'lembrete', 2: 'rm_example' },
		types: { 'twilio/quick-reply': { body: message.text, actions: (message.buttons ?? []).map((b) => ({ title: b.title, id: b.id })) } },
	};
	const content = await client.content.v1.contents.create(request as never);
	contents.set(id, content.sid);
	return content.sid;
}

/** The scheduler's sender on the outbound queue of one Twilio sender (nodes/shared/outbound-queue.ts). */
export function queueSender(credentials: SenderCredentials, settings: QueueSettings, conversations: ConversationStore): ReminderSender {
	return {
		enqueue: async (job, jobId) => void (await enqueueOutbound(credentials, settings, job, { jobId })),
		jobState: (jobId) => outboundJobState(credentials, settings, jobId),
		quickReplyContent: (locale) => quickReplyContent(credentials, locale),
		lastInbound: (phone) => conversations.getLastInbound(phone),
	};
}
