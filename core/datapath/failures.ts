import { AIRTABLE_RATE_LIMIT_PENALTY_MS } from '../limits/airtable';

/**
 * What the flusher does when Airtable refuses a request.
 *
 * After a 429 Airtable makes the whole base wait 30 seconds before it answers again
 * (https://airtable.com/developers/web/api/rate-limits: "you will need to wait 30 seconds before
 * subsequent requests will succeed"), so the flusher pauses that base, keeps the entries, and
 * resumes. A record Airtable refuses as invalid can never succeed as sent: it goes to the
 * dead-letter list and the rest go on. Anything else (5xx, network, timeouts) is retried with
 * backoff; the entries stay in the outbox, so nothing is lost while Airtable is down.
 */

/** How long the flusher leaves a base alone after a 429: Airtable's own penalty. */
export const AIRTABLE_RATE_LIMIT_PAUSE_MS = AIRTABLE_RATE_LIMIT_PENALTY_MS;

export type FailureAction =
	/** Pause the base for AIRTABLE_RATE_LIMIT_PAUSE_MS, keep the entries. */
	| 'pause-base'
	/** The request's data is refused: split it, and dead-letter the records refused alone. */
	| 'invalid'
	/** Keep the entries and try again after a backoff. */
	| 'retry';

export interface FlushFailure {
	/** HTTP status, absent for network errors. */
	status?: number;
	/** Airtable's error type, e.g. INVALID_VALUE_FOR_COLUMN, or CONNECTION_ERROR from airtable.js. */
	type: string;
}

// Types that name a problem with the records sent, not with the service or the credential.
// https://airtable.com/developers/web/api/errors
const INVALID_TYPES = new Set([
	'INVALID_VALUE_FOR_COLUMN',
	'INVALID_MULTIPLE_CHOICE_OPTIONS',
	'UNKNOWN_FIELD_NAME',
	'INVALID_RECORDS',
	'INVALID_REQUEST_UNKNOWN',
	'INVALID_REQUEST_BODY',
	'ROW_DOES_NOT_EXIST',
	'CANNOT_UPDATE_COMPUTED_FIELD',
	'INVALID_RECORD_ID',
]);

/**
 * Classifies a failed flush request. 429 pauses the base; 422, or a 400/404 whose type names the
 * records, is invalid data; 401/403 (a revoked token) and everything else is retried, because the
 * data is fine and an operator can fix the credential without losing writes.
 */
export function classifyFailure(failure: FlushFailure): FailureAction {
	if (failure.status === 429 || failure.type === 'RATE_LIMIT_REACHED') return 'pause-base';
	if (failure.status === 422) return 'invalid';
	if ((failure.status === 400 || failure.status === 404) && INVALID_TYPES.has(failure.type)) return 'invalid';
	return 'retry';
}
