/**
 * Intent classification with Anthropic's Messages API, through the official SDK: one tool,
 * classify_intent, whose input schema is the answer schema, and tool_choice forcing it, so the answer
 * is the tool call's input. One attempt per message: the strategy owns retries and fallback.
 */
import Anthropic from '@anthropic-ai/sdk';

import { prepareEngine, type LlmEngineOptions } from '../../../core/llm/engine-options';
import { fromSdkError } from '../../../core/llm/errors';
import { buildUserMessage } from '../../../core/llm/prompt';
import { costUsd, priceOf } from '../../../core/llm/pricing';
import { CLASSIFY_TOOL_DESCRIPTION, CLASSIFY_TOOL_NAME, intentAnswerSchema, parseLlmAnswer } from '../../../core/llm/schema';
import type { LlmClassification, LlmEngine } from '../../../core/llm/types';
import { anthropicToolInput, anthropicUsage, answeringModel } from './sdk-answers';

/** The tool input is a label and a number: a few dozen tokens, with room to spare. */
const DEFAULT_MAX_TOKENS = 256;

export interface AnthropicEngineOptions extends LlmEngineOptions {
	/** max_tokens, which the Messages API requires; default 256. */
	maxOutputTokens?: number;
}

export class AnthropicEngine implements LlmEngine {
	readonly name = 'anthropic';
	readonly model: string;
	private readonly client: Anthropic;
	private readonly system: string;
	private readonly timeoutMs: number;
	private readonly maxTokens: number;

	constructor(private readonly options: AnthropicEngineOptions) {
		const prepared = prepareEngine('Anthropic', 'ANTHROPIC_API_KEY', options);
		this.timeoutMs = prepared.timeoutMs;
		this.maxTokens = options.maxOutputTokens ?? DEFAULT_MAX_TOKENS;
		if (!Number.isInteger(this.maxTokens) || this.maxTokens < 1) {
			throw new RangeError(`The Anthropic maxOutputTokens must be a whole number of at least 1, got ${this.maxTokens}.`);
		}
		this.model = options.model;
		this.client = new Anthropic(prepared.client);
		this.system = prepared.system;
	}

	async classify(text: string): Promise<LlmClassification> {
		const started = performance.now();
		const temperature = this.options.temperature === undefined ? 0 : this.options.temperature;
		let message: Anthropic.Messages.Message;
		try {
			message = await this.client.messages.create({
				model: this.model,
				max_tokens: this.maxTokens,
				system: this.system,
				messages: [{ role: 'user', content: buildUserMessage(text) }],
				tools: [{ name: CLASSIFY_TOOL_NAME, description: CLASSIFY_TOOL_DESCRIPTION, input_schema: { ...intentAnswerSchema() } }],
				tool_choice: { type: 'tool', name: CLASSIFY_TOOL_NAME },
				...(temperature === null ? {} : { temperature }),
			});
		} catch (error) {
			throw fromSdkError('anthropic', error, Anthropic, this.timeoutMs, performance.now() - started);
		}
		const answer = parseLlmAnswer(anthropicToolInput(message, CLASSIFY_TOOL_NAME, 'classify the message'));
		// Cache writes and reads are input too; this prompt does not ask for caching, so they are normally 0.
		const usage = anthropicUsage(message);
		const model = answeringModel(message.model, this.model);
		const price = this.options.price ?? priceOf(model) ?? priceOf(this.model);
		return { ...answer, usage, costUsd: costUsd(usage, price), model, latencyMs: Math.round(performance.now() - started) };
	}
}
