import type Redis from 'ioredis';

import type { ExternalRecordChange } from '../../core/airtable/webhooks/changes';
import type { ReplicaSink } from '../shared/airtable-sync/replica-sink';

/**
 * The trigger's ReplicaSink: changes become the execution's items; tables to reload are kept in Redis
 * until the next ping emits them, since one found while activating (a new webhook) has no execution
 * to go to.
 */
export class ItemSink implements ReplicaSink {
	readonly changes: ExternalRecordChange[] = [];

	constructor(
		private readonly redis: Redis,
		private readonly key: string,
	) {}

	async applyExternalChange(change: ExternalRecordChange): Promise<void> {
		this.changes.push(change);
	}

	async fullResync(table: string): Promise<void> {
		await this.redis.sadd(this.key, table);
	}

	/** The tables waiting for a full reload; each is returned once. */
	async takeResyncs(): Promise<string[]> {
		const [[, tables]] = (await this.redis.multi().smembers(this.key).del(this.key).exec()) as [[Error | null, string[]], [Error | null, number]];
		return [...tables].sort();
	}
}
