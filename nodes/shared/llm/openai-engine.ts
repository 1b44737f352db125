/**
 * Intent classification with OpenAI's Chat Completions and a strict json_schema response format,
 * through the official SDK. One attempt per message: the strategy owns retries and fallback.
 */
import OpenAI from 'openai';

import { prepareEngine, type LlmEngineOptions } from '../../../core/llm/engine-options';
import { fromSdkError } from '../../../core/llm/errors';
import { buildUserMessage } from '../../../core/llm/prompt';
import { costUsd, priceOf } from '../../../core/llm/pricing';
import { INTENT_SCHEMA_NAME, intentAnswerSchema, parseLlmAnswer } from '../../../core/llm/schema';
import type { LlmClassification, LlmEngine } from '../../../core/llm/types';
import { answeringModel, openAiContent, openAiUsage } from './sdk-answers';

export interface OpenAiEngineOptions extends LlmEngineOptions {
	/** max_completion_tokens; left out by default, since reasoning models spend it on thinking too. */
	maxOutputTokens?: number;
}

export class OpenAiEngine implements LlmEngine {
	readonly name = 'openai';
	readonly model: string;
	private readonly client: OpenAI;
	private readonly system: string;
	private readonly timeoutMs: number;

	constructor(private readonly options: OpenAiEngineOptions) {
		const prepared = prepareEngine('OpenAI', 'OPENAI_API_KEY', options);
		this.timeoutMs = prepared.timeoutMs;
		this.model = options.model;
		this.client = new OpenAI(prepared.client);
		this.system = prepared.system;
	}

	async classify(text: string): Promise<LlmClassification> {
		const started = performance.now();
		const temperature = this.options.temperature === undefined ? 0 : this.options.temperature;
		let completion: OpenAI.Chat.Completions.ChatCompletion;
		try {
			completion = await this.client.chat.completions.create({
				model: this.model,
				messages: [
					{ role: 'system', content: this.system },
					{ role: 'user', content: buildUserMessage(text) },
				],
				response_format: {
					type: 'json_schema',
					json_schema: { name: INTENT_SCHEMA_NAME, strict: true, schema: { ...intentAnswerSchema() } },
				},
				...(temperature === null ? {} : { temperature }),
				...(this.options.maxOutputTokens === undefined ? {} : { max_completion_tokens: this.options.maxOutputTokens }),
			});
		} catch (error) {
			throw fromSdkError('openai', error, OpenAI, this.timeoutMs, performance.now() - started);
		}
		const answer = parseLlmAnswer(openAiContent(completion, 'classify the message'));
		const usage = openAiUsage(completion);
		const model = answeringModel(completion.model, this.model);
		const price = this.options.price ?? priceOf(model) ?? priceOf(this.model);
		return { ...answer, usage, costUsd: costUsd(usage, price), model, latencyMs: Math.round(performance.now() - started) };
	}
}
