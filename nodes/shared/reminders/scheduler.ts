import type { Locale } from '../../../core/assistant/locale';
import { storedLocale } from '../../../core/assistant/locale';
import { deliveryInstant, quietHoursFor, sentFields, templateSafe, timeZoneOf, type ReminderState } from '../../../core/assistant/reminders';
import { truncateGraphemes } from '../../../core/text/graphemes';
import { insideServiceWindow, type PlannedMessage } from '../../../core/whatsapp/outbound-plan';
import type { DataPathStore, LoadedRecord, ReplicaRecord } from '../datapath/store';
import type { OutboundJob } from '../outbound-queue';
import { RECEIPT_TTL_SECONDS, deliveryJobId, reminderKeys, type ReminderStore } from './store';

/**
 * One run of the reminder scheduler: catch up from Airtable now and then, settle deliveries in
 * flight, then claim and queue every reminder that is due. Exactly-once, as far as it can be:
 *
 * - A delivery is claimed with a Lua script (ReminderStore.claim) keyed by the reminder and its Due
 *   At: two overlapping runs, or two n8n workers, cannot both win it.
 * - The claimed delivery is queued under a job id derived from the same key and Due At, so queueing
 *   it again (a run that crashed after queueing, then recovery) is a no-op in BullMQ.
 * - The queue's worker records Twilio's MessageSid in a receipt before the job completes; a run
 *   that finds a claim without a job and without a receipt knows the job was never queued (a crash
 *   between claim and queue) and queues it. A claim whose job is still waiting is left alone.
 * - The one window left is inside the worker: Twilio accepted the request and the process died
 *   before the receipt was written. BullMQ then retries the stalled job and the user gets the
 *   reminder twice. Twilio's Messages API takes no idempotency key, so no sender can close that
 *   window; it lasts from the request reaching Twilio to one Redis write after its answer.
 *   (README.md beside this file has the whole table.)
 */

/** What the scheduler needs from the outbound queue (nodes/shared/outbound-queue.ts), per sender. */
export interface ReminderSender {
	enqueue(job: OutboundJob, jobId: string): Promise<void>;
	/** BullMQ state of a job, undefined when the queue has none under that id. */
	jobState(jobId: string): Promise<string | undefined>;
	/** Content SID of the quick-reply content that carries a reminder in a language (body {{1}}, key {{2}}). */
	quickReplyContent(locale: Locale): Promise<string>;
	/** The user's last inbound message as the WhatsApp Trigger recorded it, ISO 8601 or null. */
	lastInbound(phone: string): Promise<string | null>;
}

export interface SchedulerSettings {
	/** Default quiet hours, HH:MM-HH:MM. */
	quietHours: string;
	/** Approved template per language for outside the 24-hour window ({{1}} text, {{2}} key); blank: none. */
	templates: Partial<Record<Locale, string>>;
	statusCallback?: string;
	/** Reminders claimed per run at most. */
	limit: number;
	/** A claim older than this without a job or receipt is queued again, ms. */
	staleMs: number;
}

/** One reminder's fate in this run, as the node outputs it. */
export interface DeliveryOutcome {
	key: string;
	/** sent: queued by this run and accepted by Twilio; recorded: sent by an earlier or overlapping run, recorded now. */
	outcome: 'queued' | 'sent' | 'recorded' | 'failed' | 'skipped_opted_out' | 'deferred_quiet_hours' | 'requeued';
	phone?: string;
	messageSid?: string;
	kind?: 'quickReply' | 'template';
	/** When a deferred reminder will go, ISO 8601. */
	sendAt?: string;
	error?: string;
}

/** Reads Airtable's scheduled reminders due by an instant, as loaded records owned by a phone. */
export type CatchUp = (untilIso: string) => Promise<LoadedRecord[]>;

const SENDABLE = new Set(['scheduled']);

export function reminderState(record: ReplicaRecord): ReminderState {
	const f = record.fields;
	const task = Array.isArray(f.Task) ? String(f.Task[0] ?? '') : '';
	return {
		key: record.key,
		text: String(f.Text ?? ''),
		status: String(f.Status ?? ''),
		dueAt: String(f['Due At'] ?? ''),
		...(f['Message SID'] ? { messageSid: String(f['Message SID']) } : {}),
		...(f['Delivery Status'] ? { deliveryStatus: String(f['Delivery Status']) } : {}),
		...(task ? { taskId: task } : {}),
	};
}

/** The owner's phone of a replica reminder (its User link as buffered writes and the loader keep it). */
export function ownerOf(record: ReplicaRecord): string | undefined {
	const link = record.fields.User;
	return Array.isArray(link) && link.length > 0 ? String(link[0]) : undefined;
}

export class ReminderScheduler {
	constructor(
		private readonly data: DataPathStore,
		private readonly reminders: ReminderStore,
		private readonly sender: ReminderSender,
		private readonly settings: SchedulerSettings,
	) {}

	private get base(): string {
		return this.reminders.base;
	}

