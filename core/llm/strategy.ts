/**
 * Picks the engine for each message: offline only, LLM only, or cascade (offline first, the LLM only when
 * the offline engine is unsure). The offline engine always runs: it extracts the entities and it is the
 * answer whenever the LLM is skipped or fails, so classify never throws for a string and never waits
 * longer than the engine's timeout. The offline engine is injected (core/classifier's classifyOffline).
 */
import type { Intent } from '../intents/taxonomy';
import { classificationCacheKey, normalizeMessageText, type ClassificationCache } from './cache';
import { CircuitBreaker } from './circuit-breaker';
import { failureKind, type LlmFailureKind } from './errors';
import { PROMPT_VERSION } from './prompt';
import type { ClassifyContext, Entities, LlmClassification, LlmEngine, LlmEngineName, OfflineEngine, TokenUsage } from './types';

export type ClassifierStrategy = 'offline' | 'llm' | 'cascade';
export const STRATEGIES: readonly ClassifierStrategy[] = ['offline', 'llm', 'cascade'];

/** Why the answer is the offline one although the strategy wanted the LLM. */
export type FallbackReason = LlmFailureKind | 'circuit_open' | 'empty_message';

export const DEFAULT_CASCADE_THRESHOLD = 0.6;
/**
 * How long an LLM answer is reused for the same normalized text: one hour, the one default for every
 * caller (the Intent Classifier node's "Cache TTL" option shows it in seconds). The key already changes
 * with the model and the prompt version; the hour bounds the memory a shared Redis spends on it.
 */
export const DEFAULT_CACHE_TTL_MS = 60 * 60 * 1000;
const DEFAULT_CACHE_TIMEOUT_MS = 500;

export interface IntentResult {
	intent: Intent;
	confidence: number;
	/** Always the offline engine's: it runs the date extractor. */
	entities: Entities;
	engine: 'offline' | LlmEngineName;
	/** The intent came from the cache, without a call. */
	cached: boolean;
	latencyMs: number;
	fallback?: FallbackReason;
	/** The failure's message, for logs. */
	fallbackDetail?: string;
	/** Set when an LLM was called for this message (not on a cache hit). */
	usage?: TokenUsage;
	costUsd?: number | null;
	/** The LLM model that answered, fresh or cached. */
	model?: string;
}

/** One LLM call, made or failed: what to meter and bill. */
export interface LlmCallRecord {
	engine: LlmEngineName;
	model: string;
	promptVersion: string;
	ok: boolean;
	failure?: LlmFailureKind;
	latencyMs: number;
	usage?: TokenUsage;
	costUsd?: number | null;
}

export interface IntentClassifierOptions {
	strategy: ClassifierStrategy;
	offline: OfflineEngine;
	/** Required for 'llm' and 'cascade'. */
	llm?: LlmEngine;
	/** Cascade asks the LLM when the offline confidence is below this; default 0.6. */
	threshold?: number;
	/** Where LLM answers are kept; none means every unsure message is a call. */
	cache?: ClassificationCache;
	/** Default DEFAULT_CACHE_TTL_MS (1 h). */
	cacheTtlMs?: number;
	/** A cache slower than this counts as a miss (or a skipped write); default 500 ms. */
	cacheTimeoutMs?: number;
	/** Default: 5 failures open it for 60 s, on the `now` clock. */
	breaker?: CircuitBreaker;
	/** Milliseconds clock for the default breaker and for latency; default Date.now. */
	now?: () => number;
	/** Called after every LLM call; a hook that throws is ignored. */
	onLlmCall?: (record: LlmCallRecord) => void;
}

export interface IntentClassifier {
	readonly strategy: ClassifierStrategy;
	/** Undefined for the offline strategy. */
	readonly breaker: CircuitBreaker | undefined;
	/**
	 * LLM, cache and hook failures end in the offline answer, never in an exception. The one thing that
	 * throws is the offline engine itself, which refuses an invalid `now` or time zone (the caller's bug).
	 */
	classify(text: string, context?: ClassifyContext): Promise<IntentResult>;
}

