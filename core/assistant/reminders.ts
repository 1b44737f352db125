/**
 * Reminders that arrive: the pure rules behind the scheduler and the Feito / Adiar 1h / Amanhã
 * buttons. Quiet hours, the instant a reminder may go out, what a button tap changes, and how a
 * Twilio status callback moves a reminder's delivery status. No n8n, Redis or HTTP here; the
 * BestStag Reminders node (nodes/Reminders) applies these decisions through the data path.
 */
import { DEFAULT_TIMEZONE } from '../airtable/crm/choices';
import { civilToInstant, wallClockAt } from '../datetime/timezone';

/** The three quick replies every reminder carries, in the order they are shown. */
export const REMINDER_CHOICES = ['done', 'snooze', 'tomorrow'] as const;
export type ReminderChoice = (typeof REMINDER_CHOICES)[number];

/** "Adiar 1h" moves the reminder this far from the tap. */
export const SNOOZE_MS = 60 * 60 * 1000;

/** Quiet hours when neither the user nor the environment sets them. */
export const DEFAULT_QUIET_HOURS = '22:00-07:00';

const BUTTON = /^reminder:([A-Za-z0-9_-]{1,100}):(done|snooze|tomorrow)$/;

/**
 * The quick-reply id of one choice on one reminder, `reminder:<key>:<choice>` (the
 * `<questionId>:<choice>` convention of design-9: the question is `reminder:<key>`).
 * The id comes back as the ButtonPayload when the user taps the button.
 */
export function reminderButtonId(key: string, choice: ReminderChoice): string {
	return `reminder:${key}:${choice}`;
}

/** The reminder key and choice of a reminder button's payload, or null for any other payload. */
export function parseReminderButton(payload: unknown): { key: string; choice: ReminderChoice } | null {
	const match = BUTTON.exec(String(payload ?? '').trim());
	return match ? { key: match[1], choice: match[2] as ReminderChoice } : null;
}

/** Local quiet hours as minutes after midnight; start === end means none. They may cross midnight. */
export interface QuietHours {
	startMinute: number;
	endMinute: number;
}

const HHMM_RANGE = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/;

/**
 * Parses quiet hours written `HH:MM-HH:MM` (24 h, local time), e.g. `22:00-07:00`; `off` or
 * `none` (or equal ends) means no quiet hours.
 * @throws RangeError saying the expected format when the text is anything else
 */
export function parseQuietHours(text: string): QuietHours {
	if (/^\s*(off|none)\s*$/i.test(text)) return { startMinute: 0, endMinute: 0 };
	const match = HHMM_RANGE.exec(text);
	if (!match) throw new RangeError(`Quiet hours "${text}" are not HH:MM-HH:MM (24 h), e.g. 22:00-07:00, or "off".`);
	return { startMinute: Number(match[1]) * 60 + Number(match[2]), endMinute: Number(match[3]) * 60 + Number(match[4]) };
}

/**
 * The quiet hours that apply to a user: their own cell when it parses, else the configured
 * default (an unreadable cell typed in Airtable must not stop their reminders).
 * @throws RangeError when `fallback` itself does not parse (a configuration error)
 */
export function quietHoursFor(userValue: unknown, fallback: string = DEFAULT_QUIET_HOURS): QuietHours {
	const own = typeof userValue === 'string' ? userValue.trim() : '';
	if (own) {
		try {
			return parseQuietHours(own);
		} catch {
			// falls back below
		}
	}
	return parseQuietHours(fallback || DEFAULT_QUIET_HOURS);
}

function minuteOfDay(instantMs: number, timeZone: string): number {
	const wall = wallClockAt(instantMs, timeZone);
	return wall.hour * 60 + wall.minute;
}

/** Whether an instant falls inside the quiet hours in the user's time zone. */
export function inQuietHours(instantMs: number, timeZone: string, quiet: QuietHours): boolean {
	const { startMinute: start, endMinute: end } = quiet;
	if (start === end) return false;
	const m = minuteOfDay(instantMs, timeZone);
	return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The first instant at or after `fromMs` whose local time is `minute` after midnight in timeZone. */
function nextLocalTime(fromMs: number, minute: number, timeZone: string): number {
	const wall = wallClockAt(fromMs, timeZone);
	for (let days = 0; days <= 2; days++) {
		const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
		const at = civilToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, Math.floor(minute / 60), minute % 60, timeZone);
		if (at >= fromMs) return at;
	}
	/* istanbul ignore next: two days ahead always reaches the time */
	return fromMs;
}

/**
 * When a reminder due at `dueMs` may go out, seen at `nowMs`: at once when due (or overdue) outside
 * the user's quiet hours, else when the quiet hours end (local time, so 07:00 in the user's zone).
 * A reminder that is not due yet goes at its due time, moved the same way.
 * @returns epoch milliseconds, never before max(dueMs, nowMs)
 * @throws RangeError for an unknown time zone
 */
