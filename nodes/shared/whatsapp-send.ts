import { createHash } from 'node:crypto';

import type { PlannedMessage } from '../../core/whatsapp/outbound-plan';
import { twilioClient } from './twilio-client';

export interface SenderCredentials {
	accountSid: string;
	authToken: string;
	/** When set, requests authenticate with this API key instead of the Auth Token. */
	apiKeySid?: string;
	apiKeySecret?: string;
	from?: string;
	messagingServiceSid?: string;
	baseUrl?: string;
}

function clientFor(credentials: SenderCredentials) {
	if (credentials.apiKeySid && credentials.apiKeySecret) {
		return twilioClient(credentials.apiKeySid, credentials.apiKeySecret, credentials.baseUrl || undefined, { accountSid: credentials.accountSid });
	}
	return twilioClient(credentials.accountSid, credentials.authToken, credentials.baseUrl || undefined);
}

// Quick-reply contents are created once per distinct body and buttons, then reused.
const quickReplyContent = new Map<string, string>();

async function quickReplySid(credentials: SenderCredentials, body: string, buttons: string[], ids?: string[]): Promise<string> {
	const key = createHash('sha256').update(JSON.stringify([credentials.accountSid, credentials.baseUrl ?? '', body, buttons, ids ?? null])).digest('hex');
	const cached = quickReplyContent.get(key);
	if (cached) return cached;
	const client = clientFor(credentials);
	// The Content API wants snake_case and slash type names on the wire, whatever the SDK's types say.
	const request = {
		friendly_name: `beststag_qr_${key.slice(0, 16)}`,
		language: 'pt_BR',
		types: { 'twilio/quick-reply': { body, actions: buttons.map((title, i) => ({ title, id: ids?.[i] || `option_${i + 1}` })) } },
	};
	const content = await client.content.v1.contents.create(request as never);
	quickReplyContent.set(key, content.sid);
	return content.sid;
}

/** Sends one planned message with the official client; returns Twilio's SID and status. */
export async function sendPlanned(
	credentials: SenderCredentials,
	to: string,
	message: PlannedMessage,
	statusCallback?: string,
): Promise<{ sid: string; status: string; kind: PlannedMessage['kind'] }> {
	const client = clientFor(credentials);
	const sender = credentials.messagingServiceSid ? { messagingServiceSid: credentials.messagingServiceSid } : { from: credentials.from };
	const common = { to, ...sender, ...(statusCallback ? { statusCallback } : {}) };
	let created;
	switch (message.kind) {
		case 'text':
			created = await client.messages.create({ ...common, body: message.body || undefined, mediaUrl: message.mediaUrls.length ? message.mediaUrls : undefined });
			break;
		case 'quickReply':
			created = await client.messages.create({ ...common, contentSid: await quickReplySid(credentials, message.body, message.buttons, message.ids) });
			break;
		case 'template':
			created = await client.messages.create({ ...common, contentSid: message.contentSid, contentVariables: JSON.stringify(message.variables) });
			break;
	}
	return { sid: created.sid, status: created.status, kind: message.kind };
}
