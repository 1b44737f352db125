import { intentAnswerSchema } from '../../../../core/llm/schema';
import { parseFault } from '../../../../sandbox/llm/faults';
import { ANTHROPIC_KEY, OPENAI_KEY, startStandIns, type StandIns } from '../../core/llm/helpers';

let standIns: StandIns;
beforeAll(async () => {
	standIns = await startStandIns();
});
afterAll(() => standIns.close());

async function post(url: string, body: unknown, headers: Record<string, string>) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
	return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const chat = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${OPENAI_KEY}` }) => post(`${standIns.openai.url}/v1/chat/completions`, body, headers);
const messages = (body: unknown, headers: Record<string, string> = { 'x-api-key': ANTHROPIC_KEY, 'anthropic-version': '2023-06-01' }) =>
	post(`${standIns.anthropic.url}/v1/messages`, body, headers);

const CHAT = {
	model: 'gpt-4o-mini',
	messages: [{ role: 'user', content: 'reunião amanhã' }],
	response_format: { type: 'json_schema', json_schema: { name: 'intent', strict: true, schema: intentAnswerSchema() } },
};
const MESSAGES = {
	model: 'claude-haiku-4-5',
	max_tokens: 64,
	messages: [{ role: 'user', content: 'reunião amanhã' }],
	tools: [{ name: 'classify_intent', input_schema: intentAnswerSchema() }],
	tool_choice: { type: 'tool', name: 'classify_intent' },
};

describe('health', () => {
	it('answers GET /healthz without a key', async () => {
		for (const standIn of [standIns.openai, standIns.anthropic]) {
			const res = await fetch(`${standIn.url}/healthz`);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ ok: true });
		}
	});
});

describe('OpenAI stand-in', () => {
	it('answers 401 in OpenAI shape without a valid bearer key', async () => {
		const missing = await chat(CHAT, {});
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ error: { message: expect.stringMatching(/didn't provide an API key/), type: 'invalid_request_error', param: null, code: null } });
		const wrong = await chat(CHAT, { authorization: 'Bearer sk-wrong-key-123' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.error).toMatchObject({ code: 'invalid_api_key' });
		expect(JSON.stringify(wrong.body)).not.toContain('sk-wrong-key-123');
	});

	it.each([
		['no model', { ...CHAT, model: undefined }, /must provide a model/, null],
		['no messages', { ...CHAT, messages: undefined }, /Missing required parameter: 'messages'/, 'messages'],
		['empty messages', { ...CHAT, messages: [] }, /empty array/, 'messages'],
		['a bad role', { ...CHAT, messages: [{ role: 'robot', content: 'x' }] }, /Invalid value: 'robot'/, 'messages[0].role'],
		['a schema without a name', { ...CHAT, response_format: { type: 'json_schema', json_schema: { schema: intentAnswerSchema() } } }, /json_schema.name/, 'response_format.json_schema.name'],
		['a json_schema without a schema', { ...CHAT, response_format: { type: 'json_schema', json_schema: { name: 'x' } } }, /json_schema.schema/, 'response_format.json_schema.schema'],
		[
			'a strict schema that stays open',
			{ ...CHAT, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: { ...intentAnswerSchema(), additionalProperties: true } } } },
			/'additionalProperties' is required to be supplied and to be false/,
			'response_format',
		],
		['json_object without the word json', { ...CHAT, response_format: { type: 'json_object' } }, /must contain the word 'json'/, 'messages'],
		['tools', { ...CHAT, tools: [] }, /tools are not implemented/, 'tools'],
	])('refuses a request with %s, as a 400 naming the param', async (_, body, message, param) => {
		const res = await chat(body);
		expect(res.status).toBe(400);
		expect(res.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(message), param });
	});

	it('refuses a body that is not JSON, and answers 404 for other paths', async () => {
		expect((await chat('{nope')).status).toBe(400);
		const res = await post(`${standIns.openai.url}/v1/embeddings`, {}, { authorization: `Bearer ${OPENAI_KEY}` });
		expect(res.status).toBe(404);
		expect(res.body.error).toMatchObject({ message: 'Invalid URL (POST /v1/embeddings)' });
	});

	it('takes faults from the x-standin-fault header, with retry-after on 429', async () => {
		const limited = await chat(CHAT, { authorization: `Bearer ${OPENAI_KEY}`, 'x-standin-fault': 'rate_limit=3' });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.body.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
		expect((await chat(CHAT, { authorization: `Bearer ${OPENAI_KEY}`, 'x-standin-fault': 'overloaded' })).status).toBe(503);
		const bad = await chat(CHAT, { authorization: `Bearer ${OPENAI_KEY}`, 'x-standin-fault': 'explode' });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatchObject({ message: expect.stringMatching(/Unknown x-standin-fault "explode"/) });
	});

	it('sends a request id header', async () => {
		const res = await chat(CHAT);
		expect(res.status).toBe(200);
		expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
	});
});

describe('Anthropic stand-in', () => {
	it('answers 401 in Anthropic shape without a valid key, and accepts x-api-key or bearer', async () => {
		const missing = await messages(MESSAGES, { 'anthropic-version': '2023-06-01' });
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' }, request_id: expect.stringMatching(/^req_/) });
		expect((await messages(MESSAGES, { 'x-api-key': 'nope', 'anthropic-version': '2023-06-01' })).body.error).toEqual({
			type: 'authentication_error',
			message: 'invalid x-api-key',
		});
		expect((await messages(MESSAGES, { authorization: `Bearer ${ANTHROPIC_KEY}`, 'anthropic-version': '2023-06-01' })).status).toBe(200);
	});

	it('requires the anthropic-version header', async () => {
		const res = await messages(MESSAGES, { 'x-api-key': ANTHROPIC_KEY });
		expect(res.status).toBe(400);
		expect(res.body.error).toEqual({ type: 'invalid_request_error', message: 'anthropic-version: header is required' });
	});

	it.each([
		['no model', { ...MESSAGES, model: undefined }, 'model: Field required'],
		['no max_tokens', { ...MESSAGES, max_tokens: undefined }, 'max_tokens: Field required'],
		['no messages', { ...MESSAGES, messages: undefined }, 'messages: Field required'],
		['a tool without a schema', { ...MESSAGES, tools: [{ name: 'classify_intent' }] }, 'tools.0.custom.input_schema: Field required'],
		['tool_choice without tools', { ...MESSAGES, tools: undefined }, 'tool_choice may only be specified while providing tools.'],
	])('refuses a request with %s', async (_, body, message) => {
		const res = await messages(body);
		expect(res.status).toBe(400);
		expect(res.body.error).toEqual({ type: 'invalid_request_error', message });
	});

	it('answers 529 overloaded and 429 with retry-after', async () => {
		const overloaded = await messages(MESSAGES, { 'x-api-key': ANTHROPIC_KEY, 'anthropic-version': '2023-06-01', 'x-standin-fault': 'overloaded' });
		expect(overloaded.status).toBe(529);
		expect(overloaded.body.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
		const limited = await messages(MESSAGES, { 'x-api-key': ANTHROPIC_KEY, 'anthropic-version': '2023-06-01', 'x-standin-fault': 'rate_limit' });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.body.error).toMatchObject({ type: 'rate_limit_error' });
	});

	it('answers text when no tool is given, and with a request-id header', async () => {
		const res = await messages({ ...MESSAGES, tools: undefined, tool_choice: undefined });
		expect(res.status).toBe(200);
		expect(res.headers.get('request-id')).toMatch(/^req_011C/);
		expect(res.body).toMatchObject({ stop_reason: 'end_turn', content: [{ type: 'text' }] });
		expect(JSON.parse((res.body.content as Array<{ text: string }>)[0].text)).toEqual({ intent: 'calendar.create', confidence: 0.88 });
	});
});

describe('fault header forms', () => {
	it('parses every documented form', () => {
		expect(parseFault('rate_limit')).toEqual({ type: 'rate_limit', retryAfterSeconds: undefined });
		expect(parseFault('rate_limit=5')).toEqual({ type: 'rate_limit', retryAfterSeconds: 5 });
		expect(parseFault('server_error')).toEqual({ type: 'server_error' });
		expect(parseFault('delay=250')).toEqual({ type: 'delay', ms: 250 });
		expect(parseFault('answer=pay_bill')).toEqual({ type: 'answer', value: { intent: 'pay_bill', confidence: 0.9 } });
		expect(parseFault('answer={"intent":"help"}')).toEqual({ type: 'answer', value: { intent: 'help' } });
		expect(() => parseFault('delay=soon')).toThrow(/delay=<ms>/);
	});
});