/** Settles with the promise, or rejects after `ms`; the cache is an optimisation and must not stall a reply. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`The cache did not answer within ${ms} ms.`)), ms);
	});
	return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function checkOptions(options: IntentClassifierOptions): number {
	if (!STRATEGIES.includes(options.strategy)) {
		throw new Error(`Unknown classifier strategy "${String(options.strategy)}": use one of ${STRATEGIES.join(', ')}.`);
	}
	if (typeof options.offline !== 'function') throw new Error('The classifier needs the offline engine (classifyOffline) as `offline`.');
	if (options.strategy !== 'offline' && !options.llm) {
		throw new Error(`The "${options.strategy}" strategy needs an LLM engine (createLlmEngine in nodes/shared/llm); pass llm, or use the "offline" strategy.`);
	}
	const threshold = options.threshold ?? DEFAULT_CASCADE_THRESHOLD;
	if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`The cascade threshold must be a number from 0 to 1, got ${threshold}.`);
	const ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
	if (!Number.isInteger(ttl) || ttl < 1) throw new RangeError(`The cache TTL must be a whole number of milliseconds, got ${ttl}.`);
	return threshold;
}

export function createIntentClassifier(options: IntentClassifierOptions): IntentClassifier {
	const threshold = checkOptions(options);
	const { strategy, offline, llm, cache } = options;
	const now = options.now ?? Date.now;
	const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
	const cacheTimeoutMs = options.cacheTimeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS;
	const breaker = strategy === 'offline' ? undefined : (options.breaker ?? new CircuitBreaker({ now }));

	const report = (record: LlmCallRecord): void => {
		try {
			options.onLlmCall?.(record);
		} catch {
			// Metering must not cost the user their reply.
		}
	};

	const cacheGet = async (key: string) => {
		if (!cache) return undefined;
		try {
			return await withDeadline(cache.get(key), cacheTimeoutMs);
		} catch {
			return undefined;
		}
	};

	const cacheSet = async (key: string, answer: LlmClassification, engine: LlmEngineName) => {
		if (!cache) return;
		try {
			await withDeadline(cache.set(key, { intent: answer.intent, confidence: answer.confidence, engine, model: answer.model }, cacheTtlMs), cacheTimeoutMs);
		} catch {
			// A lost write costs one more call later, nothing else.
		}
	};

	async function classify(text: string, context: ClassifyContext = {}): Promise<IntentResult> {
		const started = now();
		const input = typeof text === 'string' ? text : '';
		const base = offline(input, context);
		const elapsed = () => Math.max(0, Math.round(now() - started));
		const offlineResult = (fallback?: FallbackReason, fallbackDetail?: string): IntentResult => ({
			intent: base.intent,
			confidence: base.confidence,
			entities: base.entities,
			engine: 'offline',
			cached: false,
			latencyMs: elapsed(),
			...(fallback ? { fallback } : {}),
			...(fallbackDetail ? { fallbackDetail } : {}),
		});

		if (!llm || !breaker || strategy === 'offline') return offlineResult();
		if (strategy === 'cascade' && base.confidence >= threshold) return offlineResult();
		if (normalizeMessageText(input) === '') return offlineResult('empty_message');

		const key = classificationCacheKey(input, llm.name, llm.model);
		const hit = await cacheGet(key);
		if (hit) {
			return { intent: hit.intent, confidence: hit.confidence, entities: base.entities, engine: hit.engine, cached: true, latencyMs: elapsed(), model: hit.model };
		}

		if (!breaker.tryAcquire()) {
			return offlineResult('circuit_open', `The ${llm.name} circuit is open after repeated failures; next try in ${Math.ceil(breaker.retryInMs() / 1000)} s.`);
		}
		const callStarted = now();
		let answer: LlmClassification;
		try {
			answer = await llm.classify(input);
		} catch (error) {
			breaker.recordFailure();
			const kind = failureKind(error);
			report({ engine: llm.name, model: llm.model, promptVersion: PROMPT_VERSION, ok: false, failure: kind, latencyMs: Math.round(now() - callStarted) });
			return offlineResult(kind, error instanceof Error ? error.message : String(error));
		}
		breaker.recordSuccess();
		report({
			engine: llm.name,
			model: answer.model,
			promptVersion: PROMPT_VERSION,
			ok: true,
			latencyMs: answer.latencyMs,
			usage: answer.usage,
			costUsd: answer.costUsd,
		});
		await cacheSet(key, answer, llm.name);
		return {
			intent: answer.intent,
			confidence: answer.confidence,
			entities: base.entities,
			engine: llm.name,
			cached: false,
			latencyMs: elapsed(),
			usage: answer.usage,
			costUsd: answer.costUsd,
			model: answer.model,
		};
	}

	return { strategy, breaker, classify };
}
