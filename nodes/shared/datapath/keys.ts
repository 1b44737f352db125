/**
 * Redis key names of the data path. Everything of one base shares the hash tag `{appXXX}`, so a
 * base's Lua scripts touch one slot and still run on Redis Cluster.
 */
export const DATAPATH_PREFIX = 'beststag:dp:';

export interface BaseKeys {
	/** Stream of outbox entries, in acceptance order. */
	outbox: string;
	/** Hash of one replica record: `f:<field>` → JSON value, `_id` → Airtable record id. */
	record(table: string, key: string): string;
	/** Hash of a record's fields with a write still in the outbox: field → outbox entry id. */
	pending(table: string, key: string): string;
	/** Set of the keys of `table` records owned by a user (their `User` link), by phone. */
	owned(table: string, ownerPhone: string): string;
	/** Set of phones whose rows were loaded from Airtable once. */
	loaded: string;
	/** Counter bumped by every full resync: a load that began under another value is not marked loaded. */
	resyncs: string;
	/** The flusher's leader lease: "<fencing token>:<holder>" with a TTL. */
	lease: string;
	/** Counter that hands out fencing tokens. */
	fence: string;
	/** Present (with a TTL) while the base is paused after a 429. */
	pause: string;
	/** Present (with a TTL) while an erasure holds the flusher: unlike `pause`, it stops only the flusher. */
	hold: string;
	/** List of dead letters (JSON), newest first. */
	dead: string;
	/** Hash of Airtable record id → the Redis key of its replica record (see `record`), for deletes by id. */
	ids: string;
}

/** All bases that ever had an outbox, so a flusher finds them without a list in its config. */
export const BASES_KEY = `${DATAPATH_PREFIX}bases`;

export function baseKeys(base: string): BaseKeys {
	const root = `${DATAPATH_PREFIX}{${base}}:`;
	return {
		outbox: `${root}outbox`,
		record: (table, key) => `${root}r:${table}:${key}`,
		pending: (table, key) => `${root}p:${table}:${key}`,
		owned: (table, owner) => `${root}own:${table}:${owner}`,
		loaded: `${root}loaded`,
		resyncs: `${root}resyncs`,
		lease: `${root}lease`,
		fence: `${root}fence`,
		pause: `${root}pause`,
		hold: `${root}hold`,
		dead: `${root}dead`,
		ids: `${root}ids`,
	};
}
