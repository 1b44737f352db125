import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { answerTime, businessHoursFromEnv, type BusinessHours } from '../../../core/assistant/business-hours';
import { renderMessage } from '../../../core/assistant/catalogue';
import {
	consultantPhonesFromEnv,
	handoffReferenceFor,
	handoffState,
	handoffSummaryText,
	handoffTemplateFromEnv,
	handoffTemplateVariables,
	parseRecentMessages,
	summarizeHandoff,
	type HandoffSummary,
} from '../../../core/assistant/handoff';
import { DEFAULT_LOCALE, storedLocale, type Locale } from '../../../core/assistant/locale';
import { closeHandoffFields, CrmInputError, DEFAULT_TIMEZONE, openHandoffFields } from '../../../core/airtable/crm';
import { phone as canonicalPhone } from '../../../core/airtable/crm/values';
import { formulaString } from '../../../core/airtable/formula-escape';
import { selectTasks } from '../../../core/datapath';
import { itemFailure } from '../../shared/item-errors';
import type { RecordRef } from '../../../core/datapath';
import type { ReplicaRecord } from '../../shared/datapath/store';
import { toNodeError } from '../helpers/node-errors';
import type { BufferedContext } from './operations';

/**
 * The hand-off's buffered operations: open (one per user while open, with the summary and the
 * consultants' notifications ready to send), close (by reference), and check (is the bot paused for
 * this phone; was the user told it is back). They read the replica and write through the outbox,
 * so a turn never waits for Airtable (except a user's first load, and the consultant list when
 * BESTSTAG_CONSULTANT_PHONES is not set).
 */

type BufferedOperation = (this: IExecuteFunctions, context: BufferedContext) => Promise<INodeExecutionData[]>;

/** What the buffered hand-off operations borrow from operations.ts (passed in, so no import cycle). */
export interface HandoffHelpers {
	loadOnMiss(context: BufferedContext, phone: string): Promise<void>;
	derivedKey(ctx: IExecuteFunctions, prefix: string, itemIndex: number): string;
}

const HANDOFFS = 'Handoffs';
const userRef = (phone: string): RecordRef => ({ table: 'Users', keyField: 'Phone', key: phone });
const handoffRef = (reference: string): RecordRef => ({ table: HANDOFFS, keyField: 'Reference', key: reference });

/** A consultant to notify, with the message ready for WhatsApp Send. */
export interface ConsultantNotice extends IDataObject {
	/** whatsapp:+55… */
	to: string;
	phone: string;
	locale: Locale;
	/** handoff.consultant_notice in the consultant's language. */
	text: string;
	/** The approved template for outside the 24-hour window (BESTSTAG_HANDOFF_TEMPLATE_SID), or ''. */
	templateSid: string;
	/** The template's variables as JSON: {"1": user name, "2": reference, "3": the request}. */
	templateVariables: string;
}

interface Consultant {
	phone: string;
	name?: string;
	locale: Locale;
}

/** Consultants read from Users (Role consultant) are kept this long per base, so bursts of hand-offs cost one read. */
const CONSULTANT_CACHE_MS = 60_000;
const consultantCache = new Map<string, { at: number; consultants: Consultant[] }>();

/**
 * The consultants to notify: BESTSTAG_CONSULTANT_PHONES when set (names and languages from the
 * replica's Users rows when known), else the Users rows with Role consultant, read from Airtable
 * (rate limited, cached for a minute).
 */
async function consultantsToNotify(context: BufferedContext, fromEnv: string[]): Promise<Consultant[]> {
	if (fromEnv.length > 0) {
		return Promise.all(
			fromEnv.map(async (phone) => {
				const row = await context.store.get(context.base, 'Users', phone);
				return { phone, name: typeof row?.fields.Name === 'string' ? row.fields.Name : undefined, locale: storedLocale(row?.fields.Locale) };
			}),
		);
	}
	const cached = consultantCache.get(context.base);
	if (cached && Date.now() - cached.at < CONSULTANT_CACHE_MS) return cached.consultants;
	const rows = await context.gateway.listAll('Users', { filterByFormula: `{Role} = ${formulaString('consultant')}`, fields: ['Phone', 'Name', 'Locale'] });
	const consultants = rows.flatMap((r): Consultant[] => {
		try {
			return [{ phone: canonicalPhone(r.fields.Phone, 'Phone'), name: typeof r.fields.Name === 'string' ? r.fields.Name : undefined, locale: storedLocale(r.fields.Locale) }];
		} catch {
			return []; // A consultant row without a usable phone cannot be messaged.
		}
	});
	consultantCache.set(context.base, { at: Date.now(), consultants });
	return consultants;
}

