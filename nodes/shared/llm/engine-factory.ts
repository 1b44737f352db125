/**
 * The one place that turns "provider, key, model" into an LLM engine, with the default models. The
 * Intent Classifier node (credentials) and `beststag classify` (environment) both build their engines
 * here, so a new default model or engine option changes once.
 */
import { exportCorpus } from '../../../core/classifier';
import type { FewShotExample } from '../../../core/llm/prompt';
import type { LlmEngine } from '../../../core/llm/types';
import { AnthropicEngine } from './anthropic-engine';
import { OpenAiEngine } from './openai-engine';

export type LlmProvider = 'openai' | 'anthropic';
export const LLM_PROVIDERS: readonly LlmProvider[] = ['openai', 'anthropic'];

/** The n8n credential type each provider's key comes from (credentials/BestStag*Api.credentials.ts). */
export const LLM_CREDENTIALS: Readonly<Record<LlmProvider, string>> = { openai: 'bestStagOpenAiApi', anthropic: 'bestStagAnthropicApi' };

/** The providers as an n8n options list, for a node's Provider dropdown. */
export const LLM_PROVIDER_OPTIONS: Array<{ name: string; value: LlmProvider }> = [
	{ name: 'OpenAI', value: 'openai' },
	{ name: 'Anthropic', value: 'anthropic' },
];

/**
 * The small, cheap model each provider answers with when none is named. Both are listed in
 * core/llm/pricing.ts and served by the sandbox stand-ins.
 */
export const DEFAULT_MODELS: Readonly<Record<LlmProvider, string>> = { openai: 'gpt-4o-mini', anthropic: 'claude-3-5-haiku-latest' };

export interface LlmEngineSettings {
	provider: LlmProvider;
	apiKey: string;
	/** The service's address; blank or absent means the provider's public API. */
	baseURL?: string;
	/** Blank or absent means DEFAULT_MODELS[provider]. */
	model?: string;
	/** Per call; absent means the engines' default (core/llm/engine-options.ts, 8000 ms). */
	timeoutMs?: number;
	/** Few-shot examples to pick from; absent means the classifier corpus (exportCorpus()). */
	examples?: readonly FewShotExample[];
}

/** The model a setting resolves to: the one named, trimmed, or the provider's default. */
export function modelFor(provider: LlmProvider, model?: string): string {
	return model?.trim() || DEFAULT_MODELS[provider];
}

/**
 * Builds the engine for a provider through its official SDK (OpenAI Chat Completions with a strict
 * json_schema, or Anthropic Messages with a forced tool). Throws Error for an unknown provider, and the
 * engines' own Error/RangeError for a blank key or a bad timeout (core/llm/engine-options.ts).
 */
export function createLlmEngine(settings: LlmEngineSettings): LlmEngine {
	const options = {
		apiKey: settings.apiKey,
		baseURL: settings.baseURL?.trim() || undefined,
		model: modelFor(settings.provider, settings.model),
		timeoutMs: settings.timeoutMs,
		examples: settings.examples ?? exportCorpus(),
	};
	switch (settings.provider) {
		case 'openai':
			return new OpenAiEngine(options);
		case 'anthropic':
			return new AnthropicEngine(options);
		default:
			throw new Error(`Unknown LLM provider "${String(settings.provider)}": use one of ${LLM_PROVIDERS.join(', ')}.`);
	}
}
