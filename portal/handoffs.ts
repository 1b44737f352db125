import type twilio from 'twilio';

import { renderMessage } from '../core/assistant/catalogue';
import { DEFAULT_LOCALE, storedLocale, type Locale } from '../core/assistant/locale';
import { closeHandoffFields, MESSAGE_STATUSES, messageFields } from '../core/airtable/crm';
import { formulaString } from '../core/airtable/formula-escape';
import { truncateGraphemes } from '../core/text/graphemes';
import type { AirtableGateway, AirtableRecord } from '../nodes/AirtableCrm/transport/request';
import type { DataPathStore } from '../nodes/shared/datapath/store';

/**
 * The consultants' hand-off desk: the open hand-offs with their summary and the user's latest
 * messages, a reply that reaches the user on WhatsApp, and the close that gives the conversation
 * back to the bot.
 *
 * Why the consultant answers here and not by writing to the bot's number: the bot's inbound flow
 * then only ever handles users (a consultant's message can never be mistaken for a user's turn,
 * consent or opt-out), the consultant sees the summary and the conversation beside the reply box,
 * and the close button sits next to them. Replies go out through Twilio's official client from the
 * bot's own sender, so the user sees one conversation, and each is logged as an outbound Messages
 * row. Writes (the reply log, "assigned", the close) go through the data path, so the bot's replica
 * sees a close at once and the flusher brings it to Airtable; reads come from Airtable, the system
 * of record, paced by the base's shared rate limiter.
 */

export class HandoffDeskError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export interface HandoffDeskDeps {
	gateway: AirtableGateway;
	store: DataPathStore;
	/** The Airtable base id (the data path keys the replica and outbox by it). */
	base: string;
	twilio: twilio.Twilio;
	/** The bot's WhatsApp sender, whatsapp:+… */
	sender: string;
	now?: () => Date;
}

export interface DeskMessage {
	direction: string;
	text: string;
	at: string | null;
}

export interface DeskHandoff {
	reference: string;
	status: string;
	openedAt: string | null;
	reason: string;
	summary: string;
	user: { phone: string; name: string; locale: Locale };
	/** The user's latest messages, oldest first (at most 10). */
	messages: DeskMessage[];
}

const REFERENCE = /^HO-\d{8}-[0-9A-Z]{4,8}$/;
const MAX_REPLY_CHARS = 1600;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The user of a hand-off, by the record id of its User link: phone, name and language. */
async function usersById(gateway: AirtableGateway, ids: string[]): Promise<Map<string, AirtableRecord>> {
	if (ids.length === 0) return new Map();
	const formula = `OR(${ids.map((id) => `RECORD_ID() = ${formulaString(id)}`).join(', ')})`;
	const users = await gateway.listAll('Users', { filterByFormula: formula, fields: ['Phone', 'Name', 'Locale'] });
	return new Map(users.map((u) => [u.id, u]));
}

/** How many of a user's latest messages the desk shows. */
const MESSAGES_PER_USER = 10;

/**
 * The latest messages of the hand-offs' users (by their Users record id) in one request, so a desk
 * refresh costs three requests whatever the number of hand-offs. Oldest first per phone. A row
 * that records a whole turn (the user's Text and BestStag's Reply) gives both lines.
 */
