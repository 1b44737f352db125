/**
 * Airtable's published limits, stated once, each with the page that states it. The CRM node's
 * limiter and batching, and the local store that plays Airtable in the sandbox, all import them
 * from here, so the client and the stand-in can never disagree about a number.
 */

/**
 * Requests per second per base. Above it Airtable answers 429.
 * Source: https://airtable.com/developers/web/api/rate-limits
 */
export const AIRTABLE_REQUESTS_PER_SECOND_PER_BASE = 5;

/**
 * Requests per second across all bases for one personal access token (or service account).
 * Source: https://airtable.com/developers/web/api/rate-limits
 */
export const AIRTABLE_REQUESTS_PER_SECOND_PER_TOKEN = 50;

/**
 * After a 429, Airtable keeps answering 429 for this long: "you will receive a 429 status code and
 * will need to wait 30 seconds before subsequent requests will succeed".
 * Sources: https://airtable.com/developers/web/api/rate-limits and
 * https://support.airtable.com/docs/managing-api-call-limits-in-airtable
 */
export const AIRTABLE_RATE_LIMIT_PENALTY_MS = 30_000;

/**
 * Records per create, update, upsert or delete request.
 * Sources: https://airtable.com/developers/web/api/create-records ("up to 10 record objects"),
 * https://airtable.com/developers/web/api/update-multiple-records and
 * https://airtable.com/developers/web/api/delete-multiple-records
 */
export const AIRTABLE_MAX_RECORDS_PER_REQUEST = 10;

/**
 * Fields an upsert may merge on (performUpsert.fieldsToMergeOn holds 1 to 3 fields).
 * Source: https://airtable.com/developers/web/api/update-multiple-records
 */
export const AIRTABLE_MAX_FIELDS_TO_MERGE_ON = 3;

/**
 * Records per page when listing; pageSize may not exceed it, and it is the default.
 * Source: https://airtable.com/developers/web/api/list-records
 */
export const AIRTABLE_MAX_PAGE_SIZE = 100;

/**
 * Characters in a single line text or long text cell.
 * Source: https://support.airtable.com/docs/using-rich-text-with-airtable ("Single line text fields
 * and long text fields are limited to 100,000 characters.")
 */
export const AIRTABLE_MAX_TEXT_LENGTH = 100_000;
