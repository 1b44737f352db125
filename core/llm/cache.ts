/**
 * LLM answers cached by normalized message text, so "Bom dia!" and "bom   dia" cost one call. Only the
 * intent and confidence are kept: entities depend on the moment the message arrives ("amanhã") and are
 * always extracted afresh. This module holds the cache contract, the key and an in-process cache; the
 * Redis cache every worker shares is an adapter in nodes/shared/llm/redis-cache.ts.
 */
import { createHash } from 'node:crypto';

import { isIntent, type Intent } from '../intents/taxonomy';
import { PROMPT_VERSION } from './prompt';
import type { LlmEngineName } from './types';

export interface CachedIntent {
	intent: Intent;
	confidence: number;
	engine: LlmEngineName;
	model: string;
}

export interface ClassificationCache {
	get(key: string): Promise<CachedIntent | undefined>;
	set(key: string, value: CachedIntent, ttlMs: number): Promise<void>;
}

/** Case, accents, and runs of white space make no difference to the intent. */
export function normalizeMessageText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.normalize('NFC')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * `<engine>:<model>:<prompt version>:<sha256 of the normalized text>`: a new model or prompt never reuses an
 * older answer, and the key never holds the message itself.
 */
export function classificationCacheKey(text: string, engine: LlmEngineName, model: string): string {
	const digest = createHash('sha256').update(normalizeMessageText(text)).digest('hex');
	return `${engine}:${model}:${PROMPT_VERSION}:${digest}`;
}

/** Throws a RangeError unless the TTL is a whole number of milliseconds, at least 1. */
export function checkCacheTtl(ttlMs: number): void {
	if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new RangeError(`The cache TTL must be a whole number of milliseconds, got ${ttlMs}.`);
}

/** A stored value read back: anything that is not a well-formed entry is undefined (a miss). */
export function asCachedIntent(value: unknown): CachedIntent | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const { intent, confidence, engine, model } = value as Record<string, unknown>;
	if (!isIntent(intent) || typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) return undefined;
	if ((engine !== 'openai' && engine !== 'anthropic') || typeof model !== 'string') return undefined;
	return { intent, confidence, engine, model };
}

export interface MemoryCacheOptions {
	/** Entries kept before the least recently used go; default 10,000. */
	maxEntries?: number;
	now?: () => number;
}

/** One process's cache: a Map in recency order, bounded, with per-entry expiry. */
export class MemoryCache implements ClassificationCache {
	private readonly entries = new Map<string, { value: CachedIntent; expiresAt: number }>();
	private readonly maxEntries: number;
	private readonly now: () => number;

	constructor(options: MemoryCacheOptions = {}) {
		this.maxEntries = options.maxEntries ?? 10_000;
		if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
			throw new RangeError(`The cache size must be a whole number of at least 1, got ${this.maxEntries}.`);
		}
		this.now = options.now ?? Date.now;
	}

	get size(): number {
		return this.entries.size;
	}

	async get(key: string): Promise<CachedIntent | undefined> {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		if (entry.expiresAt <= this.now()) return undefined;
		// Re-inserted, so the Map's order stays least recently used first.
		this.entries.set(key, entry);
		return { ...entry.value };
	}

	async set(key: string, value: CachedIntent, ttlMs: number): Promise<void> {
		checkCacheTtl(ttlMs);
		this.entries.delete(key);
		this.entries.set(key, { value: { ...value }, expiresAt: this.now() + ttlMs });
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.maxEntries) break;
			this.entries.delete(oldest);
		}
	}
}
