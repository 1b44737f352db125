import { badRequest, malformed, notFound } from './errors';
import { isSid } from './ids';
import { createMessage, type MessageServiceOptions } from './message-create';
import { listFilter } from './message-filter';
import type { StoredMessage } from './model';
import { apiPage, readPaging, slicePage } from './pages';
import { mediaJson, messageJson, messagePath, messagesPath, renderedJson } from './serialize';

/**
 * The Messages resource: create (message-create.ts), fetch, list (message-filter.ts), update (cancel,
 * redact) and delete, plus each message's Media.
 */

export type { MessageServiceOptions, MessagingService } from './message-create';

export class MessageService {
	constructor(private readonly o: MessageServiceOptions) {}

	private get(sid: string): StoredMessage {
		const message = isSid('SM', sid) || isSid('MM', sid) ? this.o.db.messages.get(sid) : undefined;
		if (!message || message.accountSid !== this.o.accountSid) throw notFound(`${messagesPath(this.o.accountSid).replace(/\.json$/, '')}/${sid}.json`);
		return message;
	}

	create(params: URLSearchParams): unknown {
		return messageJson(createMessage(this.o, params));
	}

	fetch(sid: string): unknown {
		return messageJson(this.get(sid));
	}

	list(params: URLSearchParams): unknown {
		const { filter, echoed } = listFilter(params);
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
