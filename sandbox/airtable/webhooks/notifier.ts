import { contentMac, CONTENT_MAC_HEADER } from '../../../core/airtable/webhooks/mac';
import type { WebhookPing } from '../../../core/airtable/webhooks/types';
import type { StoredWebhook, WebhookStorage } from './storage';

/**
 * Pings: after a change, a POST to the webhook's notification URL with {base:{id}, webhook:{id},
 * timestamp}, signed with X-Airtable-Content-MAC over the exact bytes sent. Pings for one webhook are
 * coalesced (one in flight, at most one queued), since the receiver reads every payload from its cursor
 * anyway. Anything but 200 or 204 is a failure, retried a few times with growing delays.
 * Source: https://airtable.com/developers/web/api/webhooks-overview (webhook notification delivery)
 */

export interface PingSenderOptions {
	storage: WebhookStorage;
	now: () => Date;
	/** Delays before each retry of a failed ping, in ms. Default [1000, 5000, 25000]. */
	retryDelaysMs?: number[];
	/** How long to wait for the receiver, in ms. Default 10000. */
	timeoutMs?: number;
}

interface PingState {
	inFlight: boolean;
	queued: boolean;
	retry?: NodeJS.Timeout;
}

/** The ping body, serialized once: the MAC covers exactly these bytes. */
export function pingBody(webhook: Pick<StoredWebhook, 'id' | 'baseId'>, timestamp: string): string {
	const ping: WebhookPing = { base: { id: webhook.baseId }, webhook: { id: webhook.id }, timestamp };
	return JSON.stringify(ping);
}

export class PingSender {
	private readonly states = new Map<string, PingState>();
	private readonly running = new Set<Promise<void>>();
	private closed = false;

	constructor(private readonly options: PingSenderOptions) {}

	/** Asks for a ping to `webhookId` soon; returns at once. */
	schedule(webhookId: string): void {
		if (this.closed) return;
		const state = this.states.get(webhookId) ?? { inFlight: false, queued: false };
		this.states.set(webhookId, state);
		if (state.inFlight) {
			state.queued = true;
			return;
		}
		if (state.retry) {
			clearTimeout(state.retry);
			state.retry = undefined;
		}
		this.start(webhookId, state, 0);
	}

	/** Stops retries and waits for pings in flight. */
	async close(): Promise<void> {
		this.closed = true;
		for (const state of this.states.values()) if (state.retry) clearTimeout(state.retry);
		await Promise.all([...this.running]);
	}

	private start(webhookId: string, state: PingState, retryNumber: number): void {
		state.inFlight = true;
		const run = this.send(webhookId, retryNumber)
			.then((ok) => {
				state.inFlight = false;
				if (this.closed) return;
				if (state.queued) {
					state.queued = false;
					this.start(webhookId, state, 0);
				} else if (!ok) {
					const delays = this.options.retryDelaysMs ?? [1000, 5000, 25000];
					if (retryNumber < delays.length) {
						state.retry = setTimeout(() => {
							state.retry = undefined;
							this.start(webhookId, state, retryNumber + 1);
						}, delays[retryNumber]);
						state.retry.unref();
					}
				}
			})
			.finally(() => this.running.delete(run));
		this.running.add(run);
	}

	/** One delivery attempt; true when the receiver answered 200 or 204, or there is nothing to deliver. */
	private async send(webhookId: string, retryNumber: number): Promise<boolean> {
		const { storage, now } = this.options;
		const webhook = storage.getWebhook(webhookId);
		if (!webhook?.notificationUrl || !webhook.areNotificationsEnabled || Date.parse(webhook.expirationTime) <= now().getTime()) return true;
		const body = pingBody(webhook, now().toISOString());
		const started = Date.now();
		let error: string | undefined;
		try {
			const response = await fetch(webhook.notificationUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json; charset=utf-8', [CONTENT_MAC_HEADER]: contentMac(webhook.macSecretBase64, body) },
				body,
				signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
			});
			await response.arrayBuffer().catch(() => undefined);
			if (response.status !== 200 && response.status !== 204) error = `The notification URL answered ${response.status}; Airtable expects 200 or 204.`;
		} catch (cause) {
			error = `The notification URL could not be reached: ${(cause as Error).message}`;
		}
		// Re-read: the webhook may have been refreshed or deleted while the ping was in flight.
		const latest = storage.getWebhook(webhookId);
		if (!latest) return true;
		const completionTimestamp = now().toISOString();
		latest.lastNotificationResult = { success: error === undefined, ...(error ? { error: { message: error } } : {}), completionTimestamp, durationMs: Date.now() - started, retryNumber };
		if (!error) latest.lastSuccessfulNotificationTime = completionTimestamp;
		storage.saveWebhook(latest);
		return error === undefined;
	}
}