export function deliveryInstant(dueMs: number, nowMs: number, timeZone: string, quiet: QuietHours): number {
	const at = Math.max(dueMs, nowMs);
	if (!inQuietHours(at, timeZone, quiet)) return at;
	return nextLocalTime(at, quiet.endMinute, timeZone);
}

/** The time zone to use for a user: their Timezone cell when it is a zone, else America/Sao_Paulo. */
export function timeZoneOf(value: unknown): string {
	const zone = typeof value === 'string' ? value.trim() : '';
	if (!zone) return DEFAULT_TIMEZONE;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone;
	} catch {
		return DEFAULT_TIMEZONE;
	}
}

/** A local time as the catalogue words it: which day (relative to now) and HH:MM. */
export interface LocalWhen {
	day: 'today' | 'tomorrow' | 'date';
	/** DD/MM, for day 'date'. */
	date: string;
	/** HH:MM, 24 h. */
	time: string;
}

/** How an instant reads in the user's zone, seen from `nowMs`: today / tomorrow / DD/MM, and HH:MM. */
export function localWhen(instantMs: number, nowMs: number, timeZone: string): LocalWhen {
	const at = wallClockAt(instantMs, timeZone);
	const now = wallClockAt(nowMs, timeZone);
	const days = Math.round((Date.UTC(at.year, at.month - 1, at.day) - Date.UTC(now.year, now.month - 1, now.day)) / 86_400_000);
	const two = (n: number) => String(n).padStart(2, '0');
	return { day: days === 0 ? 'today' : days === 1 ? 'tomorrow' : 'date', date: `${two(at.day)}/${two(at.month)}`, time: `${two(at.hour)}:${two(at.minute)}` };
}

/**
 * The reminder text as an approved template variable may carry it: WhatsApp refuses newlines,
 * tabs and more than four spaces in a row in template values, so whitespace runs become one space.
 * Source: https://www.twilio.com/docs/content/content-types-overview (variables in WhatsApp templates)
 */
export function templateSafe(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** The reminder as the replica holds it, as far as a tap or a status callback needs it. */
export interface ReminderState {
	key: string;
	text: string;
	status: string;
	/** ISO 8601. */
	dueAt: string;
	messageSid?: string;
	deliveryStatus?: string;
	/** Airtable record id of the linked task, if any. */
	taskId?: string;
}

/** What a tap changes, and the catalogue message that answers it. */
export interface TapResolution {
	outcome: 'done' | 'snoozed' | 'rescheduled' | 'ignored';
	/** Why nothing changed (outcome 'ignored'). */
	reason?: 'already_done' | 'not_active' | 'already_rescheduled' | 'stale';
	/** Fields to write on the reminder (empty when ignored). */
	fields: Record<string, unknown>;
	/** The new due instant (snoozed / rescheduled), epoch ms. */
	dueMs?: number;
	/** Record id of the task to mark done (Feito on a reminder linked to a task). */
	completeTaskId?: string;
	/** Catalogue key and parameters of the answer (reminders.* keys). */
	reply: { key: string; params: Record<string, unknown> };
}

/**
 * Resolves a Feito / Adiar 1h / Amanhã tap on a reminder into the changes to write.
 *
 * - Feito: the reminder becomes done (Done At = now) and its linked task is completed.
 * - Adiar 1h: due again one hour after the tap.
 * - Amanhã: due again tomorrow (the day after the tap, in the user's zone) at the same local time
 *   the reminder was due, so "pagar o boleto 14:00" comes back tomorrow at 14:00. (Chosen over a
 *   fixed 09:00: the user picked that time when they asked for the reminder.)
 *
 * A tap is idempotent: a second Feito, or a snooze on a reminder already due again later, changes
 * nothing and says so. When the tap names the message it answered (`repliedMessageSid`, Twilio's
 * OriginalRepliedMessageSid) and that is not the reminder's last delivery, a snooze is stale and ignored;
 * Feito still applies. A reminder that was skipped or cancelled is not revived.
 * @param options.nowMs the tap's time, epoch ms; options.timeZone the user's IANA zone
 * @throws RangeError for an unknown time zone or an unreadable Due At
 */
export function resolveReminderTap(state: ReminderState, choice: ReminderChoice, options: { nowMs: number; timeZone: string; repliedMessageSid?: string; quiet?: QuietHours }): TapResolution {
	const { nowMs, timeZone } = options;
	const text = state.text;
	const ignored = (reason: NonNullable<TapResolution['reason']>, key: string, params: Record<string, unknown> = {}): TapResolution => ({
		outcome: 'ignored',
		reason,
		fields: {},
		reply: { key, params: { text, ...params } },
	});
	if (state.status === 'done') return ignored('already_done', 'reminders.already_done');
	if (state.status === 'skipped' || state.status === 'cancelled') return ignored('not_active', 'reminders.not_active');
	if (choice === 'done') {
		return {
			outcome: 'done',
			fields: { Status: 'done', 'Done At': new Date(nowMs).toISOString() },
			...(state.taskId ? { completeTaskId: state.taskId } : {}),
			reply: { key: 'reminders.done', params: { text } },
		};
	}
	const dueMs = Date.parse(state.dueAt);
	if (!Number.isFinite(dueMs)) throw new RangeError(`Reminder ${state.key} has no readable Due At ("${state.dueAt}").`);
	if (options.repliedMessageSid && state.messageSid && options.repliedMessageSid !== state.messageSid) {
		return ignored('stale', 'reminders.already_rescheduled', { when: localWhen(dueMs, nowMs, timeZone) });
	}
	if (state.status === 'scheduled' && dueMs > nowMs) return ignored('already_rescheduled', 'reminders.already_rescheduled', { when: localWhen(dueMs, nowMs, timeZone) });
	let next: number;
	if (choice === 'snooze') {
		next = nowMs + SNOOZE_MS;
	} else {
		const due = wallClockAt(dueMs, timeZone);
		const today = wallClockAt(nowMs, timeZone);
		const day = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
		next = civilToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, due.hour, due.minute, timeZone);
	}
	return {
		outcome: choice === 'snooze' ? 'snoozed' : 'rescheduled',
		fields: { Status: 'scheduled', 'Due At': new Date(next).toISOString(), 'Error Code': null },
		dueMs: next,
		reply: {
			key: choice === 'snooze' ? 'reminders.snoozed' : 'reminders.rescheduled',
			params: { text, when: localWhen(options.quiet ? deliveryInstant(next, next, timeZone, options.quiet) : next, nowMs, timeZone) },
		},
	};
}

