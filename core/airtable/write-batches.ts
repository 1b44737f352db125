import { AIRTABLE_MAX_RECORDS_PER_REQUEST } from '../limits/airtable';

/**
 * Groups record writes from many n8n items into as few Airtable requests as the API allows:
 * at most 10 records per request, one table and one write mode per request. Each record keeps
 * the index of the item it came from, so results pair back to their inputs.
 */
// Re-exported for callers that already import it from here; the number lives in core/limits.
export { AIRTABLE_MAX_RECORDS_PER_REQUEST };

export type WriteMode = 'create' | 'update' | 'upsert';

export interface RecordWrite {
	itemIndex: number;
	table: string;
	mode: WriteMode;
	/** Required for mode "update". */
	id?: string;
	fields: Record<string, unknown>;
	/** Required for mode "upsert": the fields that identify an existing record. */
	mergeOn?: string[];
	typecast?: boolean;
}

export interface WriteRequest {
	table: string;
	mode: WriteMode;
	mergeOn?: string[];
	typecast: boolean;
	writes: RecordWrite[];
}

function groupKey(w: RecordWrite): string {
	return JSON.stringify([w.table, w.mode, w.mode === 'upsert' ? w.mergeOn : null, w.typecast ?? false]);
}

function mergeKey(w: RecordWrite): string {
	return JSON.stringify((w.mergeOn ?? []).map((f) => w.fields[f] ?? null));
}

/**
 * Airtable rejects an upsert request naming the same key twice, and two updates of one record in
 * one request would race, so such writes go to separate requests, in item order.
 */
export function planWriteRequests(writes: RecordWrite[], max = AIRTABLE_MAX_RECORDS_PER_REQUEST): WriteRequest[] {
	const requests: WriteRequest[] = [];
	const open = new Map<string, WriteRequest[]>();
	for (const write of writes) {
		if (write.mode === 'update' && !write.id) throw new Error(`Item ${write.itemIndex}: an update needs the record id.`);
		if (write.mode === 'upsert' && !write.mergeOn?.length) throw new Error(`Item ${write.itemIndex}: an upsert needs the fields to merge on.`);
		const key = groupKey(write);
		const candidates = open.get(key) ?? [];
		const identity = write.mode === 'upsert' ? mergeKey(write) : write.mode === 'update' ? write.id : undefined;
		let target = candidates.find(
			(r) => r.writes.length < max && (identity === undefined || !r.writes.some((w) => (w.mode === 'upsert' ? mergeKey(w) : w.id) === identity)),
		);
		if (!target) {
			target = { table: write.table, mode: write.mode, mergeOn: write.mergeOn, typecast: write.typecast ?? false, writes: [] };
			candidates.push(target);
			open.set(key, candidates);
			requests.push(target);
		}
		target.writes.push(write);
	}
	return requests;
}

/** The HTTP call for one planned request, in Airtable Web API terms. */
export function toHttpCall(request: WriteRequest): { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown> } {
	const path = `/${encodeURIComponent(request.table)}`;
	if (request.mode === 'create') {
		return { method: 'POST', path, body: { records: request.writes.map((w) => ({ fields: w.fields })), typecast: request.typecast } };
	}
	if (request.mode === 'update') {
		return { method: 'PATCH', path, body: { records: request.writes.map((w) => ({ id: w.id, fields: w.fields })), typecast: request.typecast } };
	}
	return {
		method: 'PATCH',
		path,
		body: { performUpsert: { fieldsToMergeOn: request.mergeOn }, records: request.writes.map((w) => ({ fields: w.fields })), typecast: request.typecast },
	};
}
