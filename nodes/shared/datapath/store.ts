import type Redis from 'ioredis';

import { applyExternal, type ExternalChange, type Fields, type OutboxEntry, type PendingRecord, type RecordRef } from '../../../core/datapath';
import { InboundJournal } from '../inbound-journal';
import { BASES_KEY, baseKeys } from './keys';

/**
 * The replica and the outbox of every base, in one Redis. A write updates the replica and appends
 * to the outbox in one Lua script, so a reader never sees one without the other, and with
 * `appendonly yes` + `appendfsync always` an accepted write survives a crash of Redis itself.
 * See README.md beside this file for the design.
 */

/** A write as a turn makes it: one record by its stable key, only the changed fields. */
export interface RecordWrite extends RecordRef {
	fields: Fields;
	/** Records this one links to (e.g. its user), sent to Airtable before it. */
	parents?: RecordRef[];
	/** The owning user's phone: the record is listed by listOwned(table, phone). */
	owner?: string;
	/** Ms the flusher may hold the record for an expected follow-up write (OutboxEntry.holdMs). */
	holdMs?: number;
}

/** A record as the replica serves it. */
export interface ReplicaRecord {
	table: string;
	key: string;
	/** Airtable's record id, once the record has reached Airtable or was loaded from it. */
	recordId?: string;
	fields: Fields;
}

/** A record loaded from Airtable to fill the replica. */
export interface LoadedRecord {
	table: string;
	key: string;
	recordId: string;
	fields: Fields;
	owner?: string;
}

/** A record Airtable refused, kept for the operator with the reason. */
export interface DeadLetter {
	table: string;
	keyField: string;
	key: string;
	fields: Fields;
	entryIds: string[];
	error: { status?: number; type: string; message: string };
	/** ISO time it was dead-lettered. */
	at: string;
}

const WRITE = `
local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[1])
for i = 3, #ARGV, 2 do
  if ARGV[i + 1] == 'null' then
    redis.call('HDEL', KEYS[2], 'f:' .. ARGV[i])
  else
    redis.call('HSET', KEYS[2], 'f:' .. ARGV[i], ARGV[i + 1])
  end
  redis.call('HSET', KEYS[3], ARGV[i], id)
end
redis.call('HSET', KEYS[2], '_k', '1')
redis.call('HINCRBY', KEYS[2], '_v', 1)
if ARGV[2] ~= '' then redis.call('SADD', KEYS[4], ARGV[2]) end
return id
`;

// KEYS: lease, outbox, dead, record-id index, then (pending, record) per record.
// ARGV: token, n, ids..., r, airtable ids (r of them), dead letters...
const ACK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local n = tonumber(ARGV[2])
local acked = {}
local ids = {}
for i = 1, n do acked[ARGV[2 + i]] = true; ids[i] = ARGV[2 + i] end
if n > 0 then redis.call('XDEL', KEYS[2], unpack(ids)) end
local r = tonumber(ARGV[3 + n])
for j = 1, r do
  local pkey = KEYS[3 + 2 * j]
  local rkey = KEYS[4 + 2 * j]
  local p = redis.call('HGETALL', pkey)
  for k = 1, #p, 2 do
    if acked[p[k + 1]] then redis.call('HDEL', pkey, p[k]) end
  end
  local rid = ARGV[3 + n + j]
  if redis.call('EXISTS', rkey) == 1 then
    if rid ~= '' then
      redis.call('HSET', rkey, '_id', rid)
      redis.call('HSET', KEYS[4], rid, rkey)
    end
    redis.call('HINCRBY', rkey, '_v', 1)
  end
end
for d = 4 + n + r, #ARGV do redis.call('LPUSH', KEYS[3], ARGV[d]) end
return n
`;

// Compare-and-set of a whole replica record against its version, keeping the record-id index in step.
// KEYS: record, owned set, record-id index.
// ARGV: expected version ('' = absent), 'set'|'del', record id, owner member ('' = none), field pairs...
const REPLACE = `
local v = redis.call('HGET', KEYS[1], '_v')
if (v or '') ~= ARGV[1] then return 0 end
local old = redis.call('HGET', KEYS[1], '_id')
redis.call('DEL', KEYS[1])
if old and old ~= ARGV[3] and redis.call('HGET', KEYS[3], old) == KEYS[1] then redis.call('HDEL', KEYS[3], old) end
if ARGV[2] == 'del' then
  if ARGV[4] ~= '' then redis.call('SREM', KEYS[2], ARGV[4]) end
  return 1
