import type { IExecuteFunctions } from 'n8n-workflow';

import { classifyOffline, exportCorpus } from '../../core/classifier';
import { MemoryCache, RedisCache, type ClassificationCache } from '../../core/llm/cache';
import { CircuitBreaker } from '../../core/llm/circuit-breaker';
import { AnthropicEngine } from '../../core/llm/anthropic-engine';
import { OpenAiEngine } from '../../core/llm/openai-engine';
import { createIntentClassifier, type IntentClassifier } from '../../core/llm/strategy';
import { redisConnection, redisUrlFromEnv } from '../shared/redis';

export interface EngineSettings {
	strategy: 'offline' | 'llm' | 'cascade';
	provider: 'openai' | 'anthropic';
	model: string;
	threshold: number;
	timeoutMs: number;
	cacheTtlSeconds: number;
}

export const DEFAULT_MODELS = { openai: 'gpt-4o-mini', anthropic: 'claude-3-5-haiku-latest' } as const;

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
	const model = settings.model.trim() || DEFAULT_MODELS[settings.provider];
	const examples = exportCorpus();
	let llm;
	if (settings.provider === 'openai') {
		const credentials = await ctx.getCredentials<{ apiKey: string; baseUrl?: string }>('bestStagOpenAiApi');
		llm = new OpenAiEngine({ apiKey: credentials.apiKey, baseURL: credentials.baseUrl || undefined, model, timeoutMs: settings.timeoutMs, examples });
	} else {
		const credentials = await ctx.getCredentials<{ apiKey: string; baseUrl?: string }>('bestStagAnthropicApi');
		llm = new AnthropicEngine({ apiKey: credentials.apiKey, baseURL: credentials.baseUrl || undefined, model, timeoutMs: settings.timeoutMs, examples });
	}
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
