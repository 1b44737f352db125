import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { BodyTooLargeError, header, parseJsonText, readBody, type JsonText } from '../stand-in/http';
import { checkPort, serveStandIn, type Reply, type StandInRequest } from '../stand-in/server';
import { unknownClassifier, type AnswerContext, type StandInClassifier } from './answer';
import { FAULT_HEADER, FaultSchedule, parseFault, type StandInFault } from './faults';
import { StandInHttpError } from './http';

/**
 * What both LLM stand-ins share on top of the stand-in kernel (../stand-in): routing by "METHOD /path",
 * the request log and failure injection. A dialect (openai-server.ts, anthropic-server.ts) supplies the
 * routes, the key check and the service's error shapes.
 */

export interface StandInOptions {
	/** 0 picks a free port. */
	port: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** The key clients must send. */
	apiKey: string;
	/** Labels each message; default: everything is unknown. */
	classify?: StandInClassifier;
	/** A standing fault for every request (tests usually use `faults` instead). */
	fault?: StandInFault;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

export interface RunningStandIn {
	/** http://127.0.0.1:port (OpenAI clients add /v1, Anthropic clients do not). */
	url: string;
	/** API requests received (not /healthz), oldest first, the last 200. */
	requests: RecordedRequest[];
	faults: FaultSchedule;
	close(): Promise<void>;
}

/** override is set by an "answer" fault: the route answers it instead of the classifier's label. */
export type RouteContext = AnswerContext;

export type StatusFault = Extract<StandInFault, { type: 'rate_limit' | 'server_error' | 'overloaded' }>;

/** A route's answer in another content type than JSON (OpenAI's transcription formats text, srt, vtt). */
export class TextBody {
	constructor(
		readonly text: string,
		readonly contentType: string,
	) {}
}

/** The request of an upload route: the raw body (multipart/form-data, say) and its content type. */
export interface Upload {
	body: Buffer;
	contentType: string | undefined;
}

/** A route that takes a file upload instead of a JSON body. */
export interface UploadRoute {
	/** The largest body the service reads. */
	maxBytes: number;
	/** The service's answer to a larger body; `bytesRead` is the whole body's size. */
	tooLarge(maxBytes: number, bytesRead: number): StandInHttpError;
	/** What `requests` records instead of the body: the form's fields, each file as {name, type, size}. */
	describe(upload: Upload): Promise<unknown>;
	handle(upload: Upload, ctx: RouteContext): Promise<unknown>;
}

export interface Dialect {
	service: string;
	/** "POST /v1/chat/completions" → handler. A handler throws StandInHttpError for a request the service would refuse. */
	routes: Record<string, (body: unknown, ctx: RouteContext) => Promise<unknown>>;
	/** "POST /v1/audio/transcriptions" → upload route, for endpoints that take files. */
	uploadRoutes?: Record<string, UploadRoute>;
	/** 401 (or 400 for a missing required header) in the service's shape, or undefined when the request may go on. */
	checkAuth(req: IncomingMessage, apiKey: string): StandInHttpError | undefined;
	notFound(method: string, path: string): StandInHttpError;
	badBody(problem: 'too_large' | 'not_json', message: string): StandInHttpError;
	badRequest(message: string): StandInHttpError;
	fault(fault: StatusFault): StandInHttpError;
	internal(message: string): StandInHttpError;
	requestIdHeader: string;
	newRequestId(): string;
}

const MAX_RECORDED = 200;

/** Sends a text answer with its own content type (the kernel's replies are JSON). */
function sendText(res: ServerResponse, body: TextBody, headers: Record<string, string>): void {
	if (res.headersSent || res.destroyed) return;
	const bytes = Buffer.from(body.text, 'utf8');
	res.writeHead(200, { ...headers, 'content-type': body.contentType, 'content-length': bytes.length, 'cache-control': 'no-store' });
	res.end(bytes);
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function checkStandInOptions(service: string, options: StandInOptions): void {
	if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
		throw new Error(`The ${service} stand-in needs an API key, the one clients will send: pass apiKey, or set ${service.toUpperCase()}_STANDIN_KEY when running it directly.`);
	}
	checkPort(`${service} stand-in`, options.port);
}

/** Reads an upload up to `maxBytes`; past it, drains the rest to report the whole size (the service's 413 names it). */
async function readUpload(req: IncomingMessage, maxBytes: number): Promise<{ body?: Buffer; size: number }> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size <= maxBytes) chunks.push(chunk as Buffer);
	}
	return size > maxBytes ? { size } : { body: Buffer.concat(chunks), size };
}

