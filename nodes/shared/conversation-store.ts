import { TtlSet } from '../../core/cache/ttl-set';
import { canonicalPhoneKey } from '../../core/phone/brazil';
import { redisConnection, redisOrMemory } from './redis';

/**
 * What the WhatsApp nodes remember between executions: which MessageSids were already handled
 * (Twilio redelivers on timeouts) and when each user last wrote (WhatsApp's 24-hour window).
 * Redis when BESTSTAG_REDIS_URL is set, so every n8n process agrees; in-process otherwise.
 * The window is kept per person: phones are stored under their canonical key, so a message from
 * "+551184658433" opens the window for a reply to "whatsapp:+5511984658433" and the other way round.
 */
export interface ConversationStore {
	/** True the first time a MessageSid is seen within the TTL. */
	firstDelivery(messageSid: string, ttlMs: number): Promise<boolean>;
	setLastInbound(phone: string, at: string): Promise<void>;
	getLastInbound(phone: string): Promise<string | null>;
}

export const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
const LAST_INBOUND_TTL_S = 7 * 24 * 60 * 60;

/** The person's key for a phone or WhatsApp address; what is not a phone is kept as given. */
export function windowKey(phone: string): string {
	try {
		return canonicalPhoneKey(phone);
	} catch {
		return phone;
	}
}

class MemoryConversationStore implements ConversationStore {
	private readonly seen = new TtlSet({ maxEntries: 100_000 });
	private readonly lastInbound = new Map<string, string>();

	async firstDelivery(messageSid: string, ttlMs: number): Promise<boolean> {
		return this.seen.addIfAbsent(messageSid, ttlMs);
	}

	async setLastInbound(phone: string, at: string): Promise<void> {
		const key = windowKey(phone);
		this.lastInbound.delete(key);
		this.lastInbound.set(key, at);
		if (this.lastInbound.size > 100_000) this.lastInbound.delete(this.lastInbound.keys().next().value as string);
	}

	async getLastInbound(phone: string): Promise<string | null> {
		return this.lastInbound.get(windowKey(phone)) ?? null;
	}
}

class RedisConversationStore implements ConversationStore {
	constructor(private readonly url: string) {}

	async firstDelivery(messageSid: string, ttlMs: number): Promise<boolean> {
		return (await redisConnection(this.url).set(`beststag:wa:sid:${messageSid}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
	}

	async setLastInbound(phone: string, at: string): Promise<void> {
		await redisConnection(this.url).set(`beststag:wa:last:${windowKey(phone)}`, at, 'EX', LAST_INBOUND_TTL_S);
	}

	async getLastInbound(phone: string): Promise<string | null> {
		return redisConnection(this.url).get(`beststag:wa:last:${windowKey(phone)}`);
	}
}

/** The process's conversation store: Redis on BESTSTAG_REDIS_URL, else one in-memory store. */
export const conversationStore = redisOrMemory<ConversationStore>((url) => new RedisConversationStore(url), () => new MemoryConversationStore());
