/**
 * A brief answer to a message the assistant did not understand, through the official SDKs: OpenAI Chat
 * Completions with a strict json_schema response format, or Anthropic Messages with the answer_briefly
 * tool forced. The prompt, schema and check are core/assistant/brief-answer.ts; one attempt per call
 * (the caller falls back to the honest "não entendi").
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

import {
	BRIEF_ANSWER_MAX_OUTPUT_TOKENS,
	BRIEF_ANSWER_SCHEMA_NAME,
	BRIEF_ANSWER_TOOL_DESCRIPTION,
	BRIEF_ANSWER_TOOL_NAME,
	BriefAnswerError,
	briefAnswerSchema,
	buildBriefAnswerSystemPrompt,
	buildBriefAnswerUserMessage,
	parseBriefAnswer,
	type BriefAnswer,
} from '../../../core/assistant/brief-answer';
import type { Locale } from '../../../core/assistant/locale';
import { checkEngineOptions } from '../../../core/llm/engine-options';
import { fromSdkError } from '../../../core/llm/errors';
import type { TokenUsage } from '../../../core/llm/types';
import { LLM_PROVIDERS, modelFor, type LlmProvider } from './engine-factory';
import { anthropicToolInput, anthropicUsage, answeringModel, openAiContent, openAiUsage } from './sdk-answers';

export interface BriefAnswerSettings {
	provider: LlmProvider;
	apiKey: string;
	/** The service's address (the credential's Base URL); blank or absent means the provider's public API. */
	baseURL?: string;
	/** Blank or absent means the provider's default small model (engine-factory.ts). */
	model?: string;
	/** Per call; absent means 8000 ms (core/llm/engine-options.ts). */
	timeoutMs?: number;
}

export interface BriefAnswerResult extends BriefAnswer {
	/** As the service reports it: what the call cost against the user's daily budget. */
	usage: TokenUsage;
	model: string;
	latencyMs: number;
}

const TASK = 'answer the message briefly';

/** The output checked against the schema; a BriefAnswerError carries the call's usage, which was spent all the same. */
function checked(output: () => unknown, usage: TokenUsage): BriefAnswer {
	try {
		return parseBriefAnswer(output());
	} catch (error) {
		if (error instanceof BriefAnswerError) error.usage = usage;
		throw error;
	}
}

/**
 * Asks the provider for a brief answer in `locale` to `text` (the user's message, sent framed as data).
 * @returns the checked answer and the service's usage counts
 * @throws Error/RangeError for a blank key or model or a bad timeout (configuration mistakes);
 * LlmCallError for a failed call (timeout, 429, 5xx, auth, refusal, no answer; core/llm/errors.ts);
 * BriefAnswerError (with `usage`) when the output does not match the schema, is blank or over-long.
 */
export async function answerBriefly(settings: BriefAnswerSettings, text: string, locale: Locale): Promise<BriefAnswerResult> {
	const model = modelFor(settings.provider, settings.model);
	const service = settings.provider === 'anthropic' ? 'Anthropic' : 'OpenAI';
	const timeoutMs = checkEngineOptions(service, settings.provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY', { apiKey: settings.apiKey, model, timeoutMs: settings.timeoutMs });
	const client = { apiKey: settings.apiKey, baseURL: settings.baseURL?.trim() || undefined, timeout: timeoutMs, maxRetries: 0 };
	const system = buildBriefAnswerSystemPrompt(locale);
	const user = buildBriefAnswerUserMessage(text);
	const started = performance.now();
	const elapsed = () => performance.now() - started;
	if (settings.provider === 'openai') {
		let completion: OpenAI.Chat.Completions.ChatCompletion;
		try {
			completion = await new OpenAI(client).chat.completions.create({
				model,
				messages: [
					{ role: 'system', content: system },
					{ role: 'user', content: user },
				],
				response_format: { type: 'json_schema', json_schema: { name: BRIEF_ANSWER_SCHEMA_NAME, strict: true, schema: { ...briefAnswerSchema() } } },
				max_completion_tokens: BRIEF_ANSWER_MAX_OUTPUT_TOKENS,
			});
		} catch (error) {
			throw fromSdkError('openai', error, OpenAI, timeoutMs, elapsed());
		}
		const usage = openAiUsage(completion);
		const answer = checked(() => openAiContent(completion, TASK), usage);
		return { ...answer, usage, model: answeringModel(completion.model, model), latencyMs: Math.round(elapsed()) };
	}
	if (settings.provider === 'anthropic') {
		let message: Anthropic.Messages.Message;
		try {
			message = await new Anthropic(client).messages.create({
				model,
				max_tokens: BRIEF_ANSWER_MAX_OUTPUT_TOKENS,
				system,
				messages: [{ role: 'user', content: user }],
				tools: [{ name: BRIEF_ANSWER_TOOL_NAME, description: BRIEF_ANSWER_TOOL_DESCRIPTION, input_schema: { ...briefAnswerSchema() } }],
				tool_choice: { type: 'tool', name: BRIEF_ANSWER_TOOL_NAME },
			});
		} catch (error) {
			throw fromSdkError('anthropic', error, Anthropic, timeoutMs, elapsed());
		}
		const usage = anthropicUsage(message);
		const answer = checked(() => anthropicToolInput(message, BRIEF_ANSWER_TOOL_NAME, TASK), usage);
		return { ...answer, usage, model: answeringModel(message.model, model), latencyMs: Math.round(elapsed()) };
	}
	throw new Error(`Unknown LLM provider "${String(settings.provider)}": use one of ${LLM_PROVIDERS.join(', ')}.`);
}
