/**
 * Preloaded into n8n with `node --require` to prove the sandbox makes no outbound calls.
 * Every TCP connection or DNS lookup to a non-loopback host is appended, one JSON line each,
 * to the file named by BESTSTAG_OUTBOUND_LOG. With BESTSTAG_OUTBOUND_BLOCK=true the attempt
 * fails at once (ECONNREFUSED) instead of waiting on a network that is not there.
 */
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';

const logFile = process.env.BESTSTAG_OUTBOUND_LOG;
const block = process.env.BESTSTAG_OUTBOUND_BLOCK === 'true';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|0\.0\.0\.0|)$/i;

export function isLoopbackHost(host: string | undefined): boolean {
	if (host === undefined) return true;
	return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}

function record(kind: string, host: string, port?: number): void {
	if (!logFile) return;
	const stack = (new Error().stack ?? '').split('\n').slice(3, 9).map((l) => l.trim());
	appendFileSync(logFile, JSON.stringify({ at: new Date().toISOString(), pid: process.pid, kind, host, port, stack }) + '\n');
}

function refused(host: string, port?: number): NodeJS.ErrnoException {
	const error: NodeJS.ErrnoException = new Error(`connect ECONNREFUSED ${host}:${port ?? ''} (blocked by the BestStag sandbox)`);
	error.code = 'ECONNREFUSED';
	return error;
}

function targetOf(args: unknown[]): { host?: string; port?: number; path?: string } {
	const [first, second] = args as [unknown, unknown];
	if (Array.isArray(first)) return targetOf(first);
	if (first && typeof first === 'object') {
		const o = first as { host?: string; port?: number | string; path?: string };
		return { host: o.host ?? 'localhost', port: o.port === undefined ? undefined : Number(o.port), path: o.path };
	}
	if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
		return { host: typeof second === 'string' ? second : 'localhost', port: Number(first) };
	}
	if (typeof first === 'string') return { path: first };
	return {};
}

if (logFile) {
	const originalConnect = net.Socket.prototype.connect;
	net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
		const target = targetOf(args);
		if (!target.path && !isLoopbackHost(target.host)) {
			record('connect', target.host ?? '', target.port);
			if (block) {
				const error = refused(target.host ?? '', target.port);
				process.nextTick(() => this.destroy(error));
				return this;
			}
		}
		return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
	} as typeof net.Socket.prototype.connect;

	const originalLookup = dns.lookup;
	(dns as { lookup: unknown }).lookup = function patchedLookup(hostname: string, ...rest: unknown[]) {
		if (!isLoopbackHost(hostname) && !net.isIP(hostname)) {
			record('dns', hostname);
			if (block) {
				const callback = rest[rest.length - 1];
				const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname} (blocked by the BestStag sandbox)`);
				error.code = 'ENOTFOUND';
				if (typeof callback === 'function') process.nextTick(() => (callback as (e: Error) => void)(error));
				return undefined;
			}
		}
		return (originalLookup as (...a: unknown[]) => unknown).call(dns, hostname, ...rest);
	};
}
