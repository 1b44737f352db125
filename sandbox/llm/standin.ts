import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
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

export interface Dialect {
	service: string;
	/** "POST /v1/chat/completions" → handler. A handler throws StandInHttpError for a request the service would refuse. */
	routes: Record<string, (body: unknown, ctx: RouteContext) => Promise<unknown>>;
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

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function checkStandInOptions(service: string, options: StandInOptions): void {
	if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
		throw new Error(`The ${service} stand-in needs an API key, the one clients will send: pass apiKey, or set ${service.toUpperCase()}_STANDIN_KEY when running it directly.`);
	}
	checkPort(`${service} stand-in`, options.port);
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
		const route = dialect.routes[`${method} ${path}`];
		if (!route) return fail(dialect.notFound(method, path));

		const body = await readJsonBody(req);
		requests.push({ method, path, headers: req.headers, body: body.ok ? body.value : undefined });
		if (requests.length > MAX_RECORDED) requests.shift();

		const denied = dialect.checkAuth(req, options.apiKey);
		if (denied) return fail(denied);
		if (!body.ok) return fail(dialect.badBody(body.tooLarge ? 'too_large' : 'not_json', body.message));

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
			return { status: 200, body: await route(body.value, { classify, override }), headers: requestId };
		} catch (error) {
			if (error instanceof StandInHttpError) return fail(error);
			return fail(dialect.internal(`The ${dialect.service} stand-in failed: ${(error as Error).message}`));
		}
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
