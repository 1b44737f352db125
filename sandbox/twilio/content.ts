import { checkContentBody, type ContentDefinition } from './content-types';
import type { TwilioDatabase } from './database';
import { badRequest, malformed, notFound } from './errors';
import { isSid, newSid } from './ids';
import type { StoredContent } from './model';
import { metaPage, readPaging, slicePage } from './pages';
import { approvalFetchJson, CONTENT_BASE_URL, contentAndApprovalsJson, contentJson } from './serialize';
import { chooseType } from './templates';

/**
 * The Content API subset BestStag uses: create, fetch, list and delete templates, and WhatsApp
 * approval requests. The stand-in approves a template as soon as approval is requested (Twilio's
 * create answer still says "received"), since there is no Meta review to wait for.
 */

const CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'];

/** A template to create at start-up under a fixed SID, so sandbox workflows can name it. */
export interface SeedTemplate {
	sid: string;
	friendly_name?: string;
	language: string;
	variables?: Record<string, string>;
	types: Record<string, Record<string, unknown>>;
	/** Present: the template is an approved WhatsApp template under this name and category. */
	approval?: { name: string; category: string };
}

function checkApproval(body: unknown): { name: string; category: string } {
	const { name, category } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	if (typeof name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(name)) {
		throw malformed(`name must be a WhatsApp template name: lowercase letters, digits and underscores, got ${JSON.stringify(name)}.`);
	}
	if (typeof category !== 'string' || !CATEGORIES.includes(category.toUpperCase())) {
		throw malformed(`category must be one of ${CATEGORIES.join(', ')}, got ${JSON.stringify(category)}.`);
	}
	return { name, category: category.toUpperCase() };
}

export class ContentService {
	constructor(
		private readonly db: TwilioDatabase,
		private readonly accountSid: string,
		private readonly now: () => number,
	) {}

	private insert(sid: string, definition: ContentDefinition): StoredContent {
		const nowMs = this.now();
		const content: StoredContent = { sid, accountSid: this.accountSid, ...definition, approval: null, createdMs: nowMs, updatedMs: nowMs };
		this.db.contents.insert(content);
		return content;
	}

	private get(sid: string): StoredContent {
		const content = this.db.contents.get(sid);
		if (!content || content.accountSid !== this.accountSid) throw notFound(`/Content/${sid}`);
		return content;
	}

	create(body: unknown): unknown {
		return contentJson(this.insert(newSid('HX'), checkContentBody(body)));
	}

	fetch(sid: string): unknown {
		return contentJson(this.get(sid));
	}

	delete(sid: string): void {
		this.get(sid);
		this.db.contents.delete(sid);
	}

	list(params: URLSearchParams): unknown {
		const request = readPaging(params, (sid) => this.db.contents.seq(sid));
		const slice = slicePage(this.db.contents.list(this.accountSid, request.cursor, request.pageSize + 1), request);
		return metaPage('contents', `${CONTENT_BASE_URL}/v1/Content`, request, slice, contentJson);
	}

	listWithApprovals(params: URLSearchParams): unknown {
		const request = readPaging(params, (sid) => this.db.contents.seq(sid));
		const slice = slicePage(this.db.contents.list(this.accountSid, request.cursor, request.pageSize + 1), request);
		return metaPage('contents', `${CONTENT_BASE_URL}/v1/ContentAndApprovals`, request, slice, (c) =>
			contentAndApprovalsJson(c, chooseType(c, 'whatsapp')),
		);
	}

	requestApproval(sid: string, body: unknown): unknown {
		const content = this.get(sid);
		const { name, category } = checkApproval(body);
		if (content.approval) {
			throw malformed(`Content ${sid} already has a WhatsApp approval request ("${content.approval.name}", ${content.approval.status}); create a new template to submit again.`);
		}
		const nowMs = this.now();
		this.db.contents.setApproval(sid, { name, category, status: 'approved', createdMs: nowMs }, nowMs);
		return { name, category, content_type: chooseType(content, 'whatsapp'), status: 'received', rejection_reason: '', allow_category_change: true };
	}

	approvals(sid: string): unknown {
		const content = this.get(sid);
		return approvalFetchJson(content, chooseType(content, 'whatsapp'));
	}

	/** The template a message names, or Twilio's 21655. */
	forMessage(sid: string): StoredContent {
		const content = isSid('HX', sid) ? this.db.contents.get(sid) : undefined;
		if (!content || content.accountSid !== this.accountSid) {
			throw badRequest(21655, `The ContentSid is Invalid: ${sid} is not a Content template of this account. Create one with POST /v1/Content, or list them with GET /v1/Content.`);
		}
		return content;
	}

	/** Creates the seed templates that do not exist yet; existing SIDs are left as they are. */
	seed(templates: SeedTemplate[]): void {
		for (const template of templates) {
			if (!isSid('HX', template.sid)) throw new Error(`Seed template SID "${template.sid}" is not a Content SID: use "HX" followed by 32 hex digits.`);
			if (this.db.contents.get(template.sid)) continue;
			const { sid, approval, ...body } = template;
			let definition: ContentDefinition;
			try {
				definition = checkContentBody(body);
			} catch (error) {
				throw new Error(`Seed template ${sid} is invalid: ${(error as Error).message}`);
			}
			this.insert(sid, definition);
			if (approval) {
				const checked = checkApproval(approval);
				this.db.contents.setApproval(sid, { ...checked, status: 'approved', createdMs: this.now() }, this.now());
			}
		}
	}
}

export function isApprovedForWhatsApp(content: StoredContent): boolean {
	return content.approval?.status === 'approved';
}
