/**
 * What a call costs, for the per-call record. Prices are US dollars per 1M tokens, standard tier,
 * as the providers published them at the time of writing (2025). They change and new models appear:
 * update the table, or pass `price` to an engine for a model not listed. An unknown model costs null,
 * never a guess. Cached-input discounts are ignored (the cost errs high).
 */
import type { TokenUsage } from './types';

export interface ModelPrice {
	/** USD per 1M input (prompt) tokens. */
	inputPerMTok: number;
	/** USD per 1M output (completion) tokens, reasoning tokens included. */
	outputPerMTok: number;
}

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
	// OpenAI
	'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
	'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
	'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
	'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
	'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
	'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
	'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
	'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
	// Anthropic
	'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
	'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
	'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
	'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
};

/** Dated snapshots and -latest aliases cost what their model costs: gpt-4o-mini-2024-07-18, claude-haiku-4-5-20251001. */
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

export function priceOf(model: string, table: Readonly<Record<string, ModelPrice>> = MODEL_PRICES): ModelPrice | undefined {
	const own = (key: string) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
	return own(model) ?? own(model.replace(SNAPSHOT_SUFFIX, ''));
}

/** USD for one call, rounded to a millionth of a cent; null without a price. */
export function costUsd(usage: TokenUsage, price: ModelPrice | undefined): number | null {
	if (!price) return null;
	const cost = (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
	return Math.round(cost * 1e8) / 1e8;
}
