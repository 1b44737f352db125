/**
 * Reading a structured answer and its token usage out of the official SDKs' responses, the same way for
 * every BestStag call (intent classification, brief answers): OpenAI's message content (or its refusal),
 * Anthropic's forced tool call (or its refusal), and each service's usage counts.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';

import { LlmCallError } from '../../../core/llm/errors';
import type { TokenUsage } from '../../../core/llm/types';

/**
 * The JSON text of the first choice's message.
 * @param task what was asked, for the error ("classify the message")
 * @throws LlmCallError 'refused' when the model refused, 'bad_answer' when there is no content
 */
export function openAiContent(completion: OpenAI.Chat.Completions.ChatCompletion, task: string): string {
	const message = completion.choices?.[0]?.message;
	if (message?.refusal) throw new LlmCallError('openai', 'refused', `OpenAI refused to ${task}: ${message.refusal}`);
	if (typeof message?.content !== 'string') {
		const reason = completion.choices?.[0]?.finish_reason ?? 'no choice';
		throw new LlmCallError('openai', 'bad_answer', `OpenAI answered without content (finish_reason: ${reason}).`);
	}
	return message.content;
}

/** prompt_tokens and completion_tokens as reported (0 when absent). */
export function openAiUsage(completion: OpenAI.Chat.Completions.ChatCompletion): TokenUsage {
	return { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
}

/**
 * The input of the forced tool's call.
 * @param task what was asked, for the error ("classify the message")
 * @throws LlmCallError 'refused' when the model refused, 'bad_answer' when the tool was not called
 */
export function anthropicToolInput(message: Anthropic.Messages.Message, toolName: string, task: string): unknown {
	const call = (message.content ?? []).find((block) => block.type === 'tool_use' && block.name === toolName);
	if (!call || call.type !== 'tool_use') {
		if (message.stop_reason === 'refusal') throw new LlmCallError('anthropic', 'refused', `Anthropic refused to ${task}.`);
		throw new LlmCallError('anthropic', 'bad_answer', `Anthropic answered without calling ${toolName} (stop_reason: ${message.stop_reason}).`);
	}
	return call.input;
}

/** Input (with cache writes and reads, which are input too) and output tokens as reported (0 when absent). */
export function anthropicUsage(message: Anthropic.Messages.Message): TokenUsage {
	const u = message.usage;
	const inputTokens = (u?.input_tokens ?? 0) + (u?.cache_creation_input_tokens ?? 0) + (u?.cache_read_input_tokens ?? 0);
	return { inputTokens, outputTokens: u?.output_tokens ?? 0 };
}

/** The model the service says answered, else the one asked for. */
export function answeringModel(reported: unknown, requested: string): string {
	return typeof reported === 'string' && reported !== '' ? reported : requested;
}