async function latestMessages(gateway: AirtableGateway, users: Map<string, AirtableRecord>): Promise<Map<string, DeskMessage[]>> {
	const byPhone = new Map<string, DeskMessage[]>();
	for (const user of users.values()) if (text(user.fields.Phone)) byPhone.set(text(user.fields.Phone), []);
	if (byPhone.size === 0) return byPhone;
	const rows = await gateway.listAll('Messages', {
		filterByFormula: `OR(${[...byPhone.keys()].map((p) => `ARRAYJOIN({User}) = ${formulaString(p)}`).join(', ')})`,
		sort: [{ field: 'At', direction: 'desc' }],
		// One page usually; a very chatty user can crowd the others' oldest lines out, never their summary.
		maxRecords: Math.max(100, MESSAGES_PER_USER * byPhone.size * 2),
	});
	for (const row of rows) {
		const link = Array.isArray(row.fields.User) ? String(row.fields.User[0]) : '';
		const list = byPhone.get(text(users.get(link)?.fields.Phone));
		if (!list || list.length >= MESSAGES_PER_USER) continue;
		// Newest first here: a turn row's reply (its Reply field, when the base has one) comes after its text.
		const reply = text(row.fields.Reply);
		if (reply) list.push({ direction: 'outbound', text: reply, at: text(row.fields['Replied At']) || text(row.fields.At) || null });
		if (text(row.fields.Text)) list.push({ direction: text(row.fields.Direction), text: text(row.fields.Text), at: text(row.fields.At) || null });
	}
	for (const [phone, list] of byPhone) byPhone.set(phone, list.slice(0, MESSAGES_PER_USER).reverse());
	return byPhone;
}

/**
 * The hand-offs not closed, oldest first, each with its user and their latest messages. A
 * hand-off the replica already holds as closed (closed here a moment ago, not yet flushed) is left out.
 */
export async function listOpenHandoffs(deps: HandoffDeskDeps): Promise<DeskHandoff[]> {
	const rows = await deps.gateway.listAll('Handoffs', { filterByFormula: `{Status} != 'closed'`, sort: [{ field: 'Opened At', direction: 'asc' }] });
	// The replica is ahead of Airtable by the flusher's few seconds: its status wins.
	const open: AirtableRecord[] = [];
	for (const row of rows) {
		const reference = text(row.fields.Reference);
		const replica = reference ? await deps.store.get(deps.base, 'Handoffs', reference) : undefined;
		const status = text(replica?.fields.Status) || text(row.fields.Status);
		if (status !== 'closed') open.push({ ...row, fields: { ...row.fields, Status: status } });
	}
	const userIds = [...new Set(open.flatMap((r) => (Array.isArray(r.fields.User) ? [String(r.fields.User[0])] : [])))];
	const users = await usersById(deps.gateway, userIds);
	const messages = await latestMessages(deps.gateway, users);
	return open.map((row): DeskHandoff => {
		const user = users.get(Array.isArray(row.fields.User) ? String(row.fields.User[0]) : '');
		const phone = text(user?.fields.Phone);
		return {
			reference: text(row.fields.Reference) || row.id,
			status: text(row.fields.Status),
			openedAt: text(row.fields['Opened At']) || null,
			reason: text(row.fields.Reason),
			summary: text(row.fields.Summary),
			user: { phone, name: text(user?.fields.Name) || phone, locale: storedLocale(user?.fields.Locale) },
			messages: messages.get(phone) ?? [],
		};
	});
}

/** The hand-off's user phone and status: from the replica, else from Airtable. */
async function findHandoff(deps: HandoffDeskDeps, reference: string): Promise<{ phone: string; status: string; locale: Locale }> {
	if (!REFERENCE.test(reference)) throw new HandoffDeskError(400, `"${reference}" não é um protocolo / is not a reference (HO-YYYYMMDD-XXXXXX).`);
	const replica = await deps.store.get(deps.base, 'Handoffs', reference);
	let phone = Array.isArray(replica?.fields.User) ? String(replica.fields.User[0]) : '';
	let status = text(replica?.fields.Status);
	if (!phone) {
		const [row] = await deps.gateway.listAll('Handoffs', { filterByFormula: `{Reference} = ${formulaString(reference)}`, maxRecords: 1 });
		if (!row) throw new HandoffDeskError(404, `Atendimento ${reference} não encontrado / Hand-off ${reference} not found.`);
		const user = (await usersById(deps.gateway, Array.isArray(row.fields.User) ? [String(row.fields.User[0])] : [])).values().next().value;
		phone = text(user?.fields.Phone);
		status = text(row.fields.Status);
		if (!phone) throw new HandoffDeskError(409, `O atendimento ${reference} não tem usuário / Hand-off ${reference} has no user.`);
	}
	const userRow = await deps.store.get(deps.base, 'Users', phone);
	return { phone, status, locale: userRow ? storedLocale(userRow.fields.Locale) : DEFAULT_LOCALE };
}

