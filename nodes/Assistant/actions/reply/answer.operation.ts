import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import {
	budgetDay,
	buildBriefAnswerSystemPrompt,
	buildBriefAnswerUserMessage,
	BriefAnswerError,
	estimateBriefAnswerTokens,
	mayCall,
} from '../../../../core/assistant/brief-answer';
import { storedLocale } from '../../../../core/assistant/locale';
import type { Turn } from '../../../../core/assistant/turn';
import { DEFAULT_TIME_ZONE } from '../../../../core/datetime/lexicon';
import { DEFAULT_LLM_TIMEOUT_MS } from '../../../../core/llm/engine-options';
import { LlmCallError, type LlmFailureKind } from '../../../../core/llm/errors';
import type { TokenUsage } from '../../../../core/llm/types';
import { itemFailure } from '../../../shared/item-errors';
import { answerBriefly } from '../../../shared/llm/brief-answer';
import { LLM_CREDENTIALS, LLM_PROVIDER_OPTIONS, type LlmProvider } from '../../../shared/llm/engine-factory';
import { tokenBudgetStore } from '../../transport/token-budget-store';
import { forOperation, objectParameter } from '../properties';

/** Each person's daily allowance by default: room for two or three brief answers. */
export const DEFAULT_DAILY_TOKEN_BUDGET = 2000;

export type BriefAnswerReason = 'no_llm' | 'budget_spent' | 'off_topic' | 'error' | 'invalid_output';

/** What the operation adds to the item as `llm`. */
export interface BriefAnswerOutcome {
	answered: boolean;
	/** The answer to send, when answered. */
	text?: string;
	onTopic?: boolean;
	/** Why there is no answer to send. */
	reason?: BriefAnswerReason;
	/** With reason "error": what went wrong with the call (core/llm/errors.ts). */
	failure?: LlmFailureKind;
	/** What the call cost, as the service reported it, when one was made and reported. */
	tokens?: TokenUsage;
}

export const description: INodeProperties[] = forOperation('reply', 'answer', [
	{
		displayName:
			'Answers a message the assistant did not understand in a sentence or two, kept to BestStag’s purpose (tasks, reminders, a person). Without a credential, past the daily budget, for an off-topic question or when the LLM fails, <code>llm.answered</code> is false and the flow sends the honest “não entendi” instead.',
		name: 'answerNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'json',
		default: "={{ $('Decide').item.json }}",
		description: "The Decide node's item: the turn (text, language, time zone, phone)",
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: LLM_PROVIDER_OPTIONS,
		default: 'openai',
		description: 'Whose LLM answers; its BestStag credential is optional',
	},
	{
		displayName: 'Daily Token Budget per User',
		name: 'dailyTokenBudget',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_DAILY_TOKEN_BUDGET,
		description: 'LLM tokens (prompt and answer) each person may use per day in their time zone; 0 turns brief answers off',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeoutMs',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: DEFAULT_LLM_TIMEOUT_MS,
		description: 'How long to wait for the LLM before sending the “não entendi” reply',
	},
	{
		displayName: 'Options',
		name: 'answerOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Model', name: 'model', type: 'string', default: '', description: "Blank uses the provider's default small model" }],
	},
]);

function wholeNumber(this: IExecuteFunctions, name: string, value: unknown, min: number, itemIndex: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new NodeOperationError(this.getNode(), `${name} must be a whole number of at least ${min}, got ${String(value)}.`, { itemIndex });
	}
	return value;
}