/** The settings a hand-off needs, read before anything is written so a bad one changes nothing. */
function settings(env: NodeJS.ProcessEnv): { hours: BusinessHours; consultants: string[]; templateSid: string | null; portalUrl?: string } {
	const portalUrl = env.BESTSTAG_PORTAL_URL?.trim();
	return {
		hours: businessHoursFromEnv(env),
		consultants: consultantPhonesFromEnv(env),
		templateSid: handoffTemplateFromEnv(env),
		...(portalUrl ? { portalUrl: `${portalUrl.replace(/\/+$/, '')}/handoffs` } : {}),
	};
}

function userOf(row: ReplicaRecord | undefined, phone: string): { name: string; locale: Locale; timeZone: string } {
	const name = typeof row?.fields.Name === 'string' && row.fields.Name.trim() ? row.fields.Name.trim() : phone;
	const timeZone = typeof row?.fields.Timezone === 'string' && row.fields.Timezone.trim() ? row.fields.Timezone.trim() : DEFAULT_TIMEZONE;
	return { name, locale: row ? storedLocale(row.fields.Locale) : DEFAULT_LOCALE, timeZone };
}

/** The notices for the consultants: the text in each one's language, and the template for outside the window. */
export function consultantNotices(
	consultants: readonly Consultant[],
	user: { name: string; phone: string },
	reference: string,
	summary: HandoffSummary,
	templateSid: string | null,
	portalUrl?: string,
): ConsultantNotice[] {
	return consultants.map((c) => ({
		to: `whatsapp:${c.phone}`,
		phone: c.phone,
		locale: c.locale,
		text: renderMessage(c.locale, 'handoff.consultant_notice', { name: user.name, phone: user.phone, reference, summary, ...(portalUrl ? { portalUrl } : {}) }).text,
		templateSid: templateSid ?? '',
		templateVariables: JSON.stringify(handoffTemplateVariables(user.name, reference, summary.reason)),
	}));
}

/** Runs `each` per item; a failing item becomes a failed item when the node continues on fail. */
async function perItem(ctx: IExecuteFunctions, each: (i: number) => Promise<IDataObject>): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const items = ctx.getInputData();
	for (let i = 0; i < items.length; i++) {
		try {
			out.push({ json: await each(i), pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(ctx, error, i, toNodeError));
		}
	}
	return out;
}

