import Airtable from 'airtable';
import type Redis from 'ioredis';

import { changesFromPayloads, schemaNames, type BaseSchemaNames, type ExternalRecordChange } from '../../../core/airtable/webhooks/changes';
import { checkPage, cursorResyncReason, modifiedSinceFormula, shouldReadMore, type ResyncReason } from '../../../core/airtable/webhooks/cursor';
import { FIRST_CURSOR, WEBHOOK_LIFETIME_MS } from '../../../core/airtable/webhooks/limits';
import { verifyContentMac } from '../../../core/airtable/webhooks/mac';
import type { WebhookPing, WebhookSpecification } from '../../../core/airtable/webhooks/types';
import type { ReplicaSink } from './replica-sink';
import { SyncStateStore, type SyncState } from './sync-state';
import { AirtableApiError, AirtableWebhooksApi, type TableSchema, type WebhooksApiOptions } from './webhooks-api';

/**
 * Changes made in Airtable reach the bot: one webhook per base (created or reused, its id, secret and
 * cursor kept in Redis), pings verified by X-Airtable-Content-MAC, payloads read from the saved cursor
 * and applied to the replica in order, the webhook refreshed daily before its 7-day expiry, a full
 * resync when payloads may have been lost, and an hourly catch-up by LAST_MODIFIED_TIME() as a safety net.
 * Sources: https://airtable.com/developers/web/api/webhooks-overview and the pages linked there.
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Record data changes anywhere in the base, with every cell of a changed record so the replica can find it by its key. */
export const SYNC_SPECIFICATION: WebhookSpecification = {
	options: { filters: { dataTypes: ['tableData'] }, includes: { includeCellValuesInFieldIds: 'all' } },
};

export interface AirtableChangeSyncOptions {
	redis: Redis;
	baseId: string;
	/** A personal access token with data.records:read, schema.bases:read and webhook:manage. */
	token: string;
	/** Default https://api.airtable.com. */
	endpointUrl?: string;
	/** Where Airtable posts pings: the public URL of the AirtableChangesTrigger's webhook. */
	notificationUrl: string;
	sink: ReplicaSink;
	/** Tables (by name) to resync and catch up; default every table of the base. */
	tables?: string[];
	/** The token's user id, whose "publicApi" changes are the bot's own echoes; default GET /v0/meta/whoami. */
	ownUserId?: string;
	now?: () => Date;
	/** Pages of 50 payloads one drain may read before a resync is cheaper. Default 20 (1000 payloads). */
	maxPagesPerDrain?: number;
	/** Waits for the base's shared request budget before each Airtable request. */
	acquire?: (baseId: string) => Promise<void>;
	/** Redis key prefix. Default "beststag:airtable-sync:". */
	keyPrefix?: string;
	/** Retry settings of the Webhooks API calls (tests shorten Airtable's 30 s pause after a 429). */
	retry?: Pick<WebhooksApiOptions, 'retryPolicy' | 'rateLimitPauseMs' | 'sleep'>;
}

export type PingCheck = { ok: true; ping: WebhookPing } | { ok: false; reason: string };

export interface PullResult {
	/** False when another process was draining; it reads again for this ping. */
	ran: boolean;
	applied: number;
	skippedEchoes: number;
	pages: number;
	resync?: ResyncReason;
}

export class AirtableChangeSync {
	private readonly api: AirtableWebhooksApi;
	private readonly state: SyncStateStore;
	private readonly now: () => Date;
	private schema?: BaseSchemaNames;
	private tableList?: TableSchema[];
	private ownUserId?: string;

	constructor(private readonly options: AirtableChangeSyncOptions) {
		this.api = new AirtableWebhooksApi({ token: options.token, baseId: options.baseId, endpointUrl: options.endpointUrl, acquire: options.acquire, ...options.retry });
		this.state = new SyncStateStore(options.redis, options.baseId, options.keyPrefix);
		this.now = options.now ?? (() => new Date());
		this.ownUserId = options.ownUserId;
	}

	/**
	 * Makes sure the base has our webhook: reuses the saved one while Airtable still has it enabled
	 * for our notification URL, otherwise deletes leftovers pointing at that URL (their secret is
	 * lost) and creates a new one, then resyncs, since changes before it are in no payload.
	 */
	async ensureWebhook(): Promise<{ webhookId: string; created: boolean }> {
		const saved = await this.state.load();
		const hooks = await this.api.listWebhooks();
		const current = saved && hooks.find((h) => h.id === saved.webhookId);
		if (saved && current?.isHookEnabled && current.notificationUrl === this.options.notificationUrl) {
			await this.refreshIfDue();
			return { webhookId: saved.webhookId, created: false };
		}
		for (const hook of hooks) {
			if (hook.id === saved?.webhookId || hook.notificationUrl === this.options.notificationUrl) await this.api.deleteWebhook(hook.id);
		}
		const created = await this.api.createWebhook(this.options.notificationUrl, SYNC_SPECIFICATION);
		await this.state.saveWebhook({
			webhookId: created.id,
			macSecretBase64: created.macSecretBase64,
			notificationUrl: this.options.notificationUrl,
			cursor: FIRST_CURSOR,
			cursorSavedAtMs: this.now().getTime(),
			expirationTime: created.expirationTime ?? undefined,
		});
		await this.resync('new-webhook');
		return { webhookId: created.id, created: true };
	}

