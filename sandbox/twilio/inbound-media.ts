import type { DatabaseSync } from 'node:sqlite';

import { baseContentType } from '../../core/media/kinds';
import { badRequest, malformed, notFound } from './errors';
import { isSid, newSid } from './ids';
import { rfc2822 } from './dates';
import { API_VERSION } from './serialize';

/**
 * Media of incoming WhatsApp messages: what a user's voice note, photo or PDF would be on Twilio. The
 * simulator and the tests upload the file first (POST /standin/v1/InboundMedia, stand-in only), then post
 * the webhook with its MediaUrl0. BestStag downloads it from that URL as it does from Twilio: with HTTP
 * Basic credentials, the bytes answered with their content type. Deleting the Media resource makes
 * the URL a 404, as an expired or deleted media is on Twilio.
 * Source: https://www.twilio.com/docs/messaging/api/media-resource ("Twilio enforces HTTP Basic
 * Authentication for all media URLs"; media is kept until its Media resource is deleted)
 */

export const INBOUND_MEDIA_SCHEMA = `
CREATE TABLE IF NOT EXISTS inbound_media (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	sid TEXT NOT NULL UNIQUE,
	message_sid TEXT NOT NULL,
	account_sid TEXT NOT NULL,
	content_type TEXT NOT NULL,
	data BLOB NOT NULL,
	created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS inbound_media_by_message ON inbound_media(message_sid);
`;

/**
 * The largest inbound media the stand-in keeps: WhatsApp's 16 MB.
 * Source: https://www.twilio.com/docs/whatsapp/guidance-whatsapp-media-messages
 */
export const INBOUND_MEDIA_MAX_BYTES = 16 * 1024 * 1024;

interface Row {
	sid: string;
	message_sid: string;
	account_sid: string;
	content_type: string;
	data: Uint8Array;
	created_ms: number;
}

/** A stored inbound media file. */
export interface InboundMediaFile {
	sid: string;
	messageSid: string;
	contentType: string;
	data: Uint8Array;
}

/** The bytes of a media URL, answered as they are (not JSON). */
export class MediaBytes {
	constructor(
		readonly contentType: string,
		readonly data: Uint8Array,
	) {}
}

export class InboundMediaService {
	constructor(
		private readonly db: DatabaseSync,
		private readonly accountSid: string,
		private readonly now: () => number,
	) {}

	/**
	 * Stores an uploaded file for an incoming message and answers its Media resource with `url`, the
	 * address to put in the webhook's MediaUrl<i>.
	 * @param messageSid the incoming message's SID (SM… or MM…); absent means a new MM… SID
	 * @throws 400 for an empty file, a bad MessageSid or a content type that is not type/subtype
	 */
	upload(data: Uint8Array, contentType: string | undefined, messageSid: string | null): Record<string, unknown> {
		if (data.length === 0) throw malformed('The media file is empty: send its bytes as the request body.');
		const type = baseContentType(contentType);
		if (!contentType || type === 'application/octet-stream') throw malformed('Send the media with its Content-Type, e.g. audio/ogg for a WhatsApp voice note.');
		const message = messageSid ?? newSid('MM');
		if (!isSid('SM', message) && !isSid('MM', message)) throw badRequest(21601, `MessageSid "${message}" is not a message SID (SM… or MM… and 32 hex digits).`);
		const sid = newSid('ME');
		const created = this.now();
		this.db
			.prepare('INSERT INTO inbound_media (sid, message_sid, account_sid, content_type, data, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
			.run(sid, message, this.accountSid, contentType.trim(), data, created);
		return { ...this.json({ sid, message_sid: message, account_sid: this.accountSid, content_type: contentType.trim(), data, created_ms: created }), size: data.length };
	}

	private row(messageSid: string, sid: string): Row | undefined {
		return this.db.prepare('SELECT * FROM inbound_media WHERE sid = ? AND message_sid = ?').get(sid, messageSid) as Row | undefined;
	}

	/** Whether the message has inbound media (the router then answers from here, not from sent messages). */
	has(messageSid: string, sid: string): boolean {
		return this.row(messageSid, sid) !== undefined;
	}

	/** The file itself, as GET on the media URL answers it. @throws 404 when it does not exist or was deleted */
	content(messageSid: string, sid: string, path: string): MediaBytes {
		const row = this.row(messageSid, sid);
		if (!row) throw notFound(path);
		return new MediaBytes(row.content_type, row.data);
	}

	/** The Media resource (…/Media/{ME}.json). @throws 404 */
	fetch(messageSid: string, sid: string, path: string): Record<string, unknown> {
		const row = this.row(messageSid, sid);
		if (!row) throw notFound(path);
		return this.json(row);
	}

	/** Deletes the file: its URL answers 404 from now on. @throws 404 */
	delete(messageSid: string, sid: string, path: string): void {
		const { changes } = this.db.prepare('DELETE FROM inbound_media WHERE sid = ? AND message_sid = ?').run(sid, messageSid);
		if (Number(changes) === 0) throw notFound(path);
	}

	private json(row: Row): Record<string, unknown> {
		const path = `/${API_VERSION}/Accounts/${row.account_sid}/Messages/${row.message_sid}/Media/${row.sid}`;
		return {
			account_sid: row.account_sid,
			content_type: row.content_type,
			date_created: rfc2822(row.created_ms),
			date_updated: rfc2822(row.created_ms),
			parent_sid: row.message_sid,
			sid: row.sid,
			uri: `${path}.json`,
			// What Twilio puts in the webhook's MediaUrl<i>: the Media resource without .json is the file.
			url: `https://api.twilio.com${path}`,
		};
	}
}
