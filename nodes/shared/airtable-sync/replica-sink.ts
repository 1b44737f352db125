import type { ExternalRecordChange } from '../../../core/airtable/webhooks/changes';

/**
 * Where changes made in Airtable go: the bot's local replica (nodes/shared/datapath implements it).
 *
 * The sync calls it in Airtable's transaction order, one change at a time, and saves its cursor only
 * after a whole page was applied, so after a crash a change may be applied again: both methods must
 * be idempotent. Conflicts are the replica's to settle (a pending local change wins until it is sent,
 * then Airtable's value is the truth).
 */
export interface ReplicaSink {
	/**
	 * One change made outside the bot: a manager's edit in Airtable's UI, an automation, a form, or
	 * another API user. `change.fields` holds only the cells that changed (null = cleared), by field
	 * name, in the REST API's format; `change.unchanged` the record's other cells; `change.deleted` a
	 * destroyed record. The hourly catch-up also comes through here, with source "catchUp", every
	 * non-empty cell in `fields` and transaction 0.
	 */
	applyExternalChange(change: ExternalRecordChange): Promise<void>;

	/**
	 * Reload every record of `table` (by name) from Airtable, replacing what the replica holds:
	 * called when changes may have been missed (a new webhook, a cursor older than the 7 days
	 * payloads are kept, expired payloads, a disabled webhook, a backlog too large to read).
	 */
	fullResync(table: string): Promise<void>;
}
