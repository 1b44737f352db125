import { AIRTABLE_MAX_RECORDS_PER_REQUEST } from '../airtable/write-batches';
import { recordId, type FlushRequest, type PendingRecord } from './types';

/**
 * Plans the Airtable requests for a set of pending records (the output of mergeEntries).
 *
 * - Each request is one table and one key field, at most `maxPerRequest` records (Airtable
 *   takes 10 per create/update/upsert request:
 *   https://airtable.com/developers/web/api/update-multiple-records).
 * - A record comes in a later request than every parent it links to that is also in the set, so
 *   a message's user row exists before the message that links to it. Parents outside the set are
 *   already in Airtable or will be created by typecast; links are by key, so order among those
 *   does not change the outcome.
 * - Every record appears in exactly one request, so no request names one key twice (Airtable
 *   refuses that for upserts), and records of one table keep their relative order.
 *
 * Link cycles (A links B, B links A) are broken by input order rather than looping.
 */
export function planFlush(records: readonly PendingRecord[], maxPerRequest: number = AIRTABLE_MAX_RECORDS_PER_REQUEST): FlushRequest[] {
	if (!Number.isInteger(maxPerRequest) || maxPerRequest < 1) throw new RangeError(`maxPerRequest must be a whole number of at least 1, got ${maxPerRequest}.`);
	const index = new Map(records.map((r, i) => [recordId(r), i]));
	const levels = new Array<number | undefined>(records.length).fill(undefined);
	const visiting = new Set<number>();
	const levelOf = (i: number): number => {
		const known = levels[i];
		if (known !== undefined) return known;
		// A cycle: this record is already being resolved further up; treat the link as absent.
		if (visiting.has(i)) return -1;
		visiting.add(i);
		let level = 0;
		for (const parent of records[i].parents) {
			const p = index.get(recordId(parent));
			if (p !== undefined && p !== i) level = Math.max(level, levelOf(p) + 1);
		}
		visiting.delete(i);
		levels[i] = level;
		return level;
	};
	records.forEach((_, i) => levelOf(i));

	const requests: FlushRequest[] = [];
	const maxLevel = Math.max(-1, ...levels.map((l) => l ?? 0));
	for (let level = 0; level <= maxLevel; level++) {
		const groups = new Map<string, PendingRecord[]>();
		records.forEach((record, i) => {
			if (levels[i] !== level) return;
			const group = `${record.table}\u0000${record.keyField}`;
			const list = groups.get(group) ?? [];
			list.push(record);
			groups.set(group, list);
		});
		for (const list of groups.values()) {
			for (let start = 0; start < list.length; start += maxPerRequest) {
				const chunk = list.slice(start, start + maxPerRequest);
				requests.push({ table: chunk[0].table, keyField: chunk[0].keyField, records: chunk });
			}
		}
	}
	return requests;
}

/** An Airtable record id: "rec" and 14 letters or digits. */
const AIRTABLE_RECORD_ID = /^rec[A-Za-z0-9]{14}$/;

/**
 * The body of Airtable's upsert (PATCH /v0/{base}/{table} with performUpsert) for one request.
 * A record whose key is an Airtable record id (a row typed in Airtable without a stable key, which the
 * replica keys by its record id) is sent with that `id` and without the key field: Airtable updates a
 * record given by id and merges only the others on `fieldsToMergeOn`
 * (https://airtable.com/developers/web/api/update-multiple-records), so no second row is made.
 */
export function upsertBody(request: FlushRequest): { performUpsert: { fieldsToMergeOn: string[] }; records: Array<{ id?: string; fields: Record<string, unknown> }>; typecast: boolean } {
	return {
		performUpsert: { fieldsToMergeOn: [request.keyField] },
		records: request.records.map((r) => (AIRTABLE_RECORD_ID.test(r.key) ? { id: r.key, fields: { ...r.fields } } : { fields: { ...r.fields, [r.keyField]: r.key } })),
		// Links are written as the linked row's primary value (a phone, a task key); typecast resolves them.
		typecast: true,
	};
}

/** One request per record, used to find which record of a refused request Airtable calls invalid. */
export function splitRequest(request: FlushRequest): FlushRequest[] {
	return request.records.map((record) => ({ table: request.table, keyField: request.keyField, records: [record] }));
}