/** The buffered operations of the Hand-Off resource. */
export function handoffOperations(helpers: HandoffHelpers): Record<'open' | 'close' | 'check', BufferedOperation> {
	return {
		async open(context) {
			let config: ReturnType<typeof settings>;
			try {
				config = settings(process.env);
			} catch (error) {
				throw new NodeOperationError(this.getNode(), error as Error, { description: "Fix that variable in n8n's environment (see .env.example, \"Human hand-off\"); nothing was written." });
			}
			return perItem(this, async (i) => {
				const now = new Date();
				const phone = canonicalPhone(this.getNodeParameter('phone', i), 'Phone');
				const reason = String(this.getNodeParameter('reason', i, '') ?? '').trim();
				if (!reason) throw new CrmInputError('Reason', 'Reason is required in buffered mode: the message that asked for a person (it ends the summary).');
				await helpers.loadOnMiss(context, phone);
				const user = userOf(await context.store.get(context.base, 'Users', phone), phone);
				const when = answerTime(now.getTime(), config.hours, user.timeZone);
				const state = handoffState(await context.store.listOwned(context.base, HANDOFFS, phone));
				const seed = String(this.getNodeParameter('handoffKey', i, '') || '').trim() || helpers.derivedKey(this, 'ho_', i);
				const reference = handoffReferenceFor(seed, now);
				const existing = state.open ?? (await context.store.get(context.base, HANDOFFS, reference));
				const base = { phone, userName: user.name, locale: user.locale, answerTime: when };
				if (existing) {
					// Open already, or this very message opened one before (a redelivery): never a second.
					return { ...base, created: false, reference: existing.key, status: existing.fields.Status ?? null, paused: existing.fields.Status !== 'closed', replyKey: 'handoff.already_open', replyParams: { reference: existing.key, when }, consultantNotices: [] };
				}
				const openTasks = selectTasks(await context.store.listOwned(context.base, 'Tasks', phone), 'open', now.getTime(), Number.MAX_SAFE_INTEGER).length;
				const summary = summarizeHandoff({ recentMessages: parseRecentMessages(this.getNodeParameter('recentMessages', i, '')), reason, openTasks });
				const fields = openHandoffFields({ phone, reason, reference, summary: handoffSummaryText(summary, DEFAULT_LOCALE) }, now);
				delete fields.Reference;
				await context.store.write(context.base, [{ ...handoffRef(reference), fields, parents: [userRef(phone)], owner: phone }]);
				// The hand-off is accepted: a failure to find consultants must not fail the item (a retry would say "already open" and notify nobody).
				let notices: ConsultantNotice[] = [];
				let notifyError: string | null = null;
				try {
					notices = consultantNotices(await consultantsToNotify(context, config.consultants), { name: user.name, phone }, reference, summary, config.templateSid, config.portalUrl);
					if (notices.length === 0) notifyError = 'No consultant to notify: set BESTSTAG_CONSULTANT_PHONES, or give a Users row the Role consultant.';
				} catch (error) {
					notifyError = `The consultants could not be read from Airtable (${(error as Error).message}); the hand-off is open, notify them from the portal.`;
				}
				return { ...base, created: true, reference, status: 'open', paused: true, summary: summary as unknown as IDataObject, replyKey: 'handoff.opened', replyParams: { reference, when }, consultantNotices: notices, notifyError };
			});
		},

		async close(context) {
			return perItem(this, async (i) => {
				const now = new Date();
				const reference = String(this.getNodeParameter('reference', i, '') ?? '').trim();
				if (!reference) throw new CrmInputError('Reference', 'Reference is required: the hand-off to close, e.g. HO-20261130-4F2A9C.');
				const row = await context.store.get(context.base, HANDOFFS, reference);
				if (!row) throw new CrmInputError('Reference', `No hand-off "${reference}" in the replica; check the reference (a hand-off loads with its user's first turn).`);
				const owner = Array.isArray(row.fields.User) ? String(row.fields.User[0]) : '';
				const markUserTold = this.getNodeParameter('markUserTold', i, false) as boolean;
				const fields = closeHandoffFields({ consultantPhone: this.getNodeParameter('consultantPhone', i, '') }, now);
				if (row.fields.Status === 'closed') delete fields['Closed At']; // closing twice keeps the first close time
				if (markUserTold) fields['Resume Notified At'] = now.toISOString();
				const consultant = Array.isArray(fields.Consultant) ? [userRef(String(fields.Consultant[0]))] : [];
				const [written] = await context.store.write(context.base, [{ ...handoffRef(reference), fields, parents: [...(owner ? [userRef(owner)] : []), ...consultant], ...(owner ? { owner } : {}) }]);
				const user = owner ? userOf(await context.store.get(context.base, 'Users', owner), owner) : undefined;
				return { reference, closed: true, phone: owner || null, locale: user?.locale ?? DEFAULT_LOCALE, replyKey: 'handoff.resumed', userTold: markUserTold, fields: written.fields as IDataObject };
			});
		},

		async check(context) {
			const items = this.getInputData();
			const out = await perItem(this, async (i) => {
				const phone = canonicalPhone(this.getNodeParameter('phone', i), 'Phone');
				await helpers.loadOnMiss(context, phone);
				const state = handoffState(await context.store.listOwned(context.base, HANDOFFS, phone));
				if (state.resumed) {
					// Stamped now, so the "I'm back" message goes out once.
					await context.store.write(context.base, [{ ...handoffRef(state.resumed.key), fields: { 'Resume Notified At': new Date().toISOString() }, parents: [userRef(phone)], owner: phone }]);
				}
				const handoff = {
					paused: state.paused,
					reference: state.open?.key ?? null,
					resumed: state.resumed !== undefined,
					resumedReference: state.resumed?.key ?? null,
				};
				return { ...items[i].json, handoff };
			});
			return out;
		},
	};
}
