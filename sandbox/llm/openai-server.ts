import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { OPENAI_TRANSCRIPTION_MODELS } from '../../core/limits/openai';
import { runStandInMain } from '../stand-in/main';
import { answerRequest, contentText, estimateTokens, offlineModelClassifier } from './answer';
import { OPENAI_STANDIN_ENV } from './env';
import { bearerToken, header, isObject, keyMatches, randomId, StandInHttpError, type Json } from './http';
import { startStandIn, type Dialect, type RouteContext, type RunningStandIn, type StandInOptions, type StatusFault } from './standin';
import { strictSchemaProblem } from './strict-schema';
import { transcriptionRoute } from './transcription';

/**
 * The OpenAI stand-in: POST /v1/chat/completions as the official `openai` SDK calls it, with bearer auth,
 * OpenAI's error bodies, and response_format json_schema (strict) answered with the injected classifier's
 * label as the message content; and POST /v1/audio/transcriptions (transcription.ts). See README.md here
 * for what is implemented and what is not.
 */

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** OpenAI's error body: {"error": {message, type, param, code}}. */
function openAiError(status: number, message: string, type = 'invalid_request_error', param: string | null = null, code: string | null = null, headers: Record<string, string> = {}) {
	return new StandInHttpError(status, { error: { message, type, param, code } }, headers);
}

const invalid = (message: string, param: string | null = null, code: string | null = null) => openAiError(400, message, 'invalid_request_error', param, code);

function maskKey(key: string): string {
	return key.length <= 8 ? '***' : `${key.slice(0, 3)}***${key.slice(-4)}`;
}

function checkAuth(req: IncomingMessage, apiKey: string): StandInHttpError | undefined {
	const token = bearerToken(header(req, 'authorization'));
	if (token === undefined) {
		return openAiError(
			401,
			"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
		);
	}
	if (!keyMatches(token, apiKey)) {
		return openAiError(401, `Incorrect API key provided: ${maskKey(token)}. Use the key this stand-in was started with (OPENAI_STANDIN_KEY).`, 'invalid_request_error', null, 'invalid_api_key');
	}
	return undefined;
}

function fault(fault: StatusFault): StandInHttpError {
	if (fault.type === 'rate_limit') {
		const seconds = fault.retryAfterSeconds ?? 1;
		return openAiError(429, `Rate limit reached for requests. Please try again in ${seconds}s.`, 'requests', null, 'rate_limit_exceeded', {
			'retry-after': String(seconds),
			'x-ratelimit-remaining-requests': '0',
		});
	}
	if (fault.type === 'overloaded') return openAiError(503, 'The engine is currently overloaded, please try again later.', 'server_error');
	return openAiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
}


function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

interface ChatRequest {
	model: string;
	messages: Json[];
	/** The schema the answer must follow, when response_format asks for one. */
	schema?: Json;
	n: number;
}

/** The checks the real endpoint makes on what BestStag sends, with its messages and params. */
function checkChatRequest(body: unknown): ChatRequest {
	if (!isObject(body)) throw invalid(`Invalid type for request body: expected an object, but got ${typeName(body)} instead.`);
	const { model, messages, response_format: format, stream, tools } = body;
	if (model === undefined) throw invalid('you must provide a model parameter');
	if (typeof model !== 'string' || model === '') throw invalid(`Invalid type for 'model': expected a string, but got ${typeName(model)} instead.`, 'model', 'invalid_type');
	if (messages === undefined) throw invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
	if (!Array.isArray(messages)) throw invalid(`Invalid type for 'messages': expected an array of objects, but got ${typeName(messages)} instead.`, 'messages', 'invalid_type');
	if (messages.length === 0) throw invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
	messages.forEach((message: unknown, i) => {
		if (!isObject(message)) throw invalid(`Invalid type for 'messages[${i}]': expected an object, but got ${typeName(message)} instead.`, `messages[${i}]`, 'invalid_type');
		if (!ROLES.includes(message.role as string)) {
			throw invalid(`Invalid value: '${String(message.role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', 'function', and 'developer'.`, `messages[${i}].role`, 'invalid_value');
		}
		if (message.role !== 'assistant' && contentText(message.content) === undefined) {
			throw invalid(`Missing required parameter: 'messages[${i}].content'.`, `messages[${i}].content`, 'missing_required_parameter');
		}
	});
	if (stream === true) throw invalid('This stand-in does not stream: leave out stream (the BestStag engines never ask for it).', 'stream', 'unsupported_value');
	if (tools !== undefined) throw invalid('This stand-in answers with response_format json_schema only; tools are not implemented.', 'tools', 'unsupported_parameter');
	const n = body.n ?? 1;
	if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 8) throw invalid(`Invalid 'n': expected an integer from 1 to 8, got ${String(n)}.`, 'n', 'invalid_value');
	return { model, messages: messages as Json[], schema: checkResponseFormat(format, messages as Json[]), n: n as number };
}