	private async write(key: string, fields: Record<string, unknown>, owner: string | undefined): Promise<void> {
		if (Object.keys(fields).length === 0) return;
		await this.data.write(this.base, [
			{ table: 'Reminders', keyField: 'Reminder Key', key, fields, ...(owner ? { owner, parents: [{ table: 'Users', keyField: 'Phone', key: owner }] } : {}) },
		]);
	}

	/** Files reminders read from Airtable into the replica and the due index (rows with a local write waiting keep it). */
	async applyCatchUp(records: LoadedRecord[]): Promise<number> {
		let filed = 0;
		for (const record of records) {
			if (record.table !== 'Reminders') continue;
			const applied = await this.data.applyExternalChange(this.base, 'Reminders', record.key, { fields: record.fields }, { recordId: record.recordId, owner: record.owner });
			const due = Date.parse(String(applied?.fields['Due At'] ?? ''));
			if (applied && SENDABLE.has(String(applied.fields.Status)) && Number.isFinite(due)) {
				await this.reminders.index(record.key, due);
				filed++;
			}
		}
		return filed;
	}

	/** The message that carries a reminder to its user now, or why none can go. */
	private async plan(record: ReplicaRecord, user: ReplicaRecord | undefined, phone: string, nowMs: number): Promise<{ message: PlannedMessage; kind: 'quickReply' | 'template' } | { error: string }> {
		const locale = storedLocale(user?.fields.Locale);
		// A quick reply's body holds 1024 characters and the catalogue adds a few; the Text cell may hold 1000.
		const text = truncateGraphemes(String(record.fields.Text ?? '').trim() || '…', 900);
		const candidates = [user?.fields['Last Inbound At'], await this.sender.lastInbound(phone)].map((v) => (typeof v === 'string' ? Date.parse(v) : NaN)).filter(Number.isFinite);
		const last = candidates.length > 0 ? new Date(Math.max(...candidates)).toISOString() : null;
		if (insideServiceWindow(last, new Date(nowMs))) {
			// Session message: the quick-reply content with the reminder's key in its button ids.
			return { kind: 'quickReply', message: { kind: 'template', contentSid: await this.sender.quickReplyContent(locale), variables: { 1: text, 2: record.key } } };
		}
		const template = this.settings.templates[locale] || this.settings.templates['pt-BR'];
		if (!template) return { error: 'outside_window_no_template' };
		return { kind: 'template', message: { kind: 'template', contentSid: template, variables: { 1: templateSafe(text), 2: record.key } } };
	}

	private async queue(record: ReplicaRecord, user: ReplicaRecord | undefined, phone: string, jobId: string, nowMs: number): Promise<DeliveryOutcome> {
		const planned = await this.plan(record, user, phone, nowMs);
		if ('error' in planned) {
			await this.write(record.key, { Status: 'failed', 'Error Code': planned.error }, phone);
			await this.reminders.finish(record.key, 'failed');
			return { key: record.key, outcome: 'failed', phone, error: planned.error };
		}
		const keys = reminderKeys(this.base);
		await this.sender.enqueue(
			{
				to: `whatsapp:${phone}`,
				messages: [planned.message],
				...(this.settings.statusCallback ? { statusCallback: this.settings.statusCallback } : {}),
				receipt: { key: keys.receipt(jobId), ttlSeconds: RECEIPT_TTL_SECONDS, sidKeyPrefix: keys.sidPrefix, sidValue: record.key },
			},
			jobId,
		);
		await this.reminders.setClaimState(record.key, 'queued');
		return { key: record.key, outcome: 'queued', phone, kind: planned.kind };
	}

	/**
	 * Records a delivery whose worker left a receipt: Message SID, Sent At, status (or the error).
	 * Returns undefined when the receipt is still empty.
	 */
	private async settle(key: string, jobId: string): Promise<DeliveryOutcome | undefined> {
		return this.reminders.withLock(key, () => this.settleLocked(key, jobId));
	}

	private async settleLocked(key: string, jobId: string): Promise<DeliveryOutcome | undefined> {
		const receipt = await this.reminders.receipt(jobId);
		const record = await this.data.get(this.base, 'Reminders', key);
		const owner = record ? ownerOf(record) : undefined;
		if (receipt.sid) {
			if (record) await this.write(key, sentFields(reminderState(record), { messageSid: receipt.sid, status: receipt.status ?? 'queued', atMs: receipt.at ?? Date.now() }), owner);
			await this.reminders.mapSid(receipt.sid, key);
			await this.reminders.finish(key, 'sent');
			return { key, outcome: 'sent', phone: owner, messageSid: receipt.sid };
		}
		if (receipt.error !== undefined) {
			if (record && String(record.fields.Status) !== 'done') await this.write(key, { Status: 'failed', 'Delivery Status': 'failed', 'Error Code': receipt.code ?? 'unknown' }, owner);
			await this.reminders.finish(key, 'failed');
			return { key, outcome: 'failed', phone: owner, error: `${receipt.code ?? ''} ${receipt.error}`.trim() };
		}
		return undefined;
	}

