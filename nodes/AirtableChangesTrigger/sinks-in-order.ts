import type { ExternalRecordChange } from '../../core/airtable/webhooks/changes';
import type { ReplicaSink } from '../shared/airtable-sync/replica-sink';

/**
 * Hands every change and resync to several sinks in order (the replica first, then the items), so
 * the trigger both updates the bot's replica and emits items. A sink that throws stops the page:
 * the sync then keeps its cursor and reads the page again (sinks are idempotent).
 */
export class SinksInOrder implements ReplicaSink {
	constructor(private readonly sinks: readonly ReplicaSink[]) {}

	async applyExternalChange(change: ExternalRecordChange): Promise<void> {
		for (const sink of this.sinks) await sink.applyExternalChange(change);
	}

	async fullResync(table: string): Promise<void> {
		for (const sink of this.sinks) await sink.fullResync(table);
	}
}