function checkResponseFormat(format: unknown, messages: Json[]): Json | undefined {
	if (format === undefined || format === null) return undefined;
	if (!isObject(format)) throw invalid(`Invalid type for 'response_format': expected an object, but got ${typeName(format)} instead.`, 'response_format', 'invalid_type');
	if (format.type === 'text') return undefined;
	if (format.type === 'json_object') {
		if (!messages.some((m) => /json/i.test(contentText(m.content) ?? ''))) {
			throw invalid("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages');
		}
		return undefined;
	}
	if (format.type !== 'json_schema') {
		throw invalid(`Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, 'response_format.type', 'invalid_value');
	}
	const spec = format.json_schema;
	if (!isObject(spec)) throw invalid("Missing required parameter: 'response_format.json_schema'.", 'response_format.json_schema', 'missing_required_parameter');
	if (typeof spec.name !== 'string') throw invalid("Missing required parameter: 'response_format.json_schema.name'.", 'response_format.json_schema.name', 'missing_required_parameter');
	if (!SCHEMA_NAME.test(spec.name)) {
		throw invalid(`Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, 'response_format.json_schema.name', 'invalid_value');
	}
	if (!isObject(spec.schema)) {
		throw invalid(`Missing required parameter: 'response_format.json_schema.schema'. This stand-in needs the schema to know which labels it may answer.`, 'response_format.json_schema.schema', 'missing_required_parameter');
	}
	if (spec.strict === true) {
		const problem = strictSchemaProblem(spec.schema);
		if (problem) throw invalid(`Invalid schema for response_format '${spec.name}': ${problem}`, 'response_format', 'invalid_json_schema');
	}
	return spec.schema;
}

async function chatCompletion(body: unknown, ctx: RouteContext): Promise<unknown> {
	const request = checkChatRequest(body);
	// Without a schema the content is still the classification, as JSON text: the only thing this stand-in says.
	const answer = await answerRequest(request.messages, request.schema, ctx, (message) => invalid(message, 'response_format.json_schema.schema'));
	const content = JSON.stringify(answer);
	const promptTokens = estimateTokens(request.messages, request.schema ?? '');
	const completionTokens = estimateTokens(content);
	return {
		id: `chatcmpl-${randomId(29)}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: Array.from({ length: request.n }, (_, index) => ({
			index,
			message: { role: 'assistant', content, refusal: null, annotations: [] },
			logprobs: null,
			finish_reason: 'stop',
		})),
		usage: {
			prompt_tokens: promptTokens,
			completion_tokens: completionTokens * request.n,
			total_tokens: promptTokens + completionTokens * request.n,
			prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
			completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
		},
		service_tier: 'default',
		system_fingerprint: 'fp_standin',
	};
}

export type OpenAiStandInOptions = StandInOptions;

const OPENAI: Dialect = {
	service: 'OpenAI',
	routes: {
		'POST /v1/chat/completions': chatCompletion,
		// n8n's credential test lists the models.
		'GET /v1/models': async () => ({
			object: 'list',
			data: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', ...OPENAI_TRANSCRIPTION_MODELS].map((id) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' })),
		}),
	},
	uploadRoutes: { 'POST /v1/audio/transcriptions': transcriptionRoute },
	checkAuth,
	notFound: (method, path) => openAiError(404, `Invalid URL (${method} ${path})`),
	badBody: (problem, message) =>
		problem === 'too_large'
			? openAiError(413, message)
			: invalid(`We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.) ${message}`),
	badRequest: (message) => invalid(message),
	fault,
	internal: (message) => openAiError(500, message, 'server_error'),
	requestIdHeader: 'x-request-id',
	newRequestId: () => `req_${randomBytes(16).toString('hex')}`,
};

export function startOpenAiStandIn(options: OpenAiStandInOptions): Promise<RunningStandIn> {
	return startStandIn(OPENAI, options);
}

if (require.main === module) void runStandInMain({ name: 'OpenAI stand-in', env: OPENAI_STANDIN_ENV, start: (settings) => startOpenAiStandIn({ ...settings, classify: offlineModelClassifier }) });
