import { parseAddress, type Address } from './addresses';
import { isApprovedForWhatsApp, type ContentService } from './content';
import type { TwilioDatabase } from './database';
import type { MessageFilter } from './message-table';
import { dayOf, parseDateFilter } from './dates';
import { badRequest, malformed, notFound } from './errors';
import type { FailureRules } from './failures';
import { isSid, newSid } from './ids';
import type { Lifecycle } from './lifecycle';
import type { MediaItem, RenderedContent, StoredMessage } from './model';
import { apiPage, readPaging, slicePage } from './pages';
import { countSegments } from './segments';
import { mediaJson, messageJson, messagePath, messagesPath, renderedJson } from './serialize';
import { parseContentVariables, renderContent } from './templates';

/**
 * The Messages resource: create (validated as Twilio validates, with its error codes), fetch, list,
 * update (cancel, redact) and delete, plus each message's Media. Creating a message starts its lifecycle.
 */

const MAX_BODY = 1600;
const MAX_MEDIA = 10;

export interface MessagingService {
	sid: string;
	/** The sender the service uses, e.g. "whatsapp:+5511900000000". */
	from: string;
}

const MEDIA_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	pdf: 'application/pdf',
	mp4: 'video/mp4',
	'3gp': 'video/3gpp',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	amr: 'audio/amr',
	m4a: 'audio/mp4',
	vcf: 'text/vcard',
	txt: 'text/plain',
};

/** Twilio downloads media to learn its type; the stand-in never fetches, so it guesses from the extension. */
function guessContentType(url: string): string {
	const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
	return (extension && MEDIA_TYPES[extension]) || 'application/octet-stream';
}

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

function address(raw: string, code: number, label: string): Address {
	const parsed = parseAddress(raw);
	if (!parsed) throw badRequest(code, `${label}: ${raw}. Use E.164 (+5511987654321), with "whatsapp:" in front for WhatsApp.`);
	return parsed;
}

export interface MessageServiceOptions {
	db: TwilioDatabase;
	accountSid: string;
	contents: ContentService;
	failures: FailureRules;
	lifecycle: Lifecycle;
	messagingServices: MessagingService[];
	now: () => number;
}

export class MessageService {
	constructor(private readonly o: MessageServiceOptions) {}

	private get(sid: string): StoredMessage {
		const message = isSid('SM', sid) || isSid('MM', sid) ? this.o.db.messages.get(sid) : undefined;
		if (!message || message.accountSid !== this.o.accountSid) throw notFound(`${messagesPath(this.o.accountSid).replace(/\.json$/, '')}/${sid}.json`);
		return message;
	}

	/** The sender and, for a Messaging Service send, its SID. */
	private sender(params: URLSearchParams): { from: Address; service: string | null } {
		const rawFrom = params.get('From');
		const serviceSid = params.get('MessagingServiceSid');
		if (serviceSid) {
			const service = this.o.messagingServices.find((s) => s.sid === serviceSid);
			if (!service) {
				throw badRequest(
					21701,
					`The Messaging Service ${serviceSid} does not exist in this stand-in. Configure it in the messagingServices option, or send with From.`,
				);
			}
			return { from: address(rawFrom || service.from, 21212, 'Invalid From Number (caller ID)'), service: service.sid };
		}
		if (!rawFrom) throw badRequest(21603, "A 'From' phone number is required.");
		return { from: address(rawFrom, 21212, 'Invalid From Number (caller ID)'), service: null };
	}

	create(params: URLSearchParams): unknown {
		const rawTo = params.get('To');
		if (!rawTo) throw badRequest(21604, "A 'To' phone number is required.");
		const to = address(rawTo, 21211, "Invalid 'To' Phone Number");
		const { from, service } = this.sender(params);
		if (to.channel !== from.channel) {
			throw badRequest(21910, `Invalid 'From' and 'To' pair. 'From' and 'To' should be of the same channel (got ${from.address} and ${to.address}).`);
		}
		if (to.number === from.number) {
			throw to.channel === 'whatsapp'
				? badRequest(63031, "Channels message cannot have same 'From' and 'To'.")
				: badRequest(21266, "'To' and 'From' number cannot be the same.");
		}

		const body = params.get('Body') ?? '';
		const mediaUrls = params.getAll('MediaUrl').filter((url) => url !== '');
		const contentSid = params.get('ContentSid') || null;
		const rawVariables = params.get('ContentVariables');
		if (rawVariables && !contentSid) throw badRequest(21654, 'ContentSid Required: ContentVariables was sent without a ContentSid.');
		if (body.length > MAX_BODY) throw badRequest(21617, `The concatenated message body exceeds the ${MAX_BODY} character limit (it has ${body.length}).`);
		if (mediaUrls.length > MAX_MEDIA) throw badRequest(21623, `Number of media files exceeds allowed limit: ${mediaUrls.length} MediaUrl values, at most ${MAX_MEDIA}.`);
		const badMedia = mediaUrls.find((url) => !isHttpUrl(url));
		if (badMedia) throw badRequest(21620, `Invalid media URL(s): ${badMedia}. MediaUrl must be a public http(s) URL.`);
		if (!contentSid && body.trim() === '' && mediaUrls.length === 0) throw badRequest(21602, 'Message body is required.');
		const statusCallback = params.get('StatusCallback') || null;
		if (statusCallback && !isHttpUrl(statusCallback)) throw badRequest(21609, `Invalid StatusCallback url: ${statusCallback}`);

		// With a ContentSid, the template decides what is sent; Body and MediaUrl are ignored, as in Twilio.
		let content: RenderedContent | null = null;
		let approvedTemplate = false;
		if (contentSid) {
			const template = this.o.contents.forMessage(contentSid);
			approvedTemplate = to.channel === 'whatsapp' && isApprovedForWhatsApp(template);
			content = renderContent(template, parseContentVariables(rawVariables), to.channel, approvedTemplate);
		}
		const sentBody = content ? content.body : body;
		const sentMedia = content ? content.media : mediaUrls;
		const media: MediaItem[] = sentMedia.map((url) => ({ sid: newSid('ME'), url, contentType: guessContentType(url) }));

		const nowMs = this.o.now();
		const message: StoredMessage = {
			sid: newSid(media.length > 0 ? 'MM' : 'SM'),
			accountSid: this.o.accountSid,
			to: to.address,
			from: from.address,
			messagingServiceSid: service,
			body: sentBody,
			status: service && !params.get('From') ? 'accepted' : 'queued',
			numSegments: countSegments(sentBody, to.channel),
			media,
			contentSid,
			content,
			statusCallback,
			errorCode: null,
			errorMessage: null,
			fate: this.o.failures.fateFor(to.address, approvedTemplate),
			createdMs: nowMs,
			updatedMs: nowMs,
			sentMs: null,
		};
		this.o.db.messages.insert(message);
		this.o.lifecycle.start(message.sid);
		return messageJson(message);
	}

