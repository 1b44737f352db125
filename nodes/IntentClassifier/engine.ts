import type { IExecuteFunctions } from 'n8n-workflow';

import { classifyOffline } from '../../core/classifier';
import { MemoryCache, type ClassificationCache } from '../../core/llm/cache';
import { CircuitBreaker } from '../../core/llm/circuit-breaker';
import { createIntentClassifier, type IntentClassifier } from '../../core/llm/strategy';
import { createLlmEngine, LLM_CREDENTIALS, modelFor, type LlmProvider } from '../shared/llm/engine-factory';
import { RedisCache } from '../shared/llm/redis-cache';
import { redisConnection, redisUrlFromEnv } from '../shared/redis';

export interface EngineSettings {
	strategy: 'offline' | 'llm' | 'cascade';
	provider: LlmProvider;
	model: string;
	threshold: number;
	timeoutMs: number;
	cacheTtlSeconds: number;
}

// Per process: the breaker must remember failures across executions, and the cache is the point.
const breakers = new Map<string, CircuitBreaker>();
let memoryCache: MemoryCache | undefined;
let redisCache: RedisCache | undefined;

function sharedCache(): ClassificationCache {
	const url = redisUrlFromEnv();
	if (url) {
		redisCache ??= new RedisCache({ client: redisConnection(url) });
		return redisCache;
	}
	memoryCache ??= new MemoryCache();
	return memoryCache;
}

function breakerFor(key: string): CircuitBreaker {
	let breaker = breakers.get(key);
	if (!breaker) {
		breaker = new CircuitBreaker();
		breakers.set(key, breaker);
	}
	return breaker;
}

/** Builds the classifier the node's settings ask for; credentials are read only when an LLM is used. */
export async function classifierFor(ctx: IExecuteFunctions, settings: EngineSettings): Promise<IntentClassifier> {
	if (settings.strategy === 'offline') {
		return createIntentClassifier({ strategy: 'offline', offline: classifyOffline });
	}
	const model = modelFor(settings.provider, settings.model);
	const credentials = await ctx.getCredentials<{ apiKey: string; baseUrl?: string }>(LLM_CREDENTIALS[settings.provider]);
	const llm = createLlmEngine({ provider: settings.provider, apiKey: credentials.apiKey, baseURL: credentials.baseUrl, model, timeoutMs: settings.timeoutMs });
	return createIntentClassifier({
		strategy: settings.strategy,
		offline: classifyOffline,
		llm,
		threshold: settings.threshold,
		cache: settings.cacheTtlSeconds > 0 ? sharedCache() : undefined,
		cacheTtlMs: settings.cacheTtlSeconds > 0 ? Math.round(settings.cacheTtlSeconds * 1000) : undefined,
		breaker: breakerFor(`${settings.provider}:${model}`),
	});
}
