import type { HeldMessage } from '../../../core/assistant/burst';
import { emptyContext, parseContext, type ConversationContext } from '../../../core/assistant/context';
import { redisConnection, redisOrMemory } from '../../shared/redis';
import { windowKey } from '../../shared/conversation-store';
import { InboundJournal } from '../../shared/inbound-journal';

/**
 * What the Assistant node keeps per person between executions: the conversation context (with a
 * TTL), the burst list of held preludes, and the one-time quick replies already tapped. Redis when
 * BESTSTAG_REDIS_URL is set, so every n8n process agrees and each list operation is atomic;
 * in-process otherwise (one n8n process). Keyed on the person's canonical phone.
 */
export interface TurnStore {
	getContext(phone: string): Promise<ConversationContext>;
	saveContext(phone: string, context: ConversationContext, ttlSeconds: number): Promise<void>;
	/** Deletes the person's context (after an erasure, nothing of the conversation may remain). */
	forgetContext(phone: string): Promise<void>;
	/** Appends a prelude to the person's burst list (kept `ttlMs`, so a crashed holder leaves nothing behind). */
	hold(phone: string, message: HeldMessage, ttlMs: number): Promise<void>;
	/** Takes (removes and returns) every held message of the person, oldest first. */
	takeAll(phone: string): Promise<HeldMessage[]>;
	/** Takes every held message if `messageSid` is still the newest held one; else takes nothing and returns []. */
	takeIfNewest(phone: string, messageSid: string): Promise<HeldMessage[]>;
	/** True the first time a one-time question is answered by this person (kept `ttlSeconds`). */
	claimTap(phone: string, questionId: string, ttlSeconds: number): Promise<boolean>;
	/**
	 * Marks messages as handled in the trigger's inbound journal, so a crash recovery does not replay
	 * them: preludes another message answered for, and turns that write no Messages row (which is
	 * what settles a logged turn). Unknown MessageSids are ignored; nothing to do without Redis.
	 */
	settle(messageSids: string[]): Promise<void>;
}

const PREFIX = 'beststag:as:';

// Takes the whole list only when its newest entry is the caller's message.
const TAKE_IF_NEWEST = `
local last = redis.call('LINDEX', KEYS[1], -1)
if not last then return {} end
if cjson.decode(last).messageSid ~= ARGV[1] then return {} end
local all = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return all
`;

const parseHeld = (lines: string[]): HeldMessage[] => lines.map((line) => JSON.parse(line) as HeldMessage);

class RedisTurnStore implements TurnStore {
	constructor(private readonly url: string) {}

	private get redis() {
		return redisConnection(this.url);
	}

	async getContext(phone: string): Promise<ConversationContext> {
		const raw = await this.redis.get(`${PREFIX}ctx:${windowKey(phone)}`);
		return raw ? parseContext(JSON.parse(raw)) : emptyContext();
	}

	async saveContext(phone: string, context: ConversationContext, ttlSeconds: number): Promise<void> {
		await this.redis.set(`${PREFIX}ctx:${windowKey(phone)}`, JSON.stringify(context), 'EX', Math.max(1, Math.round(ttlSeconds)));
	}

	async forgetContext(phone: string): Promise<void> {
		await this.redis.del(`${PREFIX}ctx:${windowKey(phone)}`);
	}

	async hold(phone: string, message: HeldMessage, ttlMs: number): Promise<void> {
		const key = `${PREFIX}held:${windowKey(phone)}`;
		await this.redis.multi().rpush(key, JSON.stringify(message)).pexpire(key, Math.max(1, Math.round(ttlMs))).exec();
	}

	async takeAll(phone: string): Promise<HeldMessage[]> {
		const key = `${PREFIX}held:${windowKey(phone)}`;
		const result = await this.redis.multi().lrange(key, 0, -1).del(key).exec();
		return parseHeld((result?.[0]?.[1] as string[] | undefined) ?? []);
	}

	async takeIfNewest(phone: string, messageSid: string): Promise<HeldMessage[]> {
		return parseHeld((await this.redis.eval(TAKE_IF_NEWEST, 1, `${PREFIX}held:${windowKey(phone)}`, messageSid)) as string[]);
	}

	async claimTap(phone: string, questionId: string, ttlSeconds: number): Promise<boolean> {
		return (await this.redis.set(`${PREFIX}tap:${windowKey(phone)}:${questionId}`, '1', 'EX', Math.max(1, Math.round(ttlSeconds)), 'NX')) === 'OK';
	}

	async settle(messageSids: string[]): Promise<void> {
		if (messageSids.length > 0) await new InboundJournal(this.redis).settle(messageSids);
	}
}

/** One n8n process: the same semantics in memory (entries expire lazily, on the next read). */
export class MemoryTurnStore implements TurnStore {
	private readonly contexts = new Map<string, { value: ConversationContext; until: number }>();
	private readonly held = new Map<string, { messages: HeldMessage[]; until: number }>();
	private readonly taps = new Map<string, number>();

	constructor(private readonly now: () => number = Date.now) {}

	async getContext(phone: string): Promise<ConversationContext> {
		const entry = this.contexts.get(windowKey(phone));
		return entry && entry.until > this.now() ? parseContext(structuredClone(entry.value)) : emptyContext();
	}

	async saveContext(phone: string, context: ConversationContext, ttlSeconds: number): Promise<void> {
		this.contexts.set(windowKey(phone), { value: structuredClone(context), until: this.now() + ttlSeconds * 1000 });
	}

	async forgetContext(phone: string): Promise<void> {
		this.contexts.delete(windowKey(phone));
	}

	private list(phone: string): HeldMessage[] {
		const entry = this.held.get(windowKey(phone));
		return entry && entry.until > this.now() ? entry.messages : [];
	}

	async hold(phone: string, message: HeldMessage, ttlMs: number): Promise<void> {
		this.held.set(windowKey(phone), { messages: [...this.list(phone), message], until: this.now() + ttlMs });
	}

	async takeAll(phone: string): Promise<HeldMessage[]> {
		const messages = this.list(phone);
		this.held.delete(windowKey(phone));
		return messages;
	}

	async takeIfNewest(phone: string, messageSid: string): Promise<HeldMessage[]> {
		const messages = this.list(phone);
		if (messages.at(-1)?.messageSid !== messageSid) return [];
		this.held.delete(windowKey(phone));
		return messages;
	}

	async claimTap(phone: string, questionId: string, ttlSeconds: number): Promise<boolean> {
		const key = `${windowKey(phone)}:${questionId}`;
		if ((this.taps.get(key) ?? 0) > this.now()) return false;
		this.taps.set(key, this.now() + ttlSeconds * 1000);
		return true;
	}

	/** The journal lives in Redis only: one process without Redis has nothing to replay. */
	async settle(): Promise<void> {}
}

/** The process's turn store: Redis on BESTSTAG_REDIS_URL, else one in-memory store. */
export const turnStore = redisOrMemory<TurnStore>((url) => new RedisTurnStore(url), () => new MemoryTurnStore());
