import { recordId, type Fields, type OutboxEntry, type PendingRecord, type RecordRef } from './types';

/**
 * Merges outbox entries that change the same record into one pending record, so a turn that
 * creates a task and then sets its due date costs one upsert, not two.
 *
 * Input: entries in outbox order. Output: one PendingRecord per distinct record, ordered by the
 * record's first entry; each field holds the value of the LAST entry that set it (later writes
 * win, as they would in Airtable if sent one by one); parents are the union of all entries'
 * parents, deduplicated, in first-seen order; `heldUntil` comes from the last entry alone (a later
 * write releases a hold, and `releasedAt` says when). Nothing is dropped: every entry id appears in
 * exactly one record's `entryIds`.
 */
export function mergeEntries(entries: readonly OutboxEntry[]): PendingRecord[] {
	const byRecord = new Map<string, PendingRecord>();
	for (const entry of entries) {
		const id = recordId(entry);
		let record = byRecord.get(id);
		if (!record) {
			record = { table: entry.table, keyField: entry.keyField, key: entry.key, fields: {}, parents: [], entryIds: [], firstAt: entry.at };
			byRecord.set(id, record);
		}
		Object.assign(record.fields, entry.fields);
		record.entryIds.push(entry.id);
		record.firstAt = Math.min(record.firstAt, entry.at);
		// The follow-up a hold waits for is any later write of the record.
		if (entry.holdMs !== undefined && entry.holdMs > 0) {
			record.heldUntil = entry.at + entry.holdMs;
			delete record.releasedAt;
		} else if (record.heldUntil !== undefined) {
			record.releasedAt = entry.at;
			delete record.heldUntil;
		}
		for (const parent of entry.parents) addParent(record.parents, parent, id);
	}
	return [...byRecord.values()];
}

function addParent(parents: RecordRef[], parent: RecordRef, selfId: string): void {
	const id = recordId(parent);
	// A record never waits on itself.
	if (id === selfId || parents.some((p) => recordId(p) === id)) return;
	parents.push({ table: parent.table, keyField: parent.keyField, key: parent.key });
}

/**
 * The fields of `next` that would change `current` (the replica's record), so a write carries only
 * changed fields and a write that changes nothing is not queued at all. Values compare as JSON;
 * `null` (clear) counts as no change for a field `current` does not have.
 */
export function changedFields(current: Fields | undefined, next: Fields): Fields {
	if (!current) return { ...next };
	const changed: Fields = {};
	for (const [name, value] of Object.entries(next)) {
		const had = current[name];
		if ((value === null || value === undefined) && had === undefined) continue;
		if (JSON.stringify(value) !== JSON.stringify(had)) changed[name] = value;
	}
	return changed;
}
