/**
 * Shapes shared by the LLM engines, the cache and the strategy. The offline engine is described here
 * structurally (core/classifier's classifyOffline has this shape), so the strategy can take it
 * injected instead of importing it.
 */
import type { Intent } from '../intents/taxonomy';

export interface Entities {
	/** ISO instant the message refers to, when the date extractor found one. */
	datetime: string | null;
	title: string | null;
}

export interface ClassifyContext {
	/** Reference instant for relative dates ("amanhã às 9h"); the offline engine defaults to now. */
	now?: Date;
	/** The user's IANA zone; the offline engine defaults to America/Sao_Paulo. */
	timeZone?: string;
}

export interface OfflineClassification {
	intent: Intent;
	confidence: number;
	entities: Entities;
	engine: 'offline';
}

/** classifyOffline(text, {now, timeZone}) from core/classifier, or a stand-in with its shape. */
export type OfflineEngine = (text: string, options: ClassifyContext) => OfflineClassification;

export type LlmEngineName = 'openai' | 'anthropic';

export interface TokenUsage {
	inputTokens: number;
	outputTokens: number;
}

/** One successful LLM call. */
export interface LlmClassification {
	intent: Intent;
	confidence: number;
	usage: TokenUsage;
	/** US dollars for this call, from the price table; null when the model's price is unknown. */
	costUsd: number | null;
	/** The model that answered, as the service reports it (a dated snapshot of the requested one, often). */
	model: string;
	latencyMs: number;
}

/** An LLM that classifies one message. It throws LlmCallError (transport) or LlmAnswerError (the answer). */
export interface LlmEngine {
	readonly name: LlmEngineName;
	readonly model: string;
	classify(text: string): Promise<LlmClassification>;
}
