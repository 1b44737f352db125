/** A bounded set of keys that expire, for deduplication in one process. Clock injected for tests. */
export class TtlSet {
	private readonly expiry = new Map<string, number>();

	constructor(
		private readonly options: { maxEntries: number; now?: () => number },
	) {}

	/** Adds the key; true when it was not already present (first delivery). */
	addIfAbsent(key: string, ttlMs: number): boolean {
		const now = (this.options.now ?? Date.now)();
		const until = this.expiry.get(key);
		if (until !== undefined && until > now) return false;
		this.expiry.delete(key);
		this.expiry.set(key, now + ttlMs);
		if (this.expiry.size > this.options.maxEntries) {
			// Map keeps insertion order: the first key is the oldest.
			const oldest = this.expiry.keys().next().value as string;
			this.expiry.delete(oldest);
		}
		return true;
	}
}