/** Sends one message to the user from the bot's sender and logs it as an outbound Messages row. */
async function sendAndLog(deps: HandoffDeskDeps, phone: string, body: string): Promise<{ sid: string; status: string }> {
	const sent = await deps.twilio.messages.create({ from: deps.sender, to: `whatsapp:${phone}`, body });
	const now = deps.now?.() ?? new Date();
	const status = (MESSAGE_STATUSES as readonly string[]).includes(sent.status) ? sent.status : undefined;
	const fields = messageFields({ messageSid: sent.sid, phone, direction: 'outbound', text: body, status, at: now.toISOString() }, now);
	delete fields['Message SID'];
	await deps.store.write(deps.base, [{ table: 'Messages', keyField: 'Message SID', key: sent.sid, fields, parents: [{ table: 'Users', keyField: 'Phone', key: phone }] }]);
	return { sid: sent.sid, status: sent.status };
}

/**
 * A consultant's reply: sent to the user (handoff.consultant_message in the user's language, with
 * the consultant's name), logged, and the hand-off marked assigned. The bot stays paused.
 * @throws HandoffDeskError 400 for an empty or too long text or a bad reference, 404 for an unknown one, 409 when it is closed
 */
export async function replyToHandoff(deps: HandoffDeskDeps, reference: string, input: { text?: unknown; consultant?: unknown }): Promise<{ sid: string; status: string }> {
	const body = text(input.text).trim();
	if (!body) throw new HandoffDeskError(400, 'Escreva a resposta / Write the reply.');
	if (body.length > MAX_REPLY_CHARS) throw new HandoffDeskError(400, `Resposta longa demais / Reply too long (max ${MAX_REPLY_CHARS}).`);
	const consultant = truncateGraphemes(text(input.consultant).trim(), 40, '') || 'BestStag';
	const found = await findHandoff(deps, reference);
	if (found.status === 'closed') throw new HandoffDeskError(409, `O atendimento ${reference} já foi encerrado / Hand-off ${reference} is closed.`);
	const sent = await sendAndLog(deps, found.phone, renderMessage(found.locale, 'handoff.consultant_message', { consultant, text: body }).text);
	if (found.status !== 'assigned') {
		await deps.store.write(deps.base, [{ table: 'Handoffs', keyField: 'Reference', key: reference, fields: { Status: 'assigned', User: [found.phone] }, owner: found.phone, parents: [{ table: 'Users', keyField: 'Phone', key: found.phone }] }]);
	}
	return sent;
}

/**
 * Closes a hand-off from the desk: the bot answers again at once, and the user is told so now
 * (handoff.resumed in their language), so their next turn does not repeat it.
 * @throws HandoffDeskError 400 for a bad reference, 404 for an unknown one; closing a closed one is a no-op
 */
export async function closeFromDesk(deps: HandoffDeskDeps, reference: string): Promise<{ closed: boolean; sid: string | null }> {
	const found = await findHandoff(deps, reference);
	if (found.status === 'closed') return { closed: false, sid: null };
	const now = deps.now?.() ?? new Date();
	const fields = { ...closeHandoffFields({}, now), 'Resume Notified At': now.toISOString(), User: [found.phone] };
	await deps.store.write(deps.base, [{ table: 'Handoffs', keyField: 'Reference', key: reference, fields, owner: found.phone, parents: [{ table: 'Users', keyField: 'Phone', key: found.phone }] }]);
	const sent = await sendAndLog(deps, found.phone, renderMessage(found.locale, 'handoff.resumed', {}).text);
	return { closed: true, sid: sent.sid };
}