	fetch(sid: string): unknown {
		return messageJson(this.get(sid));
	}

	list(params: URLSearchParams): unknown {
		const filter: MessageFilter = {};
		const echoed: Array<[string, string]> = [];
		for (const key of ['To', 'From'] as const) {
			const raw = params.get(key);
			if (!raw) continue;
			filter[key === 'To' ? 'to' : 'from'] = parseAddress(raw)?.address ?? raw;
			echoed.push([key, raw]);
		}
		for (const key of ['DateSent', 'DateSent<', 'DateSent>'] as const) {
			const raw = params.get(key);
			if (!raw) continue;
			const range = parseDateFilter(raw);
			if (!range) throw malformed(`${key} must be a date (YYYY-MM-DD) or an ISO 8601 date-time, got "${raw}".`);
			// DateSent matches the whole UTC day; "DateSent<" reads as on-or-before and "DateSent>" as on-or-after.
			const day = key === 'DateSent' ? dayOf(range.from) : range;
			if (key !== 'DateSent>') filter.sentTo = Math.min(filter.sentTo ?? Infinity, day.to);
			if (key !== 'DateSent<') filter.sentFrom = Math.max(filter.sentFrom ?? -Infinity, day.from);
			echoed.push([key, raw]);
		}
		const request = readPaging(params, (sid) => this.o.db.messages.seq(sid));
		const rows = this.o.db.messages.list(this.o.accountSid, filter, request.cursor, request.pageSize + 1);
		return apiPage('messages', messagesPath(this.o.accountSid), echoed, request, slicePage(rows, request), messageJson);
	}

	/** Status=canceled stops a message that has not been sent; Body="" redacts one. */
	update(sid: string, params: URLSearchParams): unknown {
		const message = this.get(sid);
		const status = params.get('Status');
		const body = params.get('Body');
		if (body !== null) {
			if (body !== '') throw malformed('Body can only be updated to an empty string, which redacts the message.');
			this.o.db.messages.redactBody(sid, this.o.now());
		}
		if (status !== null) {
			if (status !== 'canceled') throw malformed(`Status can only be updated to "canceled", got "${status}".`);
			const cancelable = message.status === 'accepted' || message.status === 'queued';
			if (!cancelable || !this.o.db.messages.transition(sid, message.status, { status: 'canceled', nowMs: this.o.now() })) {
				throw badRequest(30409, `This message cannot be canceled: it is already ${this.o.db.messages.get(sid)?.status ?? message.status}.`);
			}
			void this.o.lifecycle.notify(this.get(sid));
		}
		return messageJson(this.get(sid));
	}

	delete(sid: string): void {
		this.get(sid);
		this.o.db.messages.delete(sid);
	}

	media(sid: string, params: URLSearchParams): unknown {
		const message = this.get(sid);
		const pageSize = Number(params.get('PageSize')) || 50;
		const items = message.media.slice(0, pageSize);
		const path = `${messagePath(message)}/Media.json`;
		return {
			media_list: items.map((item) => mediaJson(message, item)),
			end: Math.max(items.length - 1, 0),
			first_page_uri: `${path}?PageSize=${pageSize}&Page=0`,
			next_page_uri: null,
			page: 0,
			page_size: pageSize,
			previous_page_uri: null,
			start: 0,
			uri: `${path}?PageSize=${pageSize}&Page=0`,
		};
	}

	mediaItem(sid: string, mediaSid: string): unknown {
		const message = this.get(sid);
		const item = message.media.find((m) => m.sid === mediaSid);
		if (!item) throw notFound(`${messagePath(message)}/Media/${mediaSid}.json`);
		return mediaJson(message, item);
	}

	rendered(sid: string): unknown {
		return renderedJson(this.get(sid));
	}

	count(): number {
		return this.o.db.messages.count();
	}
}
