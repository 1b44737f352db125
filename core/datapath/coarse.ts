import type { Fields } from './types';

/**
 * Fields whose small moves are not worth an Airtable request, by table: field → resolution, ms.
 * `Last Inbound At` moves on every turn; written on each it costs one Users request per user per
 * flush window, the largest share of a turn's Airtable budget. Airtable keeps it for people (who
 * wrote lately) to 15 minutes; the 24-hour WhatsApp window the bot acts on is kept to the second
 * in Redis by the conversation store, not read from here, and a replica value up to 15 minutes
 * old only makes a window computed from it close earlier, never later.
 */
export const COARSE_FIELDS: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.freeze({
	Users: Object.freeze({ 'Last Inbound At': 15 * 60_000 }),
});

/**
 * `changed` (the fields a write would change, see changedFields) without the coarse fields of
 * `table` whose new time is less than their resolution after the one `current` holds (or before
 * it: an older turn processed late never moves the time back). A field `current` lacks, or a
 * value that is not a date, is kept. Returns a new object; inputs are not modified.
 */
export function dropSmallMoves(table: string, current: Fields | undefined, changed: Fields, rules: Readonly<Record<string, Readonly<Record<string, number>>>> = COARSE_FIELDS): Fields {
	const coarse = rules[table];
	if (!coarse || !current) return { ...changed };
	const kept: Fields = { ...changed };
	for (const [field, resolutionMs] of Object.entries(coarse)) {
		if (!(field in kept)) continue;
		const before = instant(current[field]);
		const after = instant(kept[field]);
		if (before === undefined || after === undefined) continue;
		if (after - before < resolutionMs) delete kept[field];
	}
	return kept;
}

function instant(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}
