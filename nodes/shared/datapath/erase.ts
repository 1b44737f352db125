import { Queue } from 'bullmq';
import type Redis from 'ioredis';

import { baseKeys, DATAPATH_PREFIX } from './keys';

/** What erasing one user from Redis removed (counts only: nothing personal). */
export interface RedisErasure {
	/** Outbox entries of the user's records, dropped before the flusher sent them. */
	outboxEntries: number;
	/** Replica records of the user (their Users row, tasks, reminders, messages, audit entries...). */
	replicaRecords: number;
	/** Dead letters holding the user's fields. */
	deadLetters: number;
	/** Other BestStag keys naming the phone (24-hour window, conversation context, owned lists...). */
	otherKeys: number;
	/** Outbound WhatsApp jobs to the phone (waiting, delayed, done or failed) removed from their queues. */
	outboundJobs: number;
}

// Drops every outbox entry of one user's records in one step, so the flusher never sends them.
// An entry is the user's when it writes their Users row, links to them (User), names them as a parent,
// or is an AuditLog entry with them as the Actor. Returns the dropped entries' "table\0key" pairs.
// KEYS: outbox. ARGV: phone.
const PURGE_OUTBOX = `
local phone = ARGV[1]
local rows = redis.call('XRANGE', KEYS[1], '-', '+')
local dropped = {}
local touched = {}
for _, row in ipairs(rows) do
  local values = row[2]
  local body
  for i = 1, #values, 2 do if values[i] == 'e' then body = values[i + 1] end end
  local ok, e = pcall(cjson.decode, body or '')
  if ok and type(e) == 'table' then
    local mine = (e.table == 'Users' and e.key == phone)
    local f = e.fields
    if type(f) == 'table' then
      if type(f.User) == 'table' and f.User[1] == phone then mine = true end
      if e.table == 'AuditLog' and f.Actor == phone then mine = true end
    end
    if type(e.parents) == 'table' then
      for _, p in ipairs(e.parents) do if type(p) == 'table' and p.table == 'Users' and p.key == phone then mine = true end end
    end
    if mine then
      dropped[#dropped + 1] = row[1]
      touched[#touched + 1] = tostring(e.table) .. '\\0' .. tostring(e.key)
    end
  end
end
for i = 1, #dropped, 500 do
  redis.call('XDEL', KEYS[1], unpack(dropped, i, math.min(i + 499, #dropped)))
end
return touched
`;

// Deletes the base's hold only while it is still the one this eraser set (a longer hold set since stays).
const RELEASE_PAUSE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** How long an erasure may hold the base's flusher at most; the hold is released as soon as it is done. */
export const ERASURE_HOLD_MS = 120_000;

