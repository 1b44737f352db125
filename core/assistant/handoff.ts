/**
 * The human hand-off's decisions, as plain functions over plain values: the summary a consultant
 * reads, whether the bot is paused for a user (an open hand-off in their replica rows), whether the
 * user must be told the bot is back, the stable reference of a new hand-off, and the consultants
 * and template named by the environment. The AirtableCrm node's buffered hand-off operations and
 * the portal call these; nothing here does I/O.
 */
import { canonicalPhoneKey } from '../phone/brazil';
import { PhoneNumberError } from '../phone/e164';
import { truncateGraphemes } from '../text/graphemes';
import { renderMessage, type RenderedMessage } from './catalogue';
import type { Locale } from './locale';

/** How many of the user's last messages a summary keeps by default. */
export const DEFAULT_SUMMARY_MESSAGES = 5;
/** Each quoted message is cut to this many characters (on a grapheme boundary). */
export const SUMMARY_MESSAGE_CHARS = 200;

export interface HandoffSummaryInput {
	/** The user's recent messages, oldest first (the conversation context's last turns). */
	recentMessages: readonly string[];
	/** The message that asked for a person ("quero falar com um humano"), or the assistant's reason. */
	reason: string;
	/** How many open tasks the user has. */
	openTasks: number;
	/** How many messages to keep, the newest; default 5. */
	maxMessages?: number;
}

export interface HandoffSummary {
	/** The last user messages, oldest first, each cut to 200 characters; the reason is the last one. */
	messages: string[];
	openTasks: number;
	reason: string;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The short summary a consultant reads: the user's last N messages (blank ones and repeats of the
 * previous one dropped), ending with the message that asked for a person, and the open tasks count.
 * @throws RangeError when openTasks is not a whole number ≥ 0 or maxMessages is not ≥ 1
 */