const DELIVERY_RANK: Record<string, number> = { queued: 0, accepted: 0, sending: 0, sent: 1, delivered: 2, read: 3, failed: 4, undelivered: 4 };

/** Twilio's message statuses a reminder row records (others, like "receiving", are not about a send). */
export function isDeliveryStatus(status: string): boolean {
	return ['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'].includes(status);
}

/**
 * The fields a Twilio status callback changes on a reminder, or null when it changes nothing: a
 * callback for an older delivery (another MessageSid), a status Twilio reports out of order (sent
 * after delivered), or one that is not a delivery status. failed / undelivered also set Status
 * failed (unless the user already tapped Feito) and the error code.
 * Source: https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 */
export function deliveryStatusChange(state: ReminderState, update: { messageSid: string; status: string; errorCode?: string | number | null }): Record<string, unknown> | null {
	const status = update.status.trim().toLowerCase();
	if (!isDeliveryStatus(status)) return null;
	if (state.messageSid && state.messageSid !== update.messageSid) return null;
	const current = state.deliveryStatus ? (DELIVERY_RANK[state.deliveryStatus] ?? -1) : -1;
	if (DELIVERY_RANK[status] <= current) return null;
	const fields: Record<string, unknown> = { 'Delivery Status': status };
	if (!state.messageSid) fields['Message SID'] = update.messageSid;
	if (status === 'failed' || status === 'undelivered') {
		fields['Error Code'] = update.errorCode === undefined || update.errorCode === null || update.errorCode === '' ? 'unknown' : String(update.errorCode);
		if (state.status !== 'done') fields.Status = 'failed';
	}
	return fields;
}

/**
 * The fields that record a delivery Twilio accepted: Status sent (unless the user already tapped
 * Feito, or snoozed it from a faster path), Sent At, its Message SID, and the delivery status unless
 * a status callback already reported a later one for the same message.
 */
export function sentFields(state: ReminderState, sent: { messageSid: string; status: string; atMs: number }): Record<string, unknown> {
	const fields: Record<string, unknown> = { 'Sent At': new Date(sent.atMs).toISOString(), 'Message SID': sent.messageSid };
	if (state.status === 'sending' || state.status === 'scheduled') fields.Status = 'sent';
	const sameMessage = !state.messageSid || state.messageSid === sent.messageSid;
	const current = sameMessage && state.deliveryStatus ? (DELIVERY_RANK[state.deliveryStatus] ?? -1) : -1;
	const status = isDeliveryStatus(sent.status) ? sent.status : 'queued';
	if (DELIVERY_RANK[status] > current) fields['Delivery Status'] = status;
	if (!sameMessage || current < 0) fields['Error Code'] = null;
	return fields;
}