	/**
	 * Refreshes the webhook once it is a day old since creation or the last refresh, well before
	 * the 7-day expiry; a webhook Airtable no longer has or refuses to refresh is recreated.
	 * Returns whether a refresh (or recreation) happened.
	 */
	async refreshIfDue(): Promise<boolean> {
		const saved = await this.state.load();
		if (!saved) {
			await this.ensureWebhook();
			return true;
		}
		if (saved.expirationTime && Date.parse(saved.expirationTime) - this.now().getTime() > WEBHOOK_LIFETIME_MS - DAY_MS) return false;
		try {
			const { expirationTime } = await this.api.refreshWebhook(saved.webhookId);
			await this.state.saveExpiration(expirationTime);
		} catch (error) {
			if (!(error instanceof AirtableApiError) || (error.status !== 404 && error.status !== 422)) throw error;
			await this.state.clear();
			await this.ensureWebhook();
		}
		return true;
	}

	/**
	 * Checks a ping exactly as received: the MAC over the raw body bytes with the saved secret, then
	 * that it names our base and webhook. Never throws for a bad ping.
	 */
	async verifyPing(rawBody: string | Uint8Array, macHeader: string | undefined): Promise<PingCheck> {
		const saved = await this.state.load();
		if (!saved) return { ok: false, reason: 'No webhook is registered for this base yet; nothing can be verified.' };
		if (!verifyContentMac(saved.macSecretBase64, rawBody, macHeader)) return { ok: false, reason: 'The X-Airtable-Content-MAC header is missing or does not match the body.' };
		let ping: WebhookPing;
		try {
			ping = JSON.parse(Buffer.from(rawBody).toString('utf8')) as WebhookPing;
		} catch {
			return { ok: false, reason: 'The ping body is not JSON.' };
		}
		if (ping?.base?.id !== this.options.baseId || ping?.webhook?.id !== saved.webhookId) {
			return { ok: false, reason: `The ping is for base ${String(ping?.base?.id)} / webhook ${String(ping?.webhook?.id)}, not ours.` };
		}
		return { ok: true, ping };
	}

	/**
	 * Reads every payload after the saved cursor and applies it. Only one process drains a base at a
	 * time; a pull that finds the lock taken leaves a mark so the holder reads once more.
	 */
	async pull(): Promise<PullResult> {
		const total: PullResult = { ran: false, applied: 0, skippedEchoes: 0, pages: 0 };
		await this.state.markPending();
		for (;;) {
			const outcome = await this.state.withLock(5 * 60 * 1000, async () => {
				while (await this.state.takePending()) {
					const once = await this.drain();
					total.applied += once.applied;
					total.skippedEchoes += once.skippedEchoes;
					total.pages += once.pages;
					total.resync ??= once.resync;
				}
			});
			if (!outcome.ran) return total;
			total.ran = true;
			// A pull that found the lock taken just before it was released left its mark: read for it too.
			if (!(await this.state.hasPending())) return total;
		}
	}

	/**
	 * The safety net: every record modified since the last catch-up (or the last hour), applied as a
	 * "catchUp" change with all its cells. Reads through the official airtable client. Returns the count.
	 */
	async catchUp(): Promise<number> {
		const started = this.now();
		const since = new Date((await this.state.loadCatchUp()) ?? started.getTime() - HOUR_MS);
		const airtable = new Airtable({ apiKey: this.options.token, endpointUrl: this.options.endpointUrl, noRetryIfRateLimited: false });
		const base = airtable.base(this.options.baseId);
		let count = 0;
		for (const table of await this.tables()) {
			await this.options.acquire?.(this.options.baseId);
			await base(table.name)
				.select({ filterByFormula: modifiedSinceFormula(since) })
				.eachPage(async (records, next) => {
					for (const record of records) {
						count++;
						await this.options.sink.applyExternalChange({
							tableId: table.id,
							table: table.name,
							recordId: record.id,
							kind: 'changed',
							deleted: false,
							fields: { ...record.fields },
							unchanged: {},
							source: 'catchUp',
							transaction: 0,
							timestamp: started.toISOString(),
						});
					}
					await this.options.acquire?.(this.options.baseId);
					next();
				});
		}
		await this.state.saveCatchUp(started.getTime());
		return count;
	}

	/**
	 * The periodic part, for whatever runs hourly (a schedule, the data-path worker): refreshes the
	 * webhook when due (daily) and runs the catch-up when the last one is an hour old or more.
	 * Returns what it did.
	 */
	async maintain(): Promise<{ refreshed: boolean; caughtUp?: number }> {
		const refreshed = await this.refreshIfDue();
		const last = await this.state.loadCatchUp();
		if (last !== undefined && this.now().getTime() - last < HOUR_MS) return { refreshed };
		return { refreshed, caughtUp: await this.catchUp() };
	}

