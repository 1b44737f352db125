import type { IncomingMessage } from 'node:http';

import { runStandInMain } from '../stand-in/main';
import { answerRequest, contentText, estimateTokens, offlineModelClassifier } from './answer';
import { ANTHROPIC_STANDIN_ENV } from './env';
import { bearerToken, header, isObject, keyMatches, randomId, StandInHttpError, type Json } from './http';
import { startStandIn, type Dialect, type RouteContext, type RunningStandIn, type StandInOptions, type StatusFault } from './standin';

/**
 * The Anthropic stand-in: POST /v1/messages as the official `@anthropic-ai/sdk` calls it, with the key in
 * x-api-key or as a bearer token (SDK 1.x sends Authorization: Bearer), the anthropic-version header,
 * Anthropic's error bodies, and forced tool use answered with a tool_use block holding the injected
 * classifier's label. See README.md here for what is implemented and what is not.
 */

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;


const newRequestId = () => `req_011C${randomId(20)}`;

/** Anthropic's error body: {"type":"error","error":{type, message},"request_id"}. */
function anthropicError(status: number, type: string, message: string, headers: Record<string, string> = {}) {
	return new StandInHttpError(status, { type: 'error', error: { type, message }, request_id: newRequestId() }, headers);
}

const invalid = (message: string) => anthropicError(400, 'invalid_request_error', message);

function checkAuth(req: IncomingMessage, apiKey: string): StandInHttpError | undefined {
	const presented = header(req, 'x-api-key') ?? bearerToken(header(req, 'authorization'));
	if (presented === undefined) return anthropicError(401, 'authentication_error', 'x-api-key header is required');
	if (!keyMatches(presented, apiKey)) return anthropicError(401, 'authentication_error', 'invalid x-api-key');
	if (header(req, 'anthropic-version') === undefined) return invalid('anthropic-version: header is required');
	return undefined;
}

function fault(fault: StatusFault): StandInHttpError {
	if (fault.type === 'rate_limit') {
		const seconds = fault.retryAfterSeconds ?? 1;
		return anthropicError(429, 'rate_limit_error', "This request would exceed your organization's rate limit. Please try again later.", {
			'retry-after': String(seconds),
			'anthropic-ratelimit-requests-remaining': '0',
		});
	}
	if (fault.type === 'overloaded') return anthropicError(529, 'overloaded_error', 'Overloaded');
	return anthropicError(500, 'api_error', 'Internal server error');
}

interface Tool {
	name: string;
	input_schema: Json;
}

interface MessagesRequest {
	model: string;
	messages: Json[];
	system: string;
	tools: Tool[];
	/** The tool the answer must call, or undefined for a text answer. */
	forced?: Tool;
	/** output_config.format's JSON schema, when the answer is structured text. */
	format?: Json;
}

/** The checks the real endpoint makes on what BestStag sends, in its "field: problem" wording. */
function checkMessagesRequest(body: unknown): MessagesRequest {
	if (!isObject(body)) throw invalid('Request body must be a JSON object.');
	const { model, max_tokens: maxTokens, messages, system, tools, tool_choice: toolChoice, stream } = body;
	if (model === undefined) throw invalid('model: Field required');
	if (typeof model !== 'string' || model === '') throw invalid('model: Input should be a valid string');
	if (maxTokens === undefined) throw invalid('max_tokens: Field required');
	if (!Number.isInteger(maxTokens) || (maxTokens as number) < 1) throw invalid('max_tokens: Input should be greater than or equal to 1');
	if (messages === undefined) throw invalid('messages: Field required');
	if (!Array.isArray(messages) || messages.length === 0) throw invalid('messages: at least one message is required');
	messages.forEach((message: unknown, i) => {
		if (!isObject(message)) throw invalid(`messages.${i}: Input should be a valid dictionary`);
		if (!['user', 'assistant', 'system'].includes(message.role as string)) throw invalid(`messages.${i}.role: Input should be 'user', 'assistant' or 'system'`);
		if (message.content === undefined) throw invalid(`messages.${i}.content: Field required`);
		if (typeof message.content !== 'string' && !Array.isArray(message.content)) throw invalid(`messages.${i}.content: Input should be a valid string or list`);
	});
	const systemText = system === undefined ? '' : contentText(system);
	if (systemText === undefined) throw invalid('system: Input should be a valid string or a list of text blocks');
	if (stream === true) throw invalid('stream: this stand-in does not stream; leave it out (the BestStag engines never ask for it).');
	const checkedTools = checkTools(tools);
	return {
		model,
		messages: messages as Json[],
		system: systemText,
		tools: checkedTools,
		forced: chooseTool(toolChoice, checkedTools),
		format: checkOutputFormat(body.output_config),
	};
}