	/** Settles every delivery in flight that has a receipt; queues again a stale claim that never reached the queue. */
	async recover(nowMs: number): Promise<DeliveryOutcome[]> {
		const out: DeliveryOutcome[] = [];
		for (const key of await this.reminders.inflight()) {
			const claim = await this.reminders.getClaim(key);
			if (!claim || (claim.state !== 'claimed' && claim.state !== 'queued')) {
				await this.reminders.finish(key, claim?.state === 'failed' ? 'failed' : 'sent');
				continue;
			}
			// Job first, receipt second: the worker writes the receipt before the job completes.
			const state = await this.sender.jobState(claim.job);
			const settled = await this.settle(key, claim.job);
			if (settled) {
				// Sent by an earlier (or overlapping) run; this run only records it.
				out.push(settled.outcome === 'sent' ? { ...settled, outcome: 'recorded' } : settled);
				continue;
			}
			if (state === 'failed') {
				const record = await this.data.get(this.base, 'Reminders', key);
				await this.write(key, { Status: 'failed', 'Delivery Status': 'failed', 'Error Code': 'queue_failed' }, record ? ownerOf(record) : undefined);
				await this.reminders.finish(key, 'failed');
				out.push({ key, outcome: 'failed', error: 'queue_failed' });
				continue;
			}
			if (state !== undefined || Date.now() - claim.at < this.settings.staleMs) continue;
			// Claimed, never queued (the run died in between): queue it now under the same job id.
			const record = await this.data.get(this.base, 'Reminders', key);
			const phone = record ? ownerOf(record) : undefined;
			if (!record || !phone) {
				await this.reminders.finish(key, 'failed');
				continue;
			}
			const queued = await this.queue(record, await this.data.get(this.base, 'Users', phone), phone, claim.job, nowMs);
			out.push(queued.outcome === 'queued' ? { ...queued, outcome: 'requeued' } : queued);
		}
		return out;
	}

	/**
	 * Claims and queues every reminder due at `nowMs` (the injectable clock), after settling what
	 * is in flight. Opted-out users' reminders are skipped (Status skipped, Error Code opted_out);
	 * a reminder due inside the user's quiet hours moves in the index to when they end.
	 */
	async run(nowMs: number): Promise<DeliveryOutcome[]> {
		const out = await this.recover(nowMs);
		for (const key of await this.reminders.due(nowMs, this.settings.limit)) {
			const record = await this.data.get(this.base, 'Reminders', key);
			const status = String(record?.fields.Status ?? '');
			const dueMs = Date.parse(String(record?.fields['Due At'] ?? ''));
			const phone = record ? ownerOf(record) : undefined;
			if (!record || !SENDABLE.has(status) || !Number.isFinite(dueMs) || !phone) {
				await this.reminders.unindex(key);
				continue;
			}
			if (dueMs > nowMs) {
				// Moved later (a snooze, an edit in Airtable) since it was indexed.
				await this.reminders.index(key, dueMs);
				continue;
			}
			const user = await this.data.get(this.base, 'Users', phone);
			const timeZone = timeZoneOf(user?.fields.Timezone);
			const jobId = deliveryJobId(key, JSON.stringify(record.fields['Due At']));
			if (String(user?.fields['Opt-in Status'] ?? '') === 'opted_out') {
				if ((await this.reminders.claim(key, JSON.stringify(record.fields['Due At']), jobId, Date.now())) !== 'claimed') continue;
				await this.write(key, { Status: 'skipped', 'Error Code': 'opted_out' }, phone);
				await this.reminders.finish(key, 'skipped');
				out.push({ key, outcome: 'skipped_opted_out', phone });
				continue;
			}
			const sendAt = deliveryInstant(dueMs, nowMs, timeZone, quietHoursFor(user?.fields['Quiet Hours'], this.settings.quietHours));
			if (sendAt > nowMs) {
				await this.reminders.index(key, sendAt);
				out.push({ key, outcome: 'deferred_quiet_hours', phone, sendAt: new Date(sendAt).toISOString() });
				continue;
			}
			const claimed = await this.reminders.claim(key, JSON.stringify(record.fields['Due At']), jobId, Date.now());
			if (claimed !== 'claimed') {
				if (claimed !== 'already_claimed') await this.reminders.unindex(key);
				continue;
			}
			await this.write(key, { Status: 'sending' }, phone);
			out.push(await this.queue(record, user, phone, jobId, nowMs));
		}
		return out;
	}

	/**
	 * Waits up to `timeoutMs` for the deliveries queued by this run to leave receipts and records
	 * them (the next run settles the rest). Returns the outcomes with their Message SIDs.
	 */
	async settleQueued(outcomes: DeliveryOutcome[], timeoutMs: number): Promise<DeliveryOutcome[]> {
		const result = [...outcomes];
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let waiting = 0;
			for (let i = 0; i < result.length; i++) {
				if (result[i].outcome !== 'queued' && result[i].outcome !== 'requeued') continue;
				const claim = await this.reminders.getClaim(result[i].key);
				const settled = claim ? await this.settle(result[i].key, claim.job) : undefined;
				if (settled) result[i] = { ...result[i], ...settled };
				else waiting++;
			}
			if (waiting === 0 || Date.now() >= deadline) return result;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}
