/**
 * The data path's vocabulary. A turn's write is an outbox entry: one record of one table, named by
 * its stable key (the Message SID, a task key made at creation, the user's phone), carrying only
 * the fields that changed. The flusher turns entries into Airtable upserts on that key, so sending
 * the same entry twice never makes a second row.
 */

/** A record named by its stable key, e.g. { table: 'Users', keyField: 'Phone', key: '+5511987654321' }. */
export interface RecordRef {
	table: string;
	/** The field Airtable upserts on (`performUpsert.fieldsToMergeOn`). */
	keyField: string;
	key: string;
}

/** Field values as Airtable's Web API takes them; `null` clears a field. */
export type Fields = Record<string, unknown>;

/** One write as the outbox stores it. */
export interface OutboxEntry extends RecordRef {
	/** Opaque and ordered: a later entry of the same base has a later id (a Redis stream id). */
	id: string;
	/** Only the fields this write changed; the key field is added when the request is built. */
	fields: Fields;
	/** Records this one links to, which must reach Airtable first (e.g. the Users row of a message). */
	parents: RecordRef[];
	/** When the write was accepted, in ms since the epoch. */
	at: number;
	/**
	 * The writer expects a follow-up write of this record within this many ms (a turn's row awaits
	 * its reply's delivery status), so both can leave in one upsert. See `withoutHeld`.
	 */
	holdMs?: number;
}

/** All waiting entries of one record, merged: the fields are the last value each entry gave. */
export interface PendingRecord extends RecordRef {
	fields: Fields;
	parents: RecordRef[];
	/** The entries merged into this record, in outbox order; acknowledged together once it is sent. */
	entryIds: string[];
	/** The earliest `at` of its entries. */
	firstAt: number;
	/** Until when (ms) the flusher leaves it waiting: set by its last entry's `holdMs`, cleared by a later entry. */
	heldUntil?: number;
	/** When a later entry released a hold (ms): the record's flush window counts from then (see windowStart). */
	releasedAt?: number;
}

/** One Airtable request the flusher will send: up to 10 upserts of one table on one key field. */
export interface FlushRequest {
	table: string;
	keyField: string;
	records: PendingRecord[];
}

/** The identity of a record across tables: table and key (each table has one key field). */
export function recordId(ref: RecordRef): string {
	return `${ref.table}\u0000${ref.keyField}\u0000${ref.key}`;
}

/**
 * A record named for logs and operator screens without personal data: a phone key (Users) shows
 * only its country code and last 4 digits, e.g. "Users +55…4321"; other keys (SIDs, task keys) as is.
 */
export function describeRecord(ref: { table: string; key: string }): string {
	const key = /^\+\d{6,}$/.test(ref.key) ? `${ref.key.slice(0, 3)}…${ref.key.slice(-4)}` : ref.key;
	return `${ref.table} ${key}`;
}
