import { iso8601, rfc2822 } from './dates';
import type { MediaItem, StoredContent, StoredMessage } from './model';
import { plainContent } from './templates';

/** Stored rows as Twilio's JSON: the Message and Media resources (2010-04-01) and Content resources (v1). */

export const API_VERSION = '2010-04-01';
export const CONTENT_BASE_URL = 'https://content.twilio.com';

export const accountPath = (accountSid: string) => `/${API_VERSION}/Accounts/${accountSid}`;
export const messagesPath = (accountSid: string) => `${accountPath(accountSid)}/Messages.json`;
export const messagePath = (m: { accountSid: string; sid: string }) => `${accountPath(m.accountSid)}/Messages/${m.sid}`;

export function messageJson(m: StoredMessage): Record<string, unknown> {
	return {
		account_sid: m.accountSid,
		api_version: API_VERSION,
		body: m.body,
		date_created: rfc2822(m.createdMs),
		date_sent: m.sentMs === null ? null : rfc2822(m.sentMs),
		date_updated: rfc2822(m.updatedMs),
		direction: 'outbound-api',
		error_code: m.errorCode,
		error_message: m.errorMessage,
		// A Messaging Service picks its sender when it queues the message; until then Twilio shows none.
		from: m.status === 'accepted' ? null : m.from,
		messaging_service_sid: m.messagingServiceSid,
		num_media: String(m.media.length),
		num_segments: String(m.numSegments),
		price: null,
		price_unit: 'USD',
		sid: m.sid,
		status: m.status,
		subresource_uris: { media: `${messagePath(m)}/Media.json` },
		to: m.to,
		uri: `${messagePath(m)}.json`,
	};
}

export function mediaJson(m: StoredMessage, item: MediaItem): Record<string, unknown> {
	return {
		account_sid: m.accountSid,
		content_type: item.contentType,
		date_created: rfc2822(m.createdMs),
		date_updated: rfc2822(m.createdMs),
		parent_sid: m.sid,
		sid: item.sid,
		uri: `${messagePath(m)}/Media/${item.sid}.json`,
	};
}

export function accountJson(accountSid: string, createdMs: number): Record<string, unknown> {
	return {
		date_created: rfc2822(createdMs),
		date_updated: rfc2822(createdMs),
		friendly_name: 'BestStag sandbox (Twilio stand-in)',
		owner_account_sid: accountSid,
		sid: accountSid,
		status: 'active',
		subresource_uris: { messages: messagesPath(accountSid) },
		type: 'Full',
		uri: `${accountPath(accountSid)}.json`,
	};
}

/** Stand-in only: the message as WhatsApp shows it, buttons included (GET /standin/v1/Messages/{Sid}). */
export function renderedJson(m: StoredMessage): Record<string, unknown> {
	const content = m.content ?? plainContent(m.body, m.media.map((item) => item.url));
	return {
		sid: m.sid,
		to: m.to,
		from: m.from,
		status: m.status,
		content_sid: m.contentSid,
		content_type: content.type,
		// The stored body is what was sent (the rendered template, or '' once redacted).
		body: m.body,
		media: content.media,
		actions: content.actions,
		variables: content.variables,
	};
}

const contentUrl = (sid: string) => `${CONTENT_BASE_URL}/v1/Content/${sid}`;

export function contentJson(c: StoredContent): Record<string, unknown> {
	return {
		account_sid: c.accountSid,
		date_created: iso8601(c.createdMs),
		date_updated: iso8601(c.updatedMs),
		friendly_name: c.friendlyName,
		language: c.language,
		links: {
			approval_create: `${contentUrl(c.sid)}/ApprovalRequests/whatsapp`,
			approval_fetch: `${contentUrl(c.sid)}/ApprovalRequests`,
		},
		sid: c.sid,
		types: c.types,
		url: contentUrl(c.sid),
		variables: c.variables,
	};
}

/** The WhatsApp part of an approval: {} until one is requested, as Twilio answers for unsubmitted content. */
export function whatsappApprovalJson(c: StoredContent, contentType: string): Record<string, unknown> {
	if (!c.approval) return {};
	return {
		type: 'whatsapp',
		name: c.approval.name,
		category: c.approval.category,
		content_type: contentType,
		status: c.approval.status,
		rejection_reason: '',
		allow_category_change: true,
	};
}

export function approvalFetchJson(c: StoredContent, contentType: string): Record<string, unknown> {
	return { sid: c.sid, account_sid: c.accountSid, url: `${contentUrl(c.sid)}/ApprovalRequests`, whatsapp: whatsappApprovalJson(c, contentType) };
}

export function contentAndApprovalsJson(c: StoredContent, contentType: string): Record<string, unknown> {
	return {
		account_sid: c.accountSid,
		date_created: iso8601(c.createdMs),
		date_updated: iso8601(c.updatedMs),
		friendly_name: c.friendlyName,
		language: c.language,
		sid: c.sid,
		types: c.types,
		variables: c.variables,
		approval_requests: whatsappApprovalJson(c, contentType),
	};
}
