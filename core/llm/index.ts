/**
 * LLM intent classification (OpenAI, Anthropic) behind the offline engine: a versioned prompt, a strict
 * answer schema, the cache contract, a circuit breaker and the strategy that ties them together. No n8n,
 * SDK or Redis imports: the SDK engines, the Redis cache and the engine factory are adapters in
 * nodes/shared/llm/.
 */
export { asCachedIntent, checkCacheTtl, classificationCacheKey, MemoryCache, normalizeMessageText, type CachedIntent, type ClassificationCache, type MemoryCacheOptions } from './cache';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker';
export { DEFAULT_LLM_TIMEOUT_MS, type LlmEngineOptions } from './engine-options';
export { failureKind, LlmCallError, type LlmFailureKind } from './errors';
export { costUsd, MODEL_PRICES, priceOf, type ModelPrice } from './pricing';
export { buildIntentPrompt, buildSystemPrompt, buildUserMessage, extractPromptMessage, PROMPT_VERSION, selectFewShot, type FewShotExample, type IntentPrompt } from './prompt';
export { CLASSIFY_TOOL_NAME, INTENT_SCHEMA_NAME, intentAnswerSchema, LlmAnswerError, parseLlmAnswer, type LlmAnswer } from './schema';
export {
	createIntentClassifier,
	DEFAULT_CACHE_TTL_MS,
	DEFAULT_CASCADE_THRESHOLD,
	STRATEGIES,
	type ClassifierStrategy,
	type FallbackReason,
	type IntentClassifier,
	type IntentClassifierOptions,
	type IntentResult,
	type LlmCallRecord,
} from './strategy';
export type { ClassifyContext, Entities, LlmClassification, LlmEngine, LlmEngineName, OfflineClassification, OfflineEngine, TokenUsage } from './types';
