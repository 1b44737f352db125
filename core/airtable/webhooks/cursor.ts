import { PAYLOAD_RETENTION_MS } from './limits';
import type { PayloadPage } from './types';

/**
 * Cursor bookkeeping for reading a webhook's payloads, and the decision when reading payloads can
 * no longer be trusted to bring the replica up to date, so a full resync of the tables is needed.
 * Payloads are kept 7 days and the cursor is never reset: a cursor saved longer ago than that, or a
 * page that starts after the requested cursor, means changes were lost.
 * Source: https://airtable.com/developers/web/api/list-webhook-payloads
 */

export interface CursorState {
	/** The cursor to ask for next (the `cursor` of the last page read). */
	cursor: number;
	/** When that cursor was saved, in ms since the epoch. */
	cursorSavedAtMs: number;
}

export type ResyncReason =
	/** The webhook is new (or was recreated): changes before it are in no payload. */
	| 'new-webhook'
	/** The saved cursor is older than the payload retention: anything after it may be gone. */
	| 'cursor-expired'
	/** The page started after the requested cursor: payloads in between were deleted. */
	| 'payloads-expired'
	/** More pages waited than a drain may read; reloading the tables is cheaper than catching up. */
	| 'backlog-too-large'
	/** Airtable disabled the webhook (an error payload, or it expired); it is recreated. */
	| 'webhook-disabled';

/** Whether a saved cursor can still be used at `nowMs`; the reason to resync instead, if not. */
export function cursorResyncReason(state: CursorState | undefined, nowMs: number): ResyncReason | undefined {
	if (!state) return 'new-webhook';
	if (nowMs - state.cursorSavedAtMs >= PAYLOAD_RETENTION_MS) return 'cursor-expired';
	return undefined;
}

export interface PageCheck {
	/** The cursor to save once the page's changes are applied. */
	next: number;
	/** Payloads between the requested cursor and the first one returned that no longer exist. */
	missing: number;
}

/**
 * What a page says about the cursor. The last payload's number is cursor - 1, so the first is
 * cursor - payloads.length; if that is after `requested`, the payloads in between were deleted.
 * Throws when the page is impossible (a cursor going backwards), which means a different webhook's cursor.
 */
export function checkPage(requested: number, page: PayloadPage): PageCheck {
	if (!Number.isInteger(page.cursor) || page.cursor < requested) {
		throw new Error(`The payload page's cursor ${page.cursor} is before the requested cursor ${requested}; the saved cursor belongs to another webhook. Resync and start from cursor 1.`);
	}
	const first = page.cursor - page.payloads.length;
	return { next: page.cursor, missing: page.payloads.length === 0 ? 0 : Math.max(0, first - requested) };
}

/**
 * Whether to keep reading pages: true while Airtable says there might be more and the drain has
 * read fewer than `maxPages`. Past that, the caller resyncs ('backlog-too-large') instead of looping.
 */
export function shouldReadMore(page: PayloadPage, pagesRead: number, maxPages: number): boolean {
	return page.mightHaveMore && pagesRead < maxPages;
}

/**
 * The filterByFormula of the hourly catch-up: records modified at or after `since` (UTC). A few
 * seconds before the last catch-up's start are included again, so clock skew loses nothing.
 * LAST_MODIFIED_TIME() with no argument is the record's last change to any field.
 * Source: https://support.airtable.com/docs/formula-field-reference (LAST_MODIFIED_TIME, IS_AFTER)
 */
export function modifiedSinceFormula(since: Date): string {
	if (Number.isNaN(since.getTime())) throw new RangeError('The catch-up start must be a valid date.');
	const before = new Date(since.getTime() - 1).toISOString();
	return `IS_AFTER(LAST_MODIFIED_TIME(), '${before}')`;
}
