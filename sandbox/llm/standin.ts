import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { listen } from '../stand-in-http';
import { unknownClassifier, type StandInClassifier } from './answer';
import { FAULT_HEADER, FaultSchedule, parseFault, type StandInFault } from './faults';
import { header, readJsonBody, sendJson, StandInHttpError } from './http';

/**
 * The HTTP server both LLM stand-ins share: /healthz, routing, the request log, failure injection and
 * clean shutdown. A dialect (openai-server.ts, anthropic-server.ts) supplies the routes, the key check
 * and the service's error shapes.
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

export interface RouteContext {
	classify: StandInClassifier;
	/** Set by an "answer" fault: the route answers this instead of the classifier's label. */
	override?: { value: unknown };
}

export type StatusFault = Extract<StandInFault, { type: 'rate_limit' | 'server_error' | 'overloaded' }>;

export interface Dialect {
	service: string;
	/** "POST /v1/chat/completions" → handler. A handler throws StandInHttpError for a request the service would refuse. */
	routes: Record<string, (body: unknown, ctx: RouteContext) => Promise<unknown>>;
	/** 401 (or 400 for a missing required header) in the service's shape, or undefined when the request may go on. */
	checkAuth(req: IncomingMessage): StandInHttpError | undefined;
	notFound(method: string, path: string): StandInHttpError;
	badBody(problem: 'too_large' | 'not_json', message: string): StandInHttpError;
	badRequest(message: string): StandInHttpError;
	fault(fault: StatusFault): StandInHttpError;
	internal(message: string): StandInHttpError;
	requestIdHeader: string;
	newRequestId(): string;
}

const MAX_RECORDED = 200;

export function checkStandInOptions(service: string, options: StandInOptions): void {
	if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
		throw new Error(`The ${service} stand-in needs an API key, the one clients will send: pass apiKey, or set ${service.toUpperCase()}_STANDIN_KEY when running it directly.`);
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
		throw new RangeError(`The ${service} stand-in port must be a whole number from 0 to 65535, got ${options.port}.`);
	}
}

export async function startStandIn(dialect: Dialect, options: StandInOptions): Promise<RunningStandIn> {
	checkStandInOptions(dialect.service, options);
	const requests: RecordedRequest[] = [];
	const faults = new FaultSchedule(options.fault);
	const classify = options.classify ?? unknownClassifier;
	const closing = new AbortController();

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const requestId = dialect.newRequestId();
		const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
			sendJson(res, status, body, { [dialect.requestIdHeader]: requestId, ...headers });
		const fail = (error: StandInHttpError) => reply(error.status, error.body, error.headers);

		const path = new URL(req.url ?? '/', 'http://stand-in').pathname.replace(/\/+$/, '') || '/';
		const method = req.method ?? 'GET';
		if (method === 'GET' && path === '/healthz') return reply(200, { ok: true, service: dialect.service, requests: requests.length });
		const route = dialect.routes[`${method} ${path}`];
		if (!route) return fail(dialect.notFound(method, path));

		const body = await readJsonBody(req);
		requests.push({ method, path, headers: req.headers, body: body.ok ? body.value : undefined });
		if (requests.length > MAX_RECORDED) requests.shift();

		const denied = dialect.checkAuth(req);
		if (denied) return fail(denied);
		if (!body.ok) return fail(dialect.badBody(body.problem, body.message));

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
				return;
			}
		}
		const override = fault?.type === 'answer' ? { value: fault.value } : undefined;
		try {
			reply(200, await route(body.value, { classify, override }));
		} catch (error) {
			if (error instanceof StandInHttpError) return fail(error);
			fail(dialect.internal(`The ${dialect.service} stand-in failed: ${(error as Error).message}`));
		}
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => sendJson(res, 500, dialect.internal(error.message).body));
	});
	const host = options.host ?? '127.0.0.1';
	const address = await listen(server, options.port, host);
	let closed: Promise<void> | undefined;
	return {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
		requests,
		faults,
		close() {
			closed ??= new Promise<void>((resolve) => {
				closing.abort();
				server.close(() => resolve());
				// Keep-alive connections would hold close() open until they time out.
				server.closeAllConnections();
			});
			return closed;
		},
	};
}

/** The body of a standalone run: start, log where, close on SIGTERM/SIGINT. */
export async function runStandInMain(service: string, start: () => Promise<RunningStandIn>): Promise<void> {
	try {
		const standIn = await start();
		console.log(`${service} stand-in listening on ${standIn.url}/`);
		const stop = () => {
			void standIn.close().then(() => process.exit(0));
		};
		process.once('SIGTERM', stop);
		process.once('SIGINT', stop);
	} catch (error) {
		console.error(`${service} stand-in failed to start: ${(error as Error).message}`);
		process.exit(1);
	}
}
