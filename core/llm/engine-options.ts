/** The options both LLM engines take, checked the same way. */
import { buildSystemPrompt, selectFewShot, type FewShotExample } from './prompt';
import type { ModelPrice } from './pricing';

export const DEFAULT_LLM_TIMEOUT_MS = 8000;

export interface LlmEngineOptions {
	apiKey: string;
	/** The service's address; the sandbox points it at a stand-in. */
	baseURL?: string;
	model: string;
	/** Per call, default 8000. */
	timeoutMs?: number;
	/** SDK retries, default 0: a retry belongs to the caller, which may prefer the offline answer now. */
	maxRetries?: number;
	/** Corpus examples to pick the few-shot examples from (about two per intent). */
	examples?: readonly FewShotExample[];
	examplesPerIntent?: number;
	/** Default 0. null leaves it out, for models that only accept their default. */
	temperature?: number | null;
	/** Overrides the price table, e.g. for a model it does not list. */
	price?: ModelPrice;
}

/** Returns the timeout to use; throws on a missing key or model, since those are configuration mistakes. */
export function checkEngineOptions(service: string, envHint: string, options: LlmEngineOptions): number {
	if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
		throw new Error(`The ${service} engine needs an API key: set ${envHint} or pass apiKey.`);
	}
	if (typeof options.model !== 'string' || options.model.trim() === '') {
		throw new Error(`The ${service} engine needs a model name: pass model, e.g. one listed in core/llm/pricing.ts.`);
	}
	const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
	if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new RangeError(`The ${service} timeout must be a whole number of milliseconds, got ${timeoutMs}.`);
	const retries = options.maxRetries ?? 0;
	if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`The ${service} maxRetries must be a whole number of at least 0, got ${retries}.`);
	return timeoutMs;
}

/** What an SDK engine needs from its options: the SDK client's settings and the system prompt. */
export interface PreparedEngine {
	timeoutMs: number;
	/** For `new OpenAI(...)` / `new Anthropic(...)`: the SDK's own retries stay off unless asked for. */
	client: { apiKey: string; baseURL?: string; timeout: number; maxRetries: number };
	/** Built once: the same prefix on every call is what the services' prompt caching needs. */
	system: string;
}

/** Checks the options (throws as checkEngineOptions does) and derives what both SDK engines build from them. */
export function prepareEngine(service: string, envHint: string, options: LlmEngineOptions): PreparedEngine {
	const timeoutMs = checkEngineOptions(service, envHint, options);
	return {
		timeoutMs,
		client: { apiKey: options.apiKey, baseURL: options.baseURL, timeout: timeoutMs, maxRetries: options.maxRetries ?? 0 },
		system: buildSystemPrompt(selectFewShot(options.examples ?? [], options.examplesPerIntent)),
	};
}
