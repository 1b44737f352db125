import { setTimeout as sleep } from 'node:timers/promises';

import { parseAddress } from './addresses';
import { statusCallbackParams, type CallbackSender } from './callbacks';
import type { TwilioDatabase } from './database';
import { errorMessageFor } from './failures';
import type { MessageStatus, StoredMessage } from './model';

/**
 * Moves each message through Twilio's statuses on a timer: (accepted →) queued → sent → delivered
 * (→ read for WhatsApp when read receipts are on), or to failed/undelivered when a failure rule chose
 * that fate. Every change is stored, then posted to the StatusCallback. Callbacks for one message go
 * out one at a time, in order; a restart resumes messages that had not finished.
 */

export interface LifecycleOptions {
	db: TwilioDatabase;
	/** Time spent in each status before the next. */
	delayMs: number;
	readReceipts: boolean;
	now: () => number;
	/** Built with `signal`, so close() also cancels callbacks in flight. */
	send: CallbackSender;
	signal: AbortSignal;
}

export function nextStatus(m: StoredMessage, readReceipts: boolean): MessageStatus | undefined {
	switch (m.status) {
		case 'accepted':
			return 'queued';
		case 'queued':
			return m.fate.status === 'failed' ? 'failed' : 'sent';
		case 'sent':
			return m.fate.status === 'undelivered' ? 'undelivered' : 'delivered';
		case 'delivered':
			return readReceipts && parseAddress(m.to)?.channel === 'whatsapp' ? 'read' : undefined;
		default:
			return undefined;
	}
}

export class Lifecycle {
	private readonly runs = new Set<Promise<void>>();
	/** Per message, the last callback queued, so the next one waits for it. */
	private readonly chains = new Map<string, Promise<void>>();

	constructor(private readonly options: LifecycleOptions) {}

	start(sid: string): void {
		const run = this.run(sid).finally(() => this.runs.delete(run));
		this.runs.add(run);
	}

	/** Picks up messages a previous process left part-way. */
	resume(): void {
		for (const message of this.options.db.messages.unfinished()) {
			if (nextStatus(message, this.options.readReceipts)) this.start(message.sid);
		}
	}

	/** Queues the StatusCallback for the message's current status behind its earlier ones. */
	notify(message: StoredMessage): Promise<void> {
		const url = message.statusCallback;
		if (!url || this.options.signal.aborted) return Promise.resolve();
		const params = statusCallbackParams(message);
		const previous = this.chains.get(message.sid) ?? Promise.resolve();
		const next = previous.then(() => this.options.send(url, params));
		this.chains.set(message.sid, next);
		void next.finally(() => {
			if (this.chains.get(message.sid) === next) this.chains.delete(message.sid);
		});
		return next;
	}

	/** Resolves once every timer and callback has stopped; the caller aborts `signal` first. */
	async drain(): Promise<void> {
		await Promise.allSettled([...this.runs, ...this.chains.values()]);
	}

	private async run(sid: string): Promise<void> {
		const { db, delayMs, readReceipts, now, signal } = this.options;
		for (;;) {
			try {
				await sleep(delayMs, undefined, { signal });
			} catch {
				return; // Aborted by close().
			}
			const message = db.messages.get(sid);
			if (!message) return;
			const status = nextStatus(message, readReceipts);
			if (!status) return;
			const failing = status === 'failed' || status === 'undelivered';
			const errorCode = failing ? message.fate.errorCode : undefined;
			const moved = db.messages.transition(sid, message.status, {
				status,
				nowMs: now(),
				sent: status === 'sent',
				errorCode,
				errorMessage: errorCode === undefined ? undefined : errorMessageFor(errorCode),
			});
			// A cancel or delete got there first: look again after the next tick.
			if (!moved) continue;
			const updated = db.messages.get(sid);
			if (updated) await this.notify(updated);
		}
	}
}