end
redis.call('HSET', KEYS[1], '_k', '1', '_v', (tonumber(v) or 0) + 1)
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], '_id', ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[3], KEYS[1])
end
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], 'f:' .. ARGV[i], ARGV[i + 1]) end
if ARGV[4] ~= '' then redis.call('SADD', KEYS[2], ARGV[4]) end
return 1
`;

// Drops one replica record unless a local write is pending for it. KEYS: record, pending, record-id index.
const DROP = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local old = redis.call('HGET', KEYS[1], '_id')
redis.call('DEL', KEYS[1])
if old and redis.call('HGET', KEYS[3], old) == KEYS[1] then redis.call('HDEL', KEYS[3], old) end
return 1
`;

// Marks a user loaded unless a full resync ran since the load began. KEYS: loaded, resyncs. ARGV: phone, resyncs seen.
const MARK_LOADED = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[2] then return 0 end
return redis.call('SADD', KEYS[1], ARGV[1])
`;

/** A Redis SCAN pattern matching `text` literally. */
function globLiteral(text: string): string {
	return text.replace(/[*?[\]\\]/g, '\\$&');
}

function toRecord(table: string, key: string, hash: Record<string, string>): ReplicaRecord | undefined {
	if (!hash._k) return undefined;
	const fields: Fields = {};
	for (const [name, value] of Object.entries(hash)) if (name.startsWith('f:')) fields[name.slice(2)] = JSON.parse(value);
	return { table, key, ...(hash._id ? { recordId: hash._id } : {}), fields };
}

function checkRef(ref: RecordRef): void {
	for (const part of ['table', 'keyField', 'key'] as const) {
		if (typeof ref[part] !== 'string' || ref[part].trim() === '') throw new TypeError(`A data path write needs a non-empty ${part}; got ${JSON.stringify(ref[part])}.`);
	}
}

export class DataPathStore {
	private readonly loading = new Map<string, Promise<void>>();

	constructor(
		private readonly redis: Redis,
		private readonly now: () => number = Date.now,
	) {}

	/**
	 * Accepts one turn's writes: each updates the replica and appends to the base's outbox in one
	 * script, and the whole list runs in one MULTI, so they land together or not at all.
	 * Returns the replica records after the writes, in input order. Throws when Redis is unreachable
	 * (nothing was accepted then) or a write has no table, key field or key.
	 */
	async write(base: string, writes: readonly RecordWrite[]): Promise<ReplicaRecord[]> {
		writes.forEach(checkRef);
		if (writes.length === 0) return [];
		const keys = baseKeys(base);
		const multi = this.redis.multi();
		for (const w of writes) {
			const entry = JSON.stringify({ table: w.table, keyField: w.keyField, key: w.key, fields: w.fields, parents: w.parents ?? [], at: this.now(), ...(w.holdMs ? { holdMs: w.holdMs } : {}) });
			const args = Object.entries(w.fields).flatMap(([name, value]) => [name, JSON.stringify(value ?? null)]);
			multi.eval(WRITE, 4, keys.outbox, keys.record(w.table, w.key), keys.pending(w.table, w.key), keys.owned(w.table, w.owner ?? ''), entry, w.owner ? w.key : '', ...args);
		}
		multi.sadd(BASES_KEY, base);
		const results = await multi.exec();
		const failed = results?.find(([error]) => error);
		if (!results || failed) throw new Error(`Redis refused the data path write for base ${base}: ${failed?.[0]?.message ?? 'transaction aborted'}.`);
		// A turn whose Messages row is queued is done: the trigger need not replay it after a crash. Apart from the
		// transaction, as the journal lives outside the base's hash slot; a crash in between only costs a harmless replay.
		const turns = writes.filter((w) => w.table === 'Messages' && w.keyField === 'Message SID').map((w) => w.key);
		if (turns.length > 0) await new InboundJournal(this.redis).settle(turns);
		return Promise.all(writes.map(async (w) => (await this.get(base, w.table, w.key))!));
	}

	/** The replica's record of `table` with stable key `key`, or undefined. */
	async get(base: string, table: string, key: string): Promise<ReplicaRecord | undefined> {
		return toRecord(table, key, await this.redis.hgetall(baseKeys(base).record(table, key)));
	}

	/** Every replica record of `table` owned by the user with this phone (any order). */
	async listOwned(base: string, table: string, ownerPhone: string): Promise<ReplicaRecord[]> {
		const keys = baseKeys(base);
		const members = await this.redis.smembers(keys.owned(table, ownerPhone));
		if (members.length === 0) return [];
		const pipeline = this.redis.pipeline();
		for (const key of members) pipeline.hgetall(keys.record(table, key));
		const hashes = (await pipeline.exec()) ?? [];
		return members.flatMap((key, i) => {
			const record = toRecord(table, key, (hashes[i]?.[1] ?? {}) as Record<string, string>);
			return record ? [record] : [];
		});
	}

	/**
	 * Applies a change made in Airtable to the replica (for the Airtable Webhooks sync, catch-ups
	 * and first loads): `change` is `{ fields }` (the changed fields; null = cleared) or
	 * `{ deleted: true }`. Fields with a local write still in the outbox keep the local value (a
	 * pending local change wins until it is sent; see core/datapath/external.ts). `options.owner`
	 * files the record under that user's phone. Returns the record as the replica now holds it.
	 */
	async applyExternalChange(base: string, table: string, key: string, change: ExternalChange, options: { recordId?: string; owner?: string } = {}): Promise<ReplicaRecord | undefined> {
		const keys = baseKeys(base);
		for (let attempt = 0; attempt < 20; attempt++) {
			const [hash, pending] = await Promise.all([this.redis.hgetall(keys.record(table, key)), this.redis.hkeys(keys.pending(table, key))]);
			const current = toRecord(table, key, hash);
			const next = applyExternal(current, new Set(pending), change, options.recordId);
			const owner = options.owner ?? '';
			const args = next ? Object.entries(next.fields).flatMap(([name, value]) => [name, JSON.stringify(value)]) : [];
			const done = await this.redis.eval(REPLACE, 3, keys.record(table, key), keys.owned(table, owner), keys.ids, hash._v ?? '', next ? 'set' : 'del', next?.recordId ?? '', owner ? key : '', ...args);
			if (Number(done) === 1) return next && { table, key, ...(next.recordId ? { recordId: next.recordId } : {}), fields: next.fields };
		}
		throw new Error(`The replica record ${table} ${key} of base ${base} kept changing; the external change was not applied, try again.`);
	}

	/**
	 * The stable key of the replica record of `table` that Airtable knows as `recordId`, or undefined
	 * when the replica never learned that id (from a load, an external change or a flush).
	 */
	async keyOfRecordId(base: string, table: string, recordId: string): Promise<string | undefined> {
		const keys = baseKeys(base);
		const recordKey = await this.redis.hget(keys.ids, recordId);
		const prefix = keys.record(table, '');
		return recordKey?.startsWith(prefix) ? recordKey.slice(prefix.length) : undefined;
	}

	/** Takes the record `key` of `table` off the list of the user with phone `ownerPhone` (its User link moved). */
	async disown(base: string, table: string, ownerPhone: string, key: string): Promise<void> {
		await this.redis.srem(baseKeys(base).owned(table, ownerPhone), key);
	}

	/**
	 * Forgets every replica record of `table` except those with a local write still in the outbox,
	 * and marks every user as not loaded, so each user's next turn reloads their rows from Airtable
	 * (ensureLoaded). For a full resync: rows deleted or closed in Airtable while changes were missed
	 * disappear instead of lingering. Returns how many records were dropped.
	 */
	async dropTable(base: string, table: string): Promise<number> {
		const keys = baseKeys(base);
		let dropped = 0;
		const scan = async (pattern: string, each: (found: string[]) => Promise<void>) => {
			let cursor = '0';
			do {
				const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
				cursor = next;
				await each(found);
			} while (cursor !== '0');
		};
		await scan(`${globLiteral(keys.record(table, ''))}*`, async (found) => {
			const prefix = keys.record(table, '');
			for (const recordKey of found) {
				const key = recordKey.slice(prefix.length);
				dropped += Number(await this.redis.eval(DROP, 3, recordKey, keys.pending(table, key), keys.ids));
			}
		});
		// Listings keep only records that still exist (listOwned skips missing ones anyway).
		await scan(`${globLiteral(keys.owned(table, ''))}*`, async (found) => {
			for (const setKey of found) {
				const members = await this.redis.smembers(setKey);
				const exists = await Promise.all(members.map((key) => this.redis.exists(keys.record(table, key))));
				const gone = members.filter((_, i) => exists[i] === 0);
				if (gone.length > 0) await this.redis.srem(setKey, ...gone);
			}
		});
		// Loads running now applied rows the drop may have removed: they must not mark their user loaded.
		await this.redis.multi().incr(keys.resyncs).del(keys.loaded).exec();
		return dropped;
	}

	/**
	 * Makes sure a user's rows were loaded from Airtable once: the first call for a phone runs
	 * `load` (concurrent calls in this process share it) and applies its records as external
	 * changes; later calls return at once. Throws what `load` throws; the phone then stays unloaded.
	 */
	async ensureLoaded(base: string, phone: string, load: () => Promise<LoadedRecord[]>): Promise<void> {
		const keys = baseKeys(base);
		if (await this.redis.sismember(keys.loaded, phone)) return;
		const flight = `${base}|${phone}`;
		let running = this.loading.get(flight);
		if (!running) {
			running = (async () => {
				const resyncs = (await this.redis.get(keys.resyncs)) ?? '0';
				for (const record of await load()) {
					await this.applyExternalChange(base, record.table, record.key, { fields: record.fields }, { recordId: record.recordId, owner: record.owner });
				}
				await this.redis.eval(MARK_LOADED, 2, keys.loaded, keys.resyncs, phone, resyncs);
			})().finally(() => this.loading.delete(flight));
			this.loading.set(flight, running);
		}
		await running;
	}

	/** Up to `count` outbox entries from the head, oldest first. */
	async readOutbox(base: string, count: number): Promise<OutboxEntry[]> {
		const rows = await this.redis.xrange(baseKeys(base).outbox, '-', '+', 'COUNT', count);
		return rows.map(([id, values]) => {
			const body = JSON.parse(values[values.indexOf('e') + 1]) as Omit<OutboxEntry, 'id'>;
			return { id, ...body };
		});
	}

	/**
	 * Removes sent (or dead-lettered) records' entries from the outbox, clears their pending
	 * fields, stores Airtable's record ids, and files dead letters, in one script that first checks
	 * the caller still holds the base's lease (`token`). Returns false, changing nothing, when it
	 * does not: a flusher that lost its lease must not acknowledge anything.
	 */
	async acknowledge(base: string, token: string, sent: Array<{ record: PendingRecord; recordId?: string }>, dead: Array<{ record: PendingRecord; error: DeadLetter['error'] }> = []): Promise<boolean> {
		const keys = baseKeys(base);
		const all = [...sent.map((s) => ({ record: s.record, recordId: s.recordId ?? '' })), ...dead.map((d) => ({ record: d.record, recordId: '' }))];
		const ids = all.flatMap((a) => a.record.entryIds);
		const letters = dead.map((d) =>
			JSON.stringify({ table: d.record.table, keyField: d.record.keyField, key: d.record.key, fields: d.record.fields, entryIds: d.record.entryIds, error: d.error, at: new Date(this.now()).toISOString() } satisfies DeadLetter),
		);
		const recordKeys = all.flatMap((a) => [keys.pending(a.record.table, a.record.key), keys.record(a.record.table, a.record.key)]);
		const result = await this.redis.eval(ACK, 4 + recordKeys.length, keys.lease, keys.outbox, keys.dead, keys.ids, ...recordKeys, token, ids.length, ...ids, all.length, ...all.map((a) => a.recordId), ...letters);
		return Number(result) >= 0;
	}

	/** Entries waiting in the base's outbox. */
	async outboxDepth(base: string): Promise<number> {
		return this.redis.xlen(baseKeys(base).outbox);
	}

	/** The newest `limit` dead letters of the base, newest first. */
	async deadLetters(base: string, limit = 100): Promise<DeadLetter[]> {
		return (await this.redis.lrange(baseKeys(base).dead, 0, limit - 1)).map((line) => JSON.parse(line) as DeadLetter);
	}

	/** Names of the fields of a record with a local write still in the outbox. */
	async pendingFields(base: string, table: string, key: string): Promise<string[]> {
		return this.redis.hkeys(baseKeys(base).pending(table, key));
	}

	/** Every base that has used the data path. */
	async bases(): Promise<string[]> {
		return (await this.redis.smembers(BASES_KEY)).sort();
	}
}
