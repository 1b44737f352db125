import { isBriefAnswerSchema } from '../../core/assistant/brief-answer';
import { INTENTS } from '../../core/intents/taxonomy';
import { extractPromptMessage } from '../../core/llm/prompt';
import { standInBriefAnswer } from './brief-answer';

/**
 * What the stand-ins answer: the injected classifier's label for the message, held to the label set the
 * request's schema allows, as the real services' constrained decoding would. The message is read out of
 * core/llm/prompt.ts's framing with the same module that writes it (see README.md, "Coupling").
 */

export interface StandInAnswer {
	intent: string;
	confidence: number;
}

/** The sandbox plugs the offline engine in here: (text) => {intent, confidence}. */
export type StandInClassifier = (text: string) => StandInAnswer | Promise<StandInAnswer>;

/** Until a classifier is plugged in, every message is unknown. */
export const unknownClassifier: StandInClassifier = () => ({ intent: 'unknown', confidence: 0 });

/**
 * What the sandbox's stand-ins answer with: BestStag's own offline model, so the LLM path gives
 * sensible intents offline. Loaded lazily: tests that inject their own classifier never train it.
 */
export const offlineModelClassifier: StandInClassifier = async (text) => {
	const { classifyOffline } = await import('../../core/classifier');
	const result = classifyOffline(text);
	return { intent: result.intent, confidence: result.confidence };
};

/** The message inside the prompt's data markers, or the whole turn when it is not in that format. */
export function messageToClassify(userTurn: string): string {
	return extractPromptMessage(userTurn) ?? userTurn;
}

/** The labels a schema allows for `intent`, or undefined when it has no such string enum. */
export function intentEnum(schema: unknown): string[] | undefined {
	const intent = (schema as { properties?: { intent?: { enum?: unknown } } } | null)?.properties?.intent;
	const values = intent?.enum;
	if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) return undefined;
	return values as string[];
}

/** Classifies, then keeps the label inside `allowed` (unknown, else the first label) and the confidence in [0, 1]. */
export async function answerWithin(text: string, allowed: readonly string[], classify: StandInClassifier): Promise<StandInAnswer> {
	const raw = await classify(text);
	const intent = allowed.includes(raw?.intent) ? raw.intent : allowed.includes('unknown') ? 'unknown' : allowed[0];
	const confidence = typeof raw?.confidence === 'number' && Number.isFinite(raw.confidence) ? Math.min(1, Math.max(0, raw.confidence)) : 0;
	return { intent, confidence };
}

/** A rough count (4 characters a token): enough for the usage fields to be plausible and non-zero. */
export function estimateTokens(...values: unknown[]): number {
	const chars = values.reduce<number>((sum, value) => sum + (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).length, 0);
	return Math.max(1, Math.ceil(chars / 4));
}

/** The text of a message's content: a string, or the text parts of a content array. */
export function contentText(content: unknown): string | undefined {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return undefined;
	const parts = content.filter((part): part is { text: string } => typeof (part as { text?: unknown } | null)?.text === 'string');
	return parts.length > 0 ? parts.map((part) => part.text).join('\n') : undefined;
}

/** What a route needs to answer: the classifier, and the value an "answer" fault imposes instead. */
export interface AnswerContext {
	classify: StandInClassifier;
	override?: { value: unknown };
}

/**
 * The structured answer to a chat request: the fault's override if any; for the brief-answer schema
 * (core/assistant/brief-answer.ts), a fixed {answer, onTopic} in the locale the system prompt names
 * (brief-answer.ts here); else the classifier's label for the last user message, held to the labels
 * `schema` allows (every intent when there is no schema).
 * @param system the system prompt (Anthropic's `system`); absent, the system and developer messages are read
 * @throws the service's error built by `refuse` when the schema is neither the brief-answer schema nor has an `intent` string enum.
 */
export async function answerRequest(
	messages: Array<Record<string, unknown>>,
	schema: unknown,
	ctx: AnswerContext,
	refuse: (message: string) => Error,
	system?: string,
): Promise<unknown> {
	const user = [...messages].reverse().find((m) => m.role === 'user');
	const message = messageToClassify(contentText(user?.content) ?? '');
	if (schema && isBriefAnswerSchema(schema)) {
		if (ctx.override) return ctx.override.value;
		const instructions = system ?? messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => contentText(m.content) ?? '').join('\n');
		return standInBriefAnswer(message, instructions);
	}
	let allowed: string[] | undefined;
	if (schema) {
		allowed = intentEnum(schema);
		if (!allowed) {
			throw refuse("This stand-in only answers schemas with an 'intent' string enum (core/llm/schema.ts) or the brief-answer schema {answer, onTopic} (core/assistant/brief-answer.ts).");
		}
	}
	if (ctx.override) return ctx.override.value;
	return answerWithin(message, allowed ?? INTENTS, ctx.classify);
}