export function summarizeHandoff(input: HandoffSummaryInput): HandoffSummary {
	const max = input.maxMessages ?? DEFAULT_SUMMARY_MESSAGES;
	if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxMessages must be a whole number from 1; got ${String(input.maxMessages)}.`);
	if (!Number.isInteger(input.openTasks) || input.openTasks < 0) throw new RangeError(`openTasks must be a whole number from 0; got ${String(input.openTasks)}.`);
	const reason = oneLine(input.reason);
	const messages: string[] = [];
	for (const raw of [...input.recentMessages, reason]) {
		const text = truncateGraphemes(oneLine(raw), SUMMARY_MESSAGE_CHARS);
		if (text && messages[messages.length - 1] !== text) messages.push(text);
	}
	return { messages: messages.slice(-max), openTasks: input.openTasks, reason };
}

/**
 * The summary as the Handoffs table's Summary field and the portal show it, in the consultant's
 * language: one quoted message per line, then the open tasks count.
 */
export function handoffSummaryText(summary: HandoffSummary, locale: Locale): string {
	const quoted = summary.messages.map((m) => `• "${m}"`);
	const tasks = locale === 'en' ? `Open tasks: ${summary.openTasks}` : `Tarefas abertas: ${summary.openTasks}`;
	return [...quoted, tasks].join('\n');
}

/**
 * The recent messages as a workflow passes them: an array of strings or of `{ text }` objects, a
 * JSON array in a string, or plain text with one message per line. Anything else gives [].
 */
export function parseRecentMessages(value: unknown): string[] {
	let list: unknown = value;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed.startsWith('[')) {
			try {
				list = JSON.parse(trimmed);
			} catch {
				list = trimmed.split('\n');
			}
		} else list = trimmed ? trimmed.split('\n') : [];
	}
	if (!Array.isArray(list)) return [];
	return list
		.map((item) => (typeof item === 'string' ? item : typeof item === 'object' && item !== null && typeof (item as { text?: unknown }).text === 'string' ? (item as { text: string }).text : ''))
		.map(oneLine)
		.filter(Boolean);
}

/** A Handoffs row as the replica holds it (fields by Airtable name). */
export interface HandoffRow {
	key: string;
	fields: Record<string, unknown>;
}

export interface HandoffState<T extends HandoffRow> {
	/** True while the user has a hand-off not closed (open or assigned): the bot stays silent. */
	paused: boolean;
	/** The oldest hand-off not closed. */
	open?: T;
	/** A hand-off closed after which the user was not yet told the assistant is back (the newest). */
	resumed?: T;
}

const isClosed = (row: HandoffRow) => row.fields.Status === 'closed';
const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : NaN);

/**
 * Whether the bot is paused for a user, from their Handoffs rows: paused while one is open or
 * assigned. When none is, `resumed` names the newest closed one whose "Resume Notified At" is
 * blank: the user should get the "I'm back" message once (and the caller stamps that field).
 */
export function handoffState<T extends HandoffRow>(rows: readonly T[]): HandoffState<T> {
	const open = rows
		.filter((r) => !isClosed(r))
		.sort((a, b) => (time(a.fields['Opened At']) || 0) - (time(b.fields['Opened At']) || 0));
	if (open.length > 0) return { paused: true, open: open[0] };
	const untold = rows
		.filter((r) => isClosed(r) && !r.fields['Resume Notified At'])
		.sort((a, b) => (time(b.fields['Closed At']) || 0) - (time(a.fields['Closed At']) || 0));
	return { paused: false, ...(untold.length > 0 ? { resumed: untold[0] } : {}) };
}

/** FNV-1a, 32 bits: a small stable hash (http://www.isthe.com/chongo/tech/comp/fnv/). */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (const byte of new TextEncoder().encode(text)) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/**
 * The stable reference (the Handoffs key) of a hand-off opened from `seed` (e.g. the inbound
 * Message SID) on `now`'s UTC day: HO-YYYYMMDD-XXXXXX. The same seed always gives the same
 * reference, so a redelivered message never opens a second hand-off.
 * @throws RangeError when the seed is blank
 */
export function handoffReferenceFor(seed: string, now: Date): string {
	if (!seed.trim()) throw new RangeError('A hand-off reference needs a seed (the message SID); got a blank one.');
	const day = now.toISOString().slice(0, 10).replace(/-/g, '');
	const suffix = (fnv1a(seed) >>> 8).toString(16).toUpperCase().padStart(6, '0');
	return `HO-${day}-${suffix}`;
}

/** Every environment variable the hand-off reads (business-hours.ts and this file, and the portal link). */
export const HANDOFF_ENV_VARS = [
	'BESTSTAG_BUSINESS_HOURS',
	'BESTSTAG_BUSINESS_TIMEZONE',
	'BESTSTAG_BUSINESS_HOLIDAYS',
	'BESTSTAG_HANDOFF_RESPONSE_MINUTES',
	'BESTSTAG_CONSULTANT_PHONES',
	'BESTSTAG_HANDOFF_TEMPLATE_SID',
	'BESTSTAG_PORTAL_URL',
] as const;

/** The hand-off variables that are set (non-blank) in `env`, for passing on to n8n's process. */
export function handoffEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
	return Object.fromEntries(HANDOFF_ENV_VARS.flatMap((name) => (env[name]?.trim() ? [[name, env[name]!.trim()]] : [])));
}

/** A bad BESTSTAG_CONSULTANT_PHONES or BESTSTAG_HANDOFF_TEMPLATE_SID; the message names it. */
export class HandoffConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'HandoffConfigError';
	}
}

/**
 * The consultants to notify, from BESTSTAG_CONSULTANT_PHONES: phones separated by commas, semicolons
 * or new lines, each made canonical (E.164; Brazilian mobiles with their ninth digit). Blank: [].
 * @throws HandoffConfigError naming the value that is not a phone
 */
export function consultantPhonesFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
	const raw = env.BESTSTAG_CONSULTANT_PHONES ?? '';
	const phones: string[] = [];
	for (const part of raw.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
		try {
			const phone = canonicalPhoneKey(part);
			if (!phones.includes(phone)) phones.push(phone);
		} catch (error) {
			if (error instanceof PhoneNumberError) throw new HandoffConfigError(`BESTSTAG_CONSULTANT_PHONES: "${part}" is not a phone number (${error.message}). Write E.164 numbers separated by commas, e.g. +5511987654321.`);
			throw error;
		}
	}
	return phones;
}

/**
 * The approved WhatsApp template (Content SID) that notifies a consultant outside the 24-hour
 * window, from BESTSTAG_HANDOFF_TEMPLATE_SID; its variables are {{1}} the user's name, {{2}} the
 * reference and {{3}} the message that asked for a person. Blank: null (outside the window the
 * notification is then skipped by WhatsApp Send, which says so).
 * Content SIDs: https://www.twilio.com/docs/content/content-api-resources
 * @throws HandoffConfigError when the value is not HX followed by 32 hex digits
 */
export function handoffTemplateFromEnv(env: Readonly<Record<string, string | undefined>>): string | null {
	const sid = env.BESTSTAG_HANDOFF_TEMPLATE_SID?.trim();
	if (!sid) return null;
	if (!/^HX[0-9a-fA-F]{32}$/.test(sid)) throw new HandoffConfigError(`BESTSTAG_HANDOFF_TEMPLATE_SID is "${sid}"; a Content SID is HX followed by 32 hex digits.`);
	return sid;
}

/** The template variables of a consultant notification (see handoffTemplateFromEnv). */
export function handoffTemplateVariables(userName: string, reference: string, reason: string): Record<string, string> {
	return { '1': userName, '2': reference, '3': truncateGraphemes(oneLine(reason), SUMMARY_MESSAGE_CHARS) };
}

/**
 * The turn's reply with the "I'm back" message first when the bot just resumed (Check said
 * `resumed`): one WhatsApp message, the notice and a blank line before the reply, buttons kept.
 * Unchanged when `resumed` is false.
 */
export function withResumeNotice(reply: RenderedMessage, locale: Locale, resumed: boolean): RenderedMessage {
	if (!resumed) return reply;
	const notice = renderMessage(locale, 'handoff.resumed').text;
	return { ...reply, text: reply.text.trim() ? `${notice}\n\n${reply.text}` : notice };
}