/** A Redis SCAN pattern matching `text` literally. */
function globLiteral(text: string): string {
	return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Erases one user from BestStag's Redis, for "apaga meus dados": their pending outbox entries
 * (first, in one script, so the flusher cannot send them afterwards), their replica records and
 * the record-id index entries pointing at them, their owned lists and loaded mark, dead letters
 * with their fields, and every other `beststag:` key whose name carries the phone (the 24-hour
 * window, the conversation context). Keys must name users by the canonical phone or its digits
 * for this sweep to find them (see core/airtable/crm/privacy.ts phoneDigitForms).
 *
 * A flusher already sending one of the user's records when this runs may still create it in
 * Airtable; the caller (AirtableCrm user.erase) checks the data path's tables again afterwards.
 */
export class DataPathEraser {
	constructor(private readonly redis: Redis) {}

	/**
	 * Holds the base's flusher through its hold key (the flusher checks it with the 429 pause before
	 * each cycle; the erasure's own requests, which the 429 pause would stop, go on), so no write of
	 * the user can reach Airtable while their rows are being deleted; a cycle already sending
	 * finishes, which the caller's check pass covers. An existing longer hold is left alone. Returns
	 * the release, which removes only this hold.
	 */
	async holdFlusher(base: string, ms: number = ERASURE_HOLD_MS): Promise<() => Promise<void>> {
		const key = baseKeys(base).hold;
		const token = `erasure:${Date.now()}:${Math.random().toString(36).slice(2)}`;
		if ((await this.redis.pttl(key)) >= ms) return async () => undefined;
		await this.redis.set(key, token, 'PX', ms);
		return async () => {
			await this.redis.eval(RELEASE_PAUSE, 1, key, token);
		};
	}

	/**
	 * @param base the Airtable base id whose data path holds the user
	 * @param phone the canonical phone (E.164), as the data path keys users
	 * @param digitForms the phone's digit strings (phoneDigitForms) for the sweep of other keys
	 * @throws when Redis is unreachable (what was removed before stays removed; running it again is safe)
	 */
	async erase(base: string, phone: string, digitForms: readonly string[]): Promise<RedisErasure> {
		const keys = baseKeys(base);
		const touched = (await this.redis.eval(PURGE_OUTBOX, 1, keys.outbox, phone)) as string[];
		const result: RedisErasure = { outboxEntries: touched.length, replicaRecords: 0, deadLetters: 0, otherKeys: 0, outboundJobs: 0 };

		// Replica records: those the outbox named, plus every record linked to the user (messages are not in owned lists).
		const recordPrefix = keys.record('', '').slice(0, -1);
		const doomed = new Set(touched.map((pair) => keys.record(pair.split('\0')[0], pair.split('\0')[1])));
		doomed.add(keys.record('Users', phone));
		await this.scan(`${globLiteral(recordPrefix)}*`, async (found) => {
			const pipeline = this.redis.pipeline();
			for (const key of found) pipeline.hmget(key, 'f:User', 'f:Actor');
			const values = ((await pipeline.exec()) ?? []).map(([, v]) => v as Array<string | null>);
			found.forEach((key, i) => {
				const [user, actor] = values[i] ?? [];
				if (linksTo(user, phone) || actor === JSON.stringify(phone)) doomed.add(key);
			});
		});
		for (const recordKey of doomed) {
			const [table, ...rest] = recordKey.slice(recordPrefix.length).split(':');
			const key = rest.join(':');
			const id = await this.redis.hget(recordKey, '_id');
			const removed = await this.redis
				.multi()
				.del(recordKey)
				.del(keys.pending(table, key))
				.exec();
			if (id) await this.redis.eval(`if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`, 1, keys.ids, id, recordKey);
			if (Number(removed?.[0]?.[1] ?? 0) > 0) result.replicaRecords++;
		}
		const ownedPrefix = keys.owned('', '').slice(0, -1);
		await this.scan(`${globLiteral(ownedPrefix)}*`, async (found) => {
			for (const setKey of found) {
				if (setKey.endsWith(`:${phone}`)) await this.redis.del(setKey);
				else {
					// Another user's list may still name a record erased above; drop the dangling members.
					const members = await this.redis.smembers(setKey);
					const table = setKey.slice(ownedPrefix.length).split(':')[0];
					const gone = members.filter((m) => doomed.has(keys.record(table, m)));
					if (gone.length > 0) await this.redis.srem(setKey, ...gone);
				}
			}
		});
		await this.redis.srem(keys.loaded, phone);

		const letters = await this.redis.lrange(keys.dead, 0, -1);
		for (const letter of letters) {
			if (letter.includes(phone) || digitForms.some((d) => letter.includes(d))) {
				result.deadLetters += await this.redis.lrem(keys.dead, 0, letter);
			}
		}

		// Everything else BestStag keeps per person names the phone in the key (beststag:wa:last:+55..., context keys).
		await this.scan('beststag:*', async (found) => {
			const mine = found.filter((key) => !key.startsWith(DATAPATH_PREFIX) && digitForms.some((d) => key.includes(d)));
			if (mine.length > 0) result.otherKeys += await this.redis.del(...mine);
		});
		result.outboundJobs = await this.eraseOutboundJobs(digitForms);
		return result;
	}

	/**
	 * Removes the outbound queue's jobs to the phone (nodes/shared/outbound-queue.ts: BullMQ queues
	 * named beststag-whatsapp-*, whose job data holds the address and the text): a proactive message
	 * still waiting is never sent, and kept done or failed jobs no longer hold the user's messages.
	 * A job being sent at this very moment is locked and stays (it is one message already on its way).
	 */
	private async eraseOutboundJobs(digitForms: readonly string[]): Promise<number> {
		const jobs = new Map<string, string[]>();
		await this.scan('bull:beststag-whatsapp-*', async (found) => {
			const candidates = found.filter((key) => /^bull:beststag-whatsapp-[^:]+:[^:]+$/.test(key));
			const pipeline = this.redis.pipeline();
			for (const key of candidates) pipeline.hget(key, 'data');
			const data = ((await pipeline.exec()) ?? []).map(([error, value]) => (error ? null : (value as string | null)));
			candidates.forEach((key, i) => {
				const body = data[i];
				if (typeof body !== 'string' || !digitForms.some((d) => body.includes(d))) return;
				const [, queue, id] = key.split(':');
				jobs.set(queue, [...(jobs.get(queue) ?? []), id]);
			});
		});
		let removed = 0;
		for (const [name, ids] of jobs) {
			const queue = new Queue(name, { connection: this.redis });
			try {
				for (const id of ids) removed += await queue.remove(id);
			} finally {
				await queue.close();
			}
		}
		return removed;
	}

	private async scan(pattern: string, each: (found: string[]) => Promise<void>): Promise<void> {
		let cursor = '0';
		do {
			const [next, found] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
			cursor = next;
			if (found.length > 0) await each(found);
		} while (cursor !== '0');
	}
}

/** Whether a replica `User` cell (JSON) links to the phone. */
function linksTo(cell: string | null | undefined, phone: string): boolean {
	if (!cell) return false;
	try {
		const value = JSON.parse(cell) as unknown;
		return Array.isArray(value) ? value.includes(phone) : value === phone;
	} catch {
		return false;
	}
}
