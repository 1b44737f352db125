import type Redis from 'ioredis';

/**
 * The inbound journal: every WhatsApp message the trigger accepts (answers Twilio 200 for) is
 * written here first, in Redis with append-only persistence, and settled once its turn logged
 * its Messages row (the data path's store settles it in the same call that queues the row).
 * Twilio does not resend a message it got 200 for, so a turn that dies with its n8n process
 * (`kill -9`, an out-of-memory kill, a host reboot) would otherwise be lost: the trigger replays
 * entries that stayed unsettled for a while, and the turn runs again. Every row a turn writes is an
 * upsert on a stable key derived from the MessageSid, so a replay never doubles a row.
 */
export const INBOUND_JOURNAL_KEY = 'beststag:inbound:journal';
/** Sorted set of the journal's MessageSids by the time they were last accepted or claimed, ms. */
export const INBOUND_JOURNAL_DUE_KEY = 'beststag:inbound:journal:due';

/** How many times an entry is replayed before it is given up (logged and dropped). */
export const MAX_REPLAYS = 2;
/** Entries older than this are dropped unreplayed: a reply a day late helps nobody. */
export const JOURNAL_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** One accepted message as the trigger emitted it. */
export interface JournalEntry {
	messageSid: string;
	/** The item's json, exactly as the trigger's Message output gave it. */
	json: Record<string, unknown>;
	/** When the trigger accepted it, ms since the epoch. */
	acceptedAt: number;
	/** Replays so far, this one included. */
	replays: number;
}

/** Hash of MessageSid → "<acceptedAt ms>:<replays>", kept apart so the script never re-encodes the item. */
export const INBOUND_JOURNAL_META_KEY = 'beststag:inbound:journal:meta';

// Claims the entries due before ARGV[1] (ms): each is pushed back to ARGV[2] (now) so another process does
// not take it too, and its replay count goes up; entries replayed ARGV[5] times or accepted before ARGV[4] are dropped.
const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
local dropped = {}
for _, sid in ipairs(due) do
  local raw = redis.call('HGET', KEYS[1], sid)
  local meta = redis.call('HGET', KEYS[3], sid)
  if not raw or not meta then
    redis.call('ZREM', KEYS[2], sid)
    redis.call('HDEL', KEYS[1], sid)
    redis.call('HDEL', KEYS[3], sid)
  else
    local acceptedAt, replays = string.match(meta, '^(%d+):(%d+)$')
    replays = tonumber(replays)
    if replays >= tonumber(ARGV[5]) or tonumber(acceptedAt) < tonumber(ARGV[4]) then
      redis.call('HDEL', KEYS[1], sid)
      redis.call('HDEL', KEYS[3], sid)
      redis.call('ZREM', KEYS[2], sid)
      table.insert(dropped, {raw, replays})
    else
      redis.call('HSET', KEYS[3], sid, acceptedAt .. ':' .. (replays + 1))
      redis.call('ZADD', KEYS[2], ARGV[2], sid)
      table.insert(claimed, {raw, replays + 1})
    end
  end
end
return {claimed, dropped}
`;

export class InboundJournal {
	constructor(
		private readonly redis: Redis,
		private readonly now: () => number = Date.now,
	) {}

	/** Records an accepted message before Twilio is answered. Throws what Redis throws (the caller then answers 5xx, and Twilio may retry). */
	async record(messageSid: string, json: Record<string, unknown>): Promise<void> {
		const acceptedAt = Math.floor(this.now());
		await this.redis
			.multi()
			.hset(INBOUND_JOURNAL_KEY, messageSid, JSON.stringify({ messageSid, json, acceptedAt }))
			.hset(INBOUND_JOURNAL_META_KEY, messageSid, `${acceptedAt}:0`)
			.zadd(INBOUND_JOURNAL_DUE_KEY, acceptedAt, messageSid)
			.exec();
	}

	/** Marks turns as done (their Messages rows are queued); unknown MessageSids are ignored. */
	async settle(messageSids: string[]): Promise<void> {
		if (messageSids.length === 0) return;
		await this.redis
			.multi()
			.hdel(INBOUND_JOURNAL_KEY, ...messageSids)
			.hdel(INBOUND_JOURNAL_META_KEY, ...messageSids)
			.zrem(INBOUND_JOURNAL_DUE_KEY, ...messageSids)
			.exec();
	}

	/**
	 * Claims up to `limit` entries unsettled for `afterMs` or more (accepted or last claimed that long
	 * ago), for one replay each; `dropped` are those given up (replayed MAX_REPLAYS times already, or
	 * older than a day), for the caller to log.
	 */
	async claimOverdue(afterMs: number, limit = 50): Promise<{ claimed: JournalEntry[]; dropped: JournalEntry[] }> {
		const now = Math.floor(this.now());
		const [claimed, dropped] = (await this.redis.eval(CLAIM, 3, INBOUND_JOURNAL_KEY, INBOUND_JOURNAL_DUE_KEY, INBOUND_JOURNAL_META_KEY, now - afterMs, now, limit, now - JOURNAL_MAX_AGE_MS, MAX_REPLAYS)) as Array<Array<[string, number]>>;
		const entry = ([raw, replays]: [string, number]): JournalEntry => ({ ...(JSON.parse(raw) as Omit<JournalEntry, 'replays'>), replays: Number(replays) });
		return { claimed: claimed.map(entry), dropped: dropped.map(entry) };
	}

	/** Entries not settled yet. */
	async depth(): Promise<number> {
		return this.redis.hlen(INBOUND_JOURNAL_KEY);
	}
}