async function readJsonBody(req: IncomingMessage): Promise<JsonText & { tooLarge?: boolean }> {
	try {
		return parseJsonText(await readBody(req, MAX_BODY_BYTES));
	} catch (error) {
		if (error instanceof BodyTooLargeError) return { ok: false, tooLarge: true, message: `The request body is larger than the stand-in's ${MAX_BODY_BYTES} bytes.` };
		throw error;
	}
}

export async function startStandIn(dialect: Dialect, options: StandInOptions): Promise<RunningStandIn> {
	checkStandInOptions(dialect.service, options);
	const requests: RecordedRequest[] = [];
	const faults = new FaultSchedule(options.fault);
	const classify = options.classify ?? unknownClassifier;
	const closing = new AbortController();

	async function handle({ req, res, method, url }: StandInRequest): Promise<Reply | undefined> {
		const requestId = { [dialect.requestIdHeader]: dialect.newRequestId() };
		const fail = (error: StandInHttpError): Reply => ({ status: error.status, body: error.body, headers: { ...requestId, ...error.headers } });

		const path = url.pathname.replace(/\/+$/, '') || '/';
		const upload = dialect.uploadRoutes?.[`${method} ${path}`];
		if (upload) return handleUpload(upload, { req, res, method, url }, path, fail, requestId);
		const route = dialect.routes[`${method} ${path}`];
		if (!route) return fail(dialect.notFound(method, path));

		const body = await readJsonBody(req);
		requests.push({ method, path, headers: req.headers, body: body.ok ? body.value : undefined });
		if (requests.length > MAX_RECORDED) requests.shift();

		const denied = dialect.checkAuth(req, options.apiKey);
		if (denied) return fail(denied);
		if (!body.ok) return fail(dialect.badBody(body.tooLarge ? 'too_large' : 'not_json', body.message));

		return answer(req, res, fail, requestId, (ctx) => route(body.value, ctx));
	}

	/** Faults first (a status fault answers instead, a delay waits), then the route; its errors in the service's shape. */
	async function answer(
		req: IncomingMessage,
		res: ServerResponse,
		fail: (error: StandInHttpError) => Reply,
		requestId: Record<string, string>,
		run: (ctx: RouteContext) => Promise<unknown>,
	): Promise<Reply | undefined> {
		let fault: StandInFault | undefined;
		const asked = header(req, FAULT_HEADER);
		try {
			fault = asked === undefined ? faults.next() : parseFault(asked);
		} catch (error) {
			return fail(dialect.badRequest((error as Error).message));
		}
		if (fault?.type === 'rate_limit' || fault?.type === 'server_error' || fault?.type === 'overloaded') return fail(dialect.fault(fault));
		if (fault?.type === 'delay') {
			// Stops waiting when the client gives up or the stand-in closes, so neither leaves a timer behind.
			const gone = new AbortController();
			res.once('close', () => gone.abort());
			try {
				await sleep(fault.ms, undefined, { signal: AbortSignal.any([gone.signal, closing.signal]) });
			} catch {
				return undefined;
			}
		}
		const override = fault?.type === 'answer' ? { value: fault.value } : undefined;
		try {
			const result = await run({ classify, override });
			if (result instanceof TextBody) {
				sendText(res, result, requestId);
				return undefined;
			}
			return { status: 200, body: result, headers: requestId };
		} catch (error) {
			if (error instanceof StandInHttpError) return fail(error);
			return fail(dialect.internal(`The ${dialect.service} stand-in failed: ${(error as Error).message}`));
		}
	}

	async function handleUpload(
		route: UploadRoute,
		{ req, res, method }: StandInRequest,
		path: string,
		fail: (error: StandInHttpError) => Reply,
		requestId: Record<string, string>,
	): Promise<Reply | undefined> {
		const read = await readUpload(req, route.maxBytes);
		const upload = { body: read.body ?? Buffer.alloc(0), contentType: header(req, 'content-type') };
		requests.push({ method, path, headers: req.headers, body: read.body ? await route.describe(upload) : { tooLarge: true, size: read.size } });
		if (requests.length > MAX_RECORDED) requests.shift();
		const denied = dialect.checkAuth(req, options.apiKey);
		if (denied) return fail(denied);
		if (!read.body) return fail(route.tooLarge(route.maxBytes, read.size));
		return answer(req, res, fail, requestId, (ctx) => route.handle(upload, ctx));
	}

	const served = await serveStandIn({
		label: `${dialect.service} stand-in`,
		port: options.port,
		host: options.host,
		handler: {
			health: () => ({ service: dialect.service, requests: requests.length }),
			handle,
			errorReply: () => undefined,
			internalError: (message) => ({ status: 500, body: dialect.internal(message).body }),
			// The client gets LLM APIs' plain content type.
			headers: () => ({ 'content-type': 'application/json' }),
		},
		onClosing: () => closing.abort(),
	});
	return { url: served.url, requests, faults, close: served.close };
}
