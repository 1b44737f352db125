import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { sendJson, type ReplyHeaders } from './http';

/**
 * The HTTP server of a stand-in: port checks, listening, the request loop with /healthz and the
 * error fallback, the URL clients use, and a close() that does not wait for keep-alive connections.
 * A stand-in brings its routes (`handle`), its error shapes (`errorReply`) and its storage (closed
 * in `onClose`).
 */

/** What a route answers: a status, a JSON body (undefined for none, as in a 204) and extra headers. */
export interface Reply {
	status: number;
	body?: unknown;
	headers?: ReplyHeaders;
}

/** One request, with what every route needs already parsed. */
export interface StandInRequest {
	req: IncomingMessage;
	res: ServerResponse;
	/** Upper case, e.g. "GET". */
	method: string;
	url: URL;
}

export interface StandInHandler {
	/** Fields GET /healthz adds to {"ok": true}, e.g. a request count. No authentication. */
	health(): Record<string, unknown>;
	/** Answers one API request; may throw (errorReply turns what it throws into the service's shape). */
	handle(request: StandInRequest): Promise<Reply | undefined>;
	/** The service's own error reply for a thrown value, or undefined for an unexpected failure. */
	errorReply(error: unknown): Reply | undefined;
	/** The service's 500 for an unexpected failure; the error is also logged. */
	internalError(message: string): Reply;
	/** Headers on every reply (a request id, say). */
	headers?(): ReplyHeaders;
}

/** @throws RangeError unless `port` is a whole number from 0 (any free port) to 65535. */
export function checkPort(label: string, port: number): void {
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new RangeError(`The ${label} port must be a whole number from 0 to 65535, got ${port}.`);
	}
}

/** "http://127.0.0.1:5681", with IPv6 hosts in brackets. */
export function baseUrl(host: string, port: number): string {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The request loop: /healthz first, then the stand-in's routes; a failure becomes the service's error shape. */
export function requestListener(label: string, handler: StandInHandler): (req: IncomingMessage, res: ServerResponse) => void {
	const reply = (res: ServerResponse, r: Reply) => sendJson(res, r.status, r.body, { ...handler.headers?.(), ...r.headers });
	return (req, res) => {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://stand-in');
		const run = async () => {
			if (method === 'GET' && url.pathname === '/healthz') return reply(res, { status: 200, body: { ok: true, ...handler.health() } });
			const answer = await handler.handle({ req, res, method, url });
			if (answer) reply(res, answer);
		};
		run().catch((error: unknown) => {
			const known = handler.errorReply(error);
			if (known) return reply(res, known);
			console.error(`[${label}]`, error);
			reply(res, handler.internalError(error instanceof Error ? error.message : String(error)));
		});
	};
}

export interface ServeOptions {
	/** Used in errors and logs, e.g. "Twilio stand-in". */
	label: string;
	/** 0 picks a free port. */
	port: number;
	/** Default 127.0.0.1. */
	host?: string;
	handler: StandInHandler;
	/** Runs first on close(), while the server still answers: stop timers, drain queues. */
	onClosing?(): void | Promise<void>;
	/** Runs last on close(), once no request is in flight: close the storage. */
	onClose?(): void;
}

export interface ServedStandIn {
	/** http://host:port, no trailing slash. */
	url: string;
	port: number;
	/** Idempotent: every call returns the same promise. */
	close(): Promise<void>;
}

/**
 * Listens and serves. Resolves once listening.
 * @throws RangeError for a bad port; the listen error (EADDRINUSE...) when the port is taken.
 */
export async function serveStandIn(options: ServeOptions): Promise<ServedStandIn> {
	checkPort(options.label, options.port);
	const server = createServer(requestListener(options.label, options.handler));
	const host = options.host ?? '127.0.0.1';
	const address = await new Promise<AddressInfo>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
	let closed: Promise<void> | undefined;
	return {
		url: baseUrl(host, address.port),
		port: address.port,
		close() {
			closed ??= (async () => {
				await options.onClosing?.();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					// Keep-alive connections would hold close() open until they time out.
					server.closeAllConnections();
				});
				options.onClose?.();
			})();
			return closed;
		},
	};
}
