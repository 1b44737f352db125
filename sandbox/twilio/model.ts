/** What the stand-in stores, in the shapes its modules share. Timestamps are epoch milliseconds. */

export type MessageStatus = 'accepted' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered' | 'canceled';

/** How a message ends, decided when it is created (failure rules are read then). */
export interface Fate {
	status: 'delivered' | 'failed' | 'undelivered';
	errorCode?: number;
}

export interface MediaItem {
	sid: string;
	url: string;
	contentType: string;
}

/** A message as WhatsApp would show it: what the Content API template (or the plain body) renders to. */
export interface RenderedContent {
	/** twilio/text, twilio/media, twilio/quick-reply... */
	type: string;
	body: string;
	media: string[];
	/** Quick-reply (and other) buttons, with variables filled in. */
	actions: Array<Record<string, string>>;
	/** The variables used, after defaults. */
	variables: Record<string, string>;
}

export interface StoredMessage {
	sid: string;
	accountSid: string;
	to: string;
	/** The sender; for a Messaging Service send it is the service's sender, shown only once queued. */
	from: string;
	messagingServiceSid: string | null;
	body: string;
	status: MessageStatus;
	numSegments: number;
	media: MediaItem[];
	contentSid: string | null;
	content: RenderedContent | null;
	statusCallback: string | null;
	errorCode: number | null;
	errorMessage: string | null;
	fate: Fate;
	createdMs: number;
	updatedMs: number;
	sentMs: number | null;
}

export interface WhatsAppApproval {
	name: string;
	category: string;
	status: 'approved' | 'rejected' | 'pending' | 'received';
	createdMs: number;
}

export interface StoredContent {
	sid: string;
	accountSid: string;
	friendlyName: string;
	language: string;
	variables: Record<string, string>;
	/** Keyed by wire type name ("twilio/text"), as the API returns them. */
	types: Record<string, Record<string, unknown>>;
	approval: WhatsAppApproval | null;
	createdMs: number;
	updatedMs: number;
}