	/** Removes the base's webhook from Airtable and forgets its state (the trigger's deactivation). */
	async removeWebhook(): Promise<void> {
		const saved = await this.state.load();
		if (saved) {
			try {
				await this.api.deleteWebhook(saved.webhookId);
			} catch (error) {
				if (!(error instanceof AirtableApiError) || error.status !== 404) throw error;
			}
		}
		await this.state.clear();
	}

	/** Whether Airtable still has our webhook, enabled, for our notification URL. */
	async hasWebhook(): Promise<boolean> {
		const saved = await this.state.load();
		if (!saved || saved.notificationUrl !== this.options.notificationUrl) return false;
		const hook = (await this.api.listWebhooks()).find((h) => h.id === saved.webhookId);
		return hook?.isHookEnabled === true && hook.notificationUrl === this.options.notificationUrl;
	}

	/** The saved state, for `beststag status` and tests; the secret is left out. */
	async status(): Promise<Omit<SyncState, 'macSecretBase64'> | undefined> {
		const saved = await this.state.load();
		if (!saved) return undefined;
		const visible: Partial<SyncState> = { ...saved };
		delete visible.macSecretBase64;
		return visible as Omit<SyncState, 'macSecretBase64'>;
	}

	private async drain(): Promise<Omit<PullResult, 'ran'>> {
		const result: Omit<PullResult, 'ran'> = { applied: 0, skippedEchoes: 0, pages: 0 };
		const saved = await this.state.load();
		const early = cursorResyncReason(saved, this.now().getTime());
		if (!saved || early) {
			if (!saved) await this.ensureWebhook();
			else await this.resync(early as ResyncReason);
			return { ...result, resync: early };
		}
		const maxPages = this.options.maxPagesPerDrain ?? 20;
		let cursor = saved.cursor;
		for (;;) {
			let page;
			try {
				page = await this.api.listPayloads(saved.webhookId, cursor);
			} catch (error) {
				if (!(error instanceof AirtableApiError) || error.status !== 404) throw error;
				await this.state.clear();
				await this.ensureWebhook();
				return { ...result, resync: 'webhook-disabled' };
			}
			result.pages++;
			const check = checkPage(cursor, page);
			if (check.missing > 0) {
				await this.resync('payloads-expired');
				return { ...result, resync: 'payloads-expired' };
			}
			const list = await this.toChanges(page.payloads);
			if (list.errorCodes.length > 0) {
				await this.state.clear();
				await this.ensureWebhook();
				return { ...result, resync: 'webhook-disabled' };
			}
			for (const change of list.changes) await this.options.sink.applyExternalChange(change);
			result.applied += list.changes.length;
			result.skippedEchoes += list.skippedEchoes;
			// Saved only once the page is applied: a crash before this re-reads the page (the sink is idempotent).
			await this.state.saveCursor(check.next, this.now().getTime());
			cursor = check.next;
			if (shouldReadMore(page, result.pages, maxPages)) continue;
			if (page.mightHaveMore) {
				await this.resync('backlog-too-large');
				return { ...result, resync: 'backlog-too-large' };
			}
			return result;
		}
	}

	/** Payloads to changes, reloading the schema once when they name tables or fields created since. */
	private async toChanges(payloads: Parameters<typeof changesFromPayloads>[0]) {
		this.ownUserId ??= await this.api.whoami();
		this.schema ??= schemaNames(await this.loadTables());
		let list = changesFromPayloads(payloads, { schema: this.schema, ownUserId: this.ownUserId });
		if (list.unknownIds.length > 0) {
			this.schema = schemaNames(await this.loadTables());
			list = changesFromPayloads(payloads, { schema: this.schema, ownUserId: this.ownUserId });
		}
		return list;
	}

	/**
	 * Moves the cursor to the webhook's next payload first, then reloads every table: changes made
	 * during the reload are read again afterwards, never lost. A webhook Airtable no longer has enabled
	 * is recreated instead (which resyncs), or every later pull would resync again.
	 */
	private async resync(reason: ResyncReason): Promise<void> {
		const saved = await this.state.load();
		const hook = saved && (await this.api.listWebhooks()).find((h) => h.id === saved.webhookId);
		if (!hook?.isHookEnabled) {
			await this.state.clear();
			await this.ensureWebhook();
			return;
		}
		await this.state.saveResync(reason, this.now().getTime());
		await this.state.saveCursor(hook.cursorForNextPayload, this.now().getTime());
		for (const table of await this.tables()) await this.options.sink.fullResync(table.name);
	}

	private async loadTables(): Promise<TableSchema[]> {
		this.tableList = await this.api.listTables();
		return this.tableList;
	}

	private async tables(): Promise<TableSchema[]> {
		const all = this.tableList ?? (await this.loadTables());
		const wanted = this.options.tables;
		if (!wanted) return all;
		const missing = wanted.filter((name) => !all.some((t) => t.name === name));
		if (missing.length > 0) throw new Error(`Tables ${missing.join(', ')} are not in base ${this.options.baseId}; check the sync's "tables" option.`);
		return all.filter((t) => wanted.includes(t.name));
	}
}

export type { ExternalRecordChange };
