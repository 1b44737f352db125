import type { Fields } from './types';

/**
 * How a change made in Airtable (a manager's edit, seen through the Webhooks API, a catch-up or a
 * first load) lands in the replica. The rule from issue 8: a pending local change wins until it is
 * sent, then Airtable's value is the truth.
 */
export type ExternalChange = { fields: Fields } | { deleted: true };

export interface ReplicaRecordState {
	/** Airtable's record id, once known. */
	recordId?: string;
	fields: Fields;
}

/**
 * `current`: the replica's record, or undefined when it has none. `pendingFields`: names of the
 * fields with a local write still in the outbox. `change.fields` are the fields Airtable reports
 * as changed (null or absent value = cleared in Airtable is passed as null).
 *
 * Returns the record the replica should hold, or undefined to delete it. A delete with pending
 * local fields keeps the record: the pending upsert will recreate it in Airtable, and the replica
 * must keep serving what the bot wrote until then.
 */
export function applyExternal(current: ReplicaRecordState | undefined, pendingFields: ReadonlySet<string>, change: ExternalChange, recordId?: string): ReplicaRecordState | undefined {
	if ('deleted' in change) {
		if (!current || pendingFields.size === 0) return undefined;
		const kept = Object.fromEntries(Object.entries(current.fields).filter(([name]) => pendingFields.has(name)));
		return { fields: kept };
	}
	const fields: Fields = { ...(current?.fields ?? {}) };
	for (const [name, value] of Object.entries(change.fields)) {
		if (pendingFields.has(name)) continue;
		if (value === null || value === undefined) delete fields[name];
		else fields[name] = value;
	}
	return { recordId: recordId ?? current?.recordId, fields };
}
