import type { ExternalRecordChange } from '../../../core/airtable/webhooks/changes';
import { canonicalPhoneKey } from '../../../core/phone/brazil';
import type { ReplicaSink } from '../airtable-sync/replica-sink';
import type { DataPathStore } from './store';

/**
 * Changes made in Airtable, applied to the bot's replica: the data path's side of the Airtable
 * Webhooks sync (nodes/shared/airtable-sync). Each change is filed under the row's stable key, with
 * Airtable's `User` link turned into the owner's phone as buffered writes and the replica loader
 * hold it; the store keeps a pending local change over Airtable's value until it is sent.
 */

/** How the replica keys a table's rows: its stable key field, and whether rows are listed per user (listOwned). */
export interface ReplicaTableSpec {
	keyField: string;
	owned: boolean;
}

/** The tables the replica holds, keyed as the buffered CRM mode and the replica loader key them. */
export const REPLICA_TABLES: Readonly<Record<string, ReplicaTableSpec>> = {
	Users: { keyField: 'Phone', owned: false },
	Tasks: { keyField: 'Task Key', owned: true },
	Reminders: { keyField: 'Reminder Key', owned: true },
	Handoffs: { keyField: 'Reference', owned: true },
	Messages: { keyField: 'Message SID', owned: false },
};

/** What the sink did since it was made, for logs and tests. */
export interface ReplicaSinkCounts {
	applied: number;
	deleted: number;
	/** Changes of tables the replica does not hold, and deletes of records it never had. */
	ignored: number;
	/** Changes linked to a user the replica does not hold: that user's first turn loads them from Airtable. */
	userNotInReplica: number;
	/** Users rows whose Phone is not a phone number, so they have no key (the bot cannot write to them either). */
	noKey: number;
}

/** The first phone of a `User` link as the replica holds it (["+55…"]), if any. */
function ownerPhone(link: unknown): string | undefined {
	return Array.isArray(link) && typeof link[0] === 'string' && link[0] !== '' ? link[0] : undefined;
}

export class DataPathReplicaSink implements ReplicaSink {
	readonly counts: ReplicaSinkCounts = { applied: 0, deleted: 0, ignored: 0, userNotInReplica: 0, noKey: 0 };

	/**
	 * `base`: the Airtable base id the buffered CRM node writes under (its credential's Base ID).
	 * `log` gets one line per change that could not be applied, without personal data.
	 */
	constructor(
		private readonly store: DataPathStore,
		private readonly base: string,
		private readonly log?: (line: string) => void,
	) {}

	/**
	 * Applies one change (see ReplicaSink): a deleted record is found by its record id through the
	 * store's record-id index; any other change is filed under the key field's value (Users: the
	 * canonical phone), or, when the row has none, the key the index knows, or the record id (as
	 * the loader keys rows a person typed in without one). A key that changed moves the row.
	 * Idempotent: applying the same change twice leaves the same replica.
	 */
	async applyExternalChange(change: ExternalRecordChange): Promise<void> {
		const spec = REPLICA_TABLES[change.table];
		if (!spec) {
			this.counts.ignored++;
			return;
		}
		const known = await this.store.keyOfRecordId(this.base, change.table, change.recordId);
		if (change.deleted) {
			if (known === undefined) {
				this.counts.ignored++;
				return;
			}
			await this.remove(change.table, spec, known);
			this.counts.deleted++;
			return;
		}
		const fields: Record<string, unknown> = { ...change.unchanged, ...change.fields };
		const key = this.keyOf(change.table, fields[spec.keyField], known, change.recordId);
		if (key === undefined) {
			this.counts.noKey++;
			this.log?.(`Replica: ${change.table} record ${change.recordId} has no usable ${spec.keyField}; the change was not applied.`);
			return;
		}
		if ('User' in fields) {
			const phones = await this.userPhones(fields.User);
			if (phones === undefined) {
				this.counts.userNotInReplica++;
				return;
			}
			fields.User = phones.length > 0 ? phones : null;
		}
		if (known !== undefined && known !== key) await this.remove(change.table, spec, known);
		const before = spec.owned ? ownerPhone((await this.store.get(this.base, change.table, key))?.fields.User) : undefined;
		const owner = spec.owned ? ownerPhone(fields.User) : undefined;
		await this.store.applyExternalChange(this.base, change.table, key, { fields }, { recordId: change.recordId, owner });
		// The task moved to another user (or lost its user): take it off the previous user's list.
		if (before !== undefined && 'User' in fields && before !== owner) await this.store.disown(this.base, change.table, before, key);
		this.counts.applied++;
	}

	/**
	 * Drops the replica's rows of `table` (except rows with a local write still waiting to be sent)
	 * and marks every user unloaded, so each user's next turn reloads their Users row, open tasks,
	 * scheduled reminders and open hand-offs from Airtable through the replica loader. Chosen over
	 * reloading the whole table here: a resync is rare, and a Team base's 50,000 rows need not be
	 * read for users who may not write today. Tables the replica does not hold are left alone.
	 */
	async fullResync(table: string): Promise<void> {
		if (!REPLICA_TABLES[table]) return;
		const dropped = await this.store.dropTable(this.base, table);
		this.log?.(`Replica: full resync of ${table}: ${dropped} rows dropped; each user's next turn reloads theirs from Airtable.`);
	}

	private keyOf(table: string, value: unknown, known: string | undefined, recordId: string): string | undefined {
		if (table === 'Users') {
			if (typeof value === 'string' && value.trim() !== '') {
				try {
					return canonicalPhoneKey(value);
				} catch {
					return known;
				}
			}
			return known;
		}
		if (typeof value === 'string' && value.trim() !== '') return value;
		return known ?? recordId;
	}

	/** Record ids of a `User` link → the users' phones; undefined when one is a user the replica does not hold. */
	private async userPhones(link: unknown): Promise<string[] | undefined> {
		if (link === null || link === undefined) return [];
		const ids = Array.isArray(link) ? link.map(String) : [String(link)];
		const phones: string[] = [];
		for (const id of ids) {
			const phone = await this.store.keyOfRecordId(this.base, 'Users', id);
			if (phone === undefined) return undefined;
			phones.push(phone);
		}
		return phones;
	}

	private async remove(table: string, spec: ReplicaTableSpec, key: string): Promise<void> {
		const owner = spec.owned ? ownerPhone((await this.store.get(this.base, table, key))?.fields.User) : undefined;
		await this.store.applyExternalChange(this.base, table, key, { deleted: true }, { owner });
	}
}
