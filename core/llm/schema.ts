/**
 * The structured answer both LLM engines ask for, and the check every answer passes before it is used.
 * The services constrain output to the schema, but a label outside the taxonomy would route a message
 * nowhere, so the answer is checked here too and anything else is refused.
 */
import { INTENTS, isIntent, type Intent } from '../intents/taxonomy';

/** OpenAI's json_schema name. */
export const INTENT_SCHEMA_NAME = 'intent_classification';
/** Anthropic's forced tool. */
export const CLASSIFY_TOOL_NAME = 'classify_intent';
export const CLASSIFY_TOOL_DESCRIPTION = 'Record the intent of the WhatsApp message and how confident you are in it.';

export interface IntentAnswerSchema {
	type: 'object';
	properties: {
		intent: { type: 'string'; enum: Intent[]; description: string };
		confidence: { type: 'number'; minimum: number; maximum: number; description: string };
	};
	required: string[];
	additionalProperties: false;
}

/** A fresh copy each call, so no caller can change what another sends. */
export function intentAnswerSchema(): IntentAnswerSchema {
	return {
		type: 'object',
		properties: {
			intent: { type: 'string', enum: [...INTENTS], description: 'The one intent of the message.' },
			confidence: { type: 'number', minimum: 0, maximum: 1, description: 'How likely the intent is right, from 0 to 1.' },
		},
		required: ['intent', 'confidence'],
		additionalProperties: false,
	};
}

export interface LlmAnswer {
	intent: Intent;
	confidence: number;
}

export type LlmAnswerProblem = 'not_json' | 'not_object' | 'unexpected_field' | 'intent_not_in_taxonomy' | 'bad_confidence';

/** The model's answer is not {intent, confidence} with a taxonomy label: it is discarded, never repaired. */
export class LlmAnswerError extends Error {
	constructor(
		readonly problem: LlmAnswerProblem,
		message: string,
	) {
		super(message);
		this.name = 'LlmAnswerError';
	}
}

function preview(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	} catch {
		text = String(value);
	}
	return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** Checks a raw answer (JSON text, or an already parsed object such as a tool's input). */
export function parseLlmAnswer(raw: unknown): LlmAnswer {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw new LlmAnswerError('not_json', `The model's answer is not JSON: ${preview(raw)}`);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new LlmAnswerError('not_object', `The model's answer is not an {intent, confidence} object: ${preview(value)}`);
	}
	const answer = value as Record<string, unknown>;
	const extra = Object.keys(answer).filter((key) => key !== 'intent' && key !== 'confidence');
	if (extra.length > 0) {
		throw new LlmAnswerError('unexpected_field', `The model's answer has fields outside the schema (${extra.join(', ')}): ${preview(value)}`);
	}
	if (!isIntent(answer.intent)) {
		throw new LlmAnswerError(
			'intent_not_in_taxonomy',
			`The model answered the intent ${preview(answer.intent)}, which is not in the taxonomy (${INTENTS.join(', ')}); the answer is discarded.`,
		);
	}
	const confidence = answer.confidence;
	if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
		throw new LlmAnswerError('bad_confidence', `The model's confidence must be a number from 0 to 1, got ${preview(confidence)}.`);
	}
	return { intent: answer.intent, confidence };
}