function checkTools(tools: unknown): Tool[] {
	if (tools === undefined) return [];
	if (!Array.isArray(tools)) throw invalid('tools: Input should be a valid list');
	return tools.map((tool: unknown, i) => {
		if (!isObject(tool)) throw invalid(`tools.${i}: Input should be a valid dictionary`);
		if (typeof tool.name !== 'string') throw invalid(`tools.${i}.custom.name: Field required`);
		if (!TOOL_NAME.test(tool.name)) throw invalid(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
		if (!isObject(tool.input_schema)) throw invalid(`tools.${i}.custom.input_schema: Field required`);
		if (tool.input_schema.type !== 'object') throw invalid(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
		return { name: tool.name, input_schema: tool.input_schema };
	});
}

/**
 * tool_choice "tool" forces the named tool and "any" forces one; with "auto" (the default) the stand-in
 * always uses the first tool, since classifying is all it does. "none" answers text.
 */
function chooseTool(choice: unknown, tools: Tool[]): Tool | undefined {
	if (choice === undefined) return tools[0];
	if (!isObject(choice)) throw invalid('tool_choice: Input should be a valid dictionary');
	if (tools.length === 0) throw invalid('tool_choice may only be specified while providing tools.');
	switch (choice.type) {
		case 'none':
			return undefined;
		case 'auto':
		case 'any':
			return tools[0];
		case 'tool': {
			if (typeof choice.name !== 'string') throw invalid('tool_choice.tool.name: Field required');
			const tool = tools.find((t) => t.name === choice.name);
			if (!tool) throw invalid(`tool_choice.tool.name: Tool '${choice.name}' not found in tools (${tools.map((t) => t.name).join(', ')}).`);
			return tool;
		}
		default:
			throw invalid(`tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'`);
	}
}

function checkOutputFormat(config: unknown): Json | undefined {
	if (config === undefined || config === null) return undefined;
	if (!isObject(config)) throw invalid('output_config: Input should be a valid dictionary');
	const format = config.format;
	if (format === undefined || format === null) return undefined;
	if (!isObject(format) || format.type !== 'json_schema') throw invalid("output_config.format.type: Input should be 'json_schema'");
	if (!isObject(format.schema)) throw invalid('output_config.format.schema: Field required');
	return format.schema;
}

async function createMessage(body: unknown, ctx: RouteContext): Promise<unknown> {
	const request = checkMessagesRequest(body);
	const schema = request.forced?.input_schema ?? request.format;
	const answer = await answerRequest(request.messages, schema, ctx, invalid, request.system);
	const content = request.forced
		? [{ type: 'tool_use', id: `toolu_01${randomId(22)}`, name: request.forced.name, input: answer, caller: { type: 'direct' } }]
		: [{ type: 'text', text: JSON.stringify(answer), citations: null }];
	return {
		id: `msg_01${randomId(22)}`,
		type: 'message',
		role: 'assistant',
		model: request.model,
		content,
		stop_reason: request.forced ? 'tool_use' : 'end_turn',
		stop_sequence: null,
		stop_details: null,
		container: null,
		diagnostics: null,
		usage: {
			input_tokens: estimateTokens(request.system, request.messages, request.tools),
			output_tokens: estimateTokens(content),
			cache_creation_input_tokens: 0,
			cache_read_input_tokens: 0,
			cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
			server_tool_use: null,
			service_tier: 'standard',
		},
	};
}

export type AnthropicStandInOptions = StandInOptions;

const ANTHROPIC: Dialect = {
	service: 'Anthropic',
	routes: {
		'POST /v1/messages': createMessage,
		// n8n's credential test lists the models.
		'GET /v1/models': async () => ({
			data: ['claude-3-5-haiku-latest', 'claude-haiku-4-5'].map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-10-01T00:00:00Z' })),
			has_more: false,
			first_id: 'claude-3-5-haiku-latest',
			last_id: 'claude-haiku-4-5',
		}),
	},
	checkAuth,
	notFound: (method, path) => anthropicError(404, 'not_found_error', `Not found: ${method} ${path}`),
	badBody: (problem, message) =>
		problem === 'too_large' ? anthropicError(413, 'request_too_large', message) : invalid(`There was an error parsing the body: ${message}`),
	badRequest: invalid,
	fault,
	internal: (message) => anthropicError(500, 'api_error', message),
	requestIdHeader: 'request-id',
	newRequestId,
};

export function startAnthropicStandIn(options: AnthropicStandInOptions): Promise<RunningStandIn> {
	return startStandIn(ANTHROPIC, options);
}

if (require.main === module) void runStandInMain({ name: 'Anthropic stand-in', env: ANTHROPIC_STANDIN_ENV, start: (settings) => startAnthropicStandIn({ ...settings, classify: offlineModelClassifier }) });
