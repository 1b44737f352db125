/**
 * "meus dados" (LGPD art. 18 II, access: https://www.planalto.gov.br/ccivil_03/_ato2015-2018/2018/lei/l13709.htm):
 * what is stored about a user, from their rows, as the catalogue's `privacy.export` parameters and as
 * WhatsApp messages. Pure: the AirtableCrm user.export operation gathers the rows.
 */
import { DEFAULT_TIMEZONE } from '../airtable/crm/choices';
import { wallClockAt } from '../datetime/timezone';
import { splitMessage } from '../whatsapp/split';
import { renderMessage } from './catalogue';
import type { ExportLine, ExportParams } from './catalogue/privacy';
import { storedLocale, type Locale } from './locale';

/** A row as Airtable or the replica holds it: field name → value. */
export interface ExportRow {
	fields: Record<string, unknown>;
}

/** Everything stored about one user, gathered by the operation. */
export interface ExportSource {
	phone: string;
	/** The Users row's fields; undefined when there is no row. */
	user?: Record<string, unknown>;
	tasks: ExportRow[];
	reminders: ExportRow[];
	messages: ExportRow[];
	handoffs: ExportRow[];
}

/** How many of the latest tasks, reminders and messages are listed (all are counted). */
export const EXPORT_LATEST = 5;
/** Longest text of one listed item, in characters; longer is cut with "…" (the export is a summary, not a dump). */
const ITEM_TEXT_LIMIT = 120;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const pad = (n: number) => String(n).padStart(2, '0');

function validZone(zone: string | undefined): string {
	if (!zone) return DEFAULT_TIMEZONE;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return zone;
	} catch {
		return DEFAULT_TIMEZONE;
	}
}

/**
 * An instant in the user's zone: "29/11/2026 09:00" (pt-BR) or "2026-11-29 09:00" (en).
 * @returns undefined for a blank or unreadable value
 */
export function exportWhen(value: unknown, locale: Locale, timeZone: string): string | undefined {
	const ms = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
	if (!Number.isFinite(ms)) return undefined;
	const w = wallClockAt(ms, timeZone);
	const time = `${pad(w.hour)}:${pad(w.minute)}`;
	return locale === 'pt-BR' ? `${pad(w.day)}/${pad(w.month)}/${w.year} ${time}` : `${w.year}-${pad(w.month)}-${pad(w.day)} ${time}`;
}

function clip(value: string): string {
	const chars = [...value.replace(/\s+/g, ' ')];
	return chars.length <= ITEM_TEXT_LIMIT ? chars.join('') : `${chars.slice(0, ITEM_TEXT_LIMIT - 1).join('')}…`;
}

/** The latest `n` rows by `dateField` (newest first; rows without a date last), as export lines. */
function latest(rows: ExportRow[], textField: string, dateField: string, statusField: string, n: number, locale: Locale, zone: string): ExportLine[] {
	const time = (row: ExportRow) => {
		const ms = Date.parse(String(row.fields[dateField] ?? ''));
		return Number.isFinite(ms) ? ms : -Infinity;
	};
	return [...rows]
		.sort((a, b) => time(b) - time(a))
		.slice(0, n)
		.map((row) => ({
			text: clip(text(row.fields[textField]) ?? '—'),
			...(exportWhen(row.fields[dateField], locale, zone) ? { when: exportWhen(row.fields[dateField], locale, zone) } : {}),
			...(text(row.fields[statusField]) ? { status: text(row.fields[statusField]) } : {}),
		}));
}

/**
 * The `privacy.export` parameters for one user: profile, counts of every table, the latest
 * EXPORT_LATEST tasks (by due date), reminders (by due time) and messages (by time), dates in the
 * user's time zone and locale.
 */
export function exportParams(source: ExportSource, latestCount: number = EXPORT_LATEST): ExportParams {
	const user = source.user ?? {};
	const locale = storedLocale(user.Locale);
	const zone = validZone(text(user.Timezone));
	const consentStatus = text(user['Consent Status']);
	return {
		phone: source.phone,
		...(text(user.Name) ? { name: text(user.Name) } : {}),
		...(text(user.Email) ? { email: text(user.Email) } : {}),
		locale,
		timezone: zone,
		...(text(user['Opt-in Status']) ? { optIn: text(user['Opt-in Status']) } : {}),
		...(consentStatus
			? { consent: { status: consentStatus, ...(exportWhen(user['Consent At'], locale, zone) ? { at: exportWhen(user['Consent At'], locale, zone) } : {}), ...(text(user['Consent Version']) ? { version: text(user['Consent Version']) } : {}) } }
			: {}),
		counts: { tasks: source.tasks.length, reminders: source.reminders.length, messages: source.messages.length, handoffs: source.handoffs.length },
		tasks: latest(source.tasks, 'Title', 'Due', 'Status', latestCount, locale, zone),
		reminders: latest(source.reminders, 'Text', 'Due At', 'Status', latestCount, locale, zone),
		messages: latest(source.messages, 'Text', 'At', 'Direction', latestCount, locale, zone),
	};
}

/**
 * The export as WhatsApp messages in the user's language, split at paragraph boundaries when
 * longer than one message (1600 characters as Twilio counts them).
 */
export function exportMessages(params: ExportParams, locale: Locale): string[] {
	return splitMessage(renderMessage(locale, 'privacy.export', params).text);
}