/**
 * Reply → Answer Briefly (LLM): for each Decide item, a brief answer from the configured LLM within
 * the person's daily token budget, as `llm: { answered, text?, onTopic?, reason?, tokens? }` added to
 * the item. The call's estimate is reserved before it (so concurrent turns cannot overspend), then
 * corrected to the usage the service reports, or given back when the call failed before answering.
 * LLM and budget-store failures never fail the item; the user's text is never logged.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const provider = this.getNodeParameter('provider', 0, 'openai') as LlmProvider;
	const credentialType = LLM_CREDENTIALS[provider];
	if (!credentialType) throw new NodeOperationError(this.getNode(), `Unknown provider "${String(provider)}": use openai or anthropic.`);
	let credentials: { apiKey: string; baseUrl?: string } | undefined;
	try {
		credentials = this.getNode().credentials?.[credentialType] ? await this.getCredentials<{ apiKey: string; baseUrl?: string }>(credentialType) : undefined;
	} catch {
		// Named in the workflow but not in this n8n (imported without it): no LLM, and the user still gets the menu.
		credentials = undefined;
	}
	const store = tokenBudgetStore();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const decision = objectParameter(this.getNodeParameter('decision', i));
			const turn = decision.turn as Turn | undefined;
			if (!turn || typeof turn.phone !== 'string' || typeof turn.text !== 'string') {
				throw new NodeOperationError(this.getNode(), 'Decision has no turn.', { itemIndex: i, description: "Point Decision at the Decide node's item, e.g. {{ $('Decide').item.json }}." });
			}
			const dailyLimit = wholeNumber.call(this, 'Daily Token Budget per User', this.getNodeParameter('dailyTokenBudget', i, DEFAULT_DAILY_TOKEN_BUDGET), 0, i);
			const timeoutMs = wholeNumber.call(this, 'Timeout (Ms)', this.getNodeParameter('timeoutMs', i, DEFAULT_LLM_TIMEOUT_MS), 1, i);
			const model = String(this.getNodeParameter('answerOptions.model', i, '') ?? '');
			let llm: BriefAnswerOutcome;
			if (!credentials) llm = { answered: false, reason: 'no_llm' };
			else llm = await answerWithinBudget(turn, { provider, apiKey: credentials.apiKey, baseURL: credentials.baseUrl, model, timeoutMs }, dailyLimit, store);
			out.push({ json: { ...items[i].json, llm: llm as unknown as IDataObject }, pairedItem: { item: i } });
		} catch (error) {
			out.push(itemFailure(this, error, i));
		}
	}
	return [out];
}

type CallSettings = Parameters<typeof answerBriefly>[0];

/** The budget check, the call and the accounting for one turn; never throws. */
async function answerWithinBudget(turn: Turn, settings: CallSettings, dailyLimit: number, store: ReturnType<typeof tokenBudgetStore>): Promise<BriefAnswerOutcome> {
	const locale = storedLocale(turn.locale);
	// The turn's own instant decides the day, so a message counts on the day it was written, in the user's zone.
	const received = new Date(turn.receivedAt);
	const at = Number.isNaN(received.getTime()) ? new Date() : received;
	let day: string;
	try {
		day = budgetDay(at, turn.timeZone);
	} catch {
		day = budgetDay(at, DEFAULT_TIME_ZONE);
	}
	const estimate = estimateBriefAnswerTokens(buildBriefAnswerSystemPrompt(locale), buildBriefAnswerUserMessage(turn.text));
	let reserved: number;
	try {
		if (dailyLimit === 0) return { answered: false, reason: 'budget_spent' };
		const total = await store.add(turn.phone, day, estimate);
		if (!mayCall(total - estimate, dailyLimit, estimate)) {
			await store.add(turn.phone, day, -estimate);
			return { answered: false, reason: 'budget_spent' };
		}
		reserved = estimate;
	} catch {
		// The budget cannot be checked (Redis down): no call, the honest reply goes out.
		return { answered: false, reason: 'error', failure: 'connection' };
	}
	const settle = async (spent: number) => {
		try {
			await store.add(turn.phone, day, spent - reserved);
		} catch {
			// The reservation stays counted: an overcharge, never an overspend.
		}
	};
	try {
		const answer = await answerBriefly(settings, turn.text, locale);
		const tokens = answer.usage;
		await settle(tokens.inputTokens + tokens.outputTokens);
		if (!answer.onTopic) return { answered: false, onTopic: false, reason: 'off_topic', tokens };
		return { answered: true, text: answer.answer, onTopic: true, tokens };
	} catch (error) {
		if (error instanceof BriefAnswerError) {
			// The service answered (and charged); the output is unusable.
			if (error.usage) await settle(error.usage.inputTokens + error.usage.outputTokens);
			return { answered: false, reason: 'invalid_output', ...(error.usage ? { tokens: error.usage } : {}) };
		}
		// A timeout may have been charged by the service: the reservation stays. Otherwise nothing was spent.
		if (!(error instanceof LlmCallError && error.kind === 'timeout')) await settle(0);
		if (error instanceof LlmCallError && error.kind === 'bad_answer') return { answered: false, reason: 'invalid_output' };
		return { answered: false, reason: 'error', failure: error instanceof LlmCallError ? error.kind : 'error' };
	}
}
