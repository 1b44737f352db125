import { AIRTABLE_REQUESTS_PER_SECOND_PER_BASE } from '../limits/airtable';

/**
 * The one definition of how fast BestStag may send to one Airtable base. Every process that
 * talks to a base (the CRM node's direct mode and replica loads, the flusher, the Airtable
 * changes sync, the schema tool) paces itself with `airtableBaseBudget`, and with Redis they all
 * book in ONE sliding window per base, so together they never spend more than the budget.
 *
 * The budget is N requests in any 1 s, as Airtable counts them on arrival (default 4 of
 * Airtable's 5, leaving one for the portal and for people using the base). Clients book a slot
 * when a request leaves, and network and event-loop delay can bunch requests booked just over a
 * second apart into less than a second on arrival; so the window a client books in is the
 * second plus `AIRTABLE_ARRIVAL_MARGIN_MS`. One 429 costs 30 s of refusals
 * (https://airtable.com/developers/web/api/rate-limits), which is worth the lost throughput.
 */

/** Requests per second per base BestStag spends unless BESTSTAG_AIRTABLE_BUDGET says otherwise. */
export const AIRTABLE_DEFAULT_BUDGET_PER_SECOND = 4;

/** Delay between booking a slot and the request reaching Airtable that the window absorbs, ms. */
export const AIRTABLE_ARRIVAL_MARGIN_MS = 250;

/** The environment variable every BestStag process reads its budget from. */
export const AIRTABLE_BUDGET_ENV = 'BESTSTAG_AIRTABLE_BUDGET';

/** A sliding-window budget: at most `limit` bookings in any `windowMs` (WindowLimiter, RedisWindowLimiter). */
export interface AirtableBaseBudget {
	/** Requests per 1 s on arrival, as configured (1..5). */
	perSecond: number;
	/** Bookings allowed in one client window; equals perSecond. */
	limit: number;
	/** The client window, ms: 1 s plus the arrival margin. */
	windowMs: number;
}

/**
 * The budget for `perSecond` requests per second per base.
 * @throws RangeError when perSecond is not a whole number from 1 to Airtable's 5
 */
export function airtableBaseBudget(perSecond: number = AIRTABLE_DEFAULT_BUDGET_PER_SECOND): AirtableBaseBudget {
	if (!Number.isInteger(perSecond) || perSecond < 1 || perSecond > AIRTABLE_REQUESTS_PER_SECOND_PER_BASE) {
		throw new RangeError(
			`${AIRTABLE_BUDGET_ENV} must be a whole number of requests per second from 1 to ${AIRTABLE_REQUESTS_PER_SECOND_PER_BASE} (Airtable allows ${AIRTABLE_REQUESTS_PER_SECOND_PER_BASE} per base); got "${perSecond}".`,
		);
	}
	return Object.freeze({ perSecond, limit: perSecond, windowMs: 1_000 + AIRTABLE_ARRIVAL_MARGIN_MS });
}

/**
 * The budget from the value of BESTSTAG_AIRTABLE_BUDGET (blank or absent = the default 4).
 * @throws RangeError naming the variable when the value is not a whole number from 1 to 5
 */
export function parseAirtableBudget(raw: string | undefined): AirtableBaseBudget {
	const text = raw?.trim();
	if (!text) return airtableBaseBudget();
	if (!/^\d+$/.test(text)) {
		throw new RangeError(`${AIRTABLE_BUDGET_ENV} must be a whole number of requests per second from 1 to ${AIRTABLE_REQUESTS_PER_SECOND_PER_BASE}; got "${raw}".`);
	}
	return airtableBaseBudget(Number(text));
}

/** The default budget, for clients without configuration (the schema tool). */
export const AIRTABLE_CLIENT_BUDGET: AirtableBaseBudget = airtableBaseBudget();
