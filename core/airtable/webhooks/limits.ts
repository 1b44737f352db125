/**
 * The Airtable Webhooks API's documented limits, stated once for the stand-in and the sync alike.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A webhook created with a personal access token or OAuth expires and is disabled 7 days after its
 * creation, its last refresh or its last list-payloads call.
 * Source: https://airtable.com/developers/web/api/create-a-webhook and
 * https://airtable.com/developers/web/api/refresh-a-webhook
 */
export const WEBHOOK_LIFETIME_MS = 7 * DAY_MS;

/**
 * After a webhook has expired, its metadata and past payloads can still be read for 7 more days.
 * Source: https://airtable.com/developers/web/api/create-a-webhook
 */
export const EXPIRED_WEBHOOK_RETENTION_MS = 7 * DAY_MS;

/**
 * Payloads are deleted from Airtable's servers after 1 week whether or not the client has seen them;
 * the cursor is never reset. Source: https://airtable.com/developers/web/api/list-webhook-payloads
 */
export const PAYLOAD_RETENTION_MS = 7 * DAY_MS;

/** At most 10 webhooks per base. Source: https://airtable.com/developers/web/api/create-a-webhook */
export const MAX_WEBHOOKS_PER_BASE = 10;

/** At most 50 payloads per list-payloads request. Source: https://airtable.com/developers/web/api/list-webhook-payloads */
export const MAX_PAYLOADS_PER_PAGE = 50;

/** The first cursor, used when none was saved. Source: https://airtable.com/developers/web/api/list-webhook-payloads */
export const FIRST_CURSOR = 1;
