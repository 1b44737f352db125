import { TWILIO_BODY_LIMIT, TWILIO_ERRORS, TWILIO_MAX_MEDIA } from '../../core/limits/twilio';
import { parseAddress, type Address } from './addresses';
import { isApprovedForWhatsApp, type ContentService } from './content';
import type { TwilioDatabase } from './database';
import { badRequest } from './errors';
import type { FailureRules } from './failures';
import { newSid } from './ids';
import type { Lifecycle } from './lifecycle';
import type { MediaItem, RenderedContent, StoredMessage } from './model';
import { countSegments } from './segments';
import { parseContentVariables, renderContent } from './templates';

/** Creating a message: the checks Twilio makes on a send, the sender, the media, and the template it renders. */

const MAX_BODY = TWILIO_BODY_LIMIT;
const MAX_MEDIA = TWILIO_MAX_MEDIA;

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

/** The sender and, for a Messaging Service send, its SID. */
function sender(params: URLSearchParams, messagingServices: MessagingService[]): { from: Address; service: string | null } {
	const rawFrom = params.get('From');
	const serviceSid = params.get('MessagingServiceSid');
	if (serviceSid) {
		const service = messagingServices.find((s) => s.sid === serviceSid);
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

/**
 * Creates a message as POST .../Messages.json does: validated as Twilio validates, with its error codes
 * (https://www.twilio.com/docs/api/errors), stored, and its lifecycle started.
 * @throws TwilioHttpError (400) naming the parameter and the rule it breaks; nothing is stored then.
 */
export function createMessage(o: MessageServiceOptions, params: URLSearchParams): StoredMessage {
	const rawTo = params.get('To');
	if (!rawTo) throw badRequest(21604, "A 'To' phone number is required.");
	const to = address(rawTo, 21211, "Invalid 'To' Phone Number");
	const { from, service } = sender(params, o.messagingServices);
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
	if (body.length > MAX_BODY) throw badRequest(TWILIO_ERRORS.bodyTooLong, `The concatenated message body exceeds the ${MAX_BODY} character limit (it has ${body.length}).`);
	if (mediaUrls.length > MAX_MEDIA) throw badRequest(TWILIO_ERRORS.tooManyMedia, `Number of media files exceeds allowed limit: ${mediaUrls.length} MediaUrl values, at most ${MAX_MEDIA}.`);
	const badMedia = mediaUrls.find((url) => !isHttpUrl(url));
	if (badMedia) throw badRequest(21620, `Invalid media URL(s): ${badMedia}. MediaUrl must be a public http(s) URL.`);
	if (!contentSid && body.trim() === '' && mediaUrls.length === 0) throw badRequest(TWILIO_ERRORS.bodyRequired, 'Message body is required.');
	const statusCallback = params.get('StatusCallback') || null;
	if (statusCallback && !isHttpUrl(statusCallback)) throw badRequest(21609, `Invalid StatusCallback url: ${statusCallback}`);

	// With a ContentSid, the template decides what is sent; Body and MediaUrl are ignored, as in Twilio.
	let content: RenderedContent | null = null;
	let approvedTemplate = false;
	if (contentSid) {
		const template = o.contents.forMessage(contentSid);
		approvedTemplate = to.channel === 'whatsapp' && isApprovedForWhatsApp(template);
		content = renderContent(template, parseContentVariables(rawVariables), to.channel, approvedTemplate);
	}
	const sentBody = content ? content.body : body;
	const sentMedia = content ? content.media : mediaUrls;
	const media: MediaItem[] = sentMedia.map((url) => ({ sid: newSid('ME'), url, contentType: guessContentType(url) }));

	const nowMs = o.now();
	const message: StoredMessage = {
		sid: newSid(media.length > 0 ? 'MM' : 'SM'),
		accountSid: o.accountSid,
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
		fate: o.failures.fateFor(to.address, approvedTemplate),
		createdMs: nowMs,
		updatedMs: nowMs,
		sentMs: null,
	};
	o.db.messages.insert(message);
	o.lifecycle.start(message.sid);
	return message;
}
