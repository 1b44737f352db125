import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

import { readEndpoints, type SandboxEndpoints } from '../sandbox/endpoints';
import { isHealthy } from '../sandbox/http-health';
import { BodyTooLargeError, readBody } from '../sandbox/stand-in/http';
import { runStandInMain } from '../sandbox/stand-in/main';
import { serveStandIn, type Reply, type ServedStandIn, type StandInHandler } from '../sandbox/stand-in/server';
import { AirtableGateway } from '../nodes/AirtableCrm/transport/request';
import { redisLimiter } from '../nodes/AirtableCrm/transport/rate-limiter';
import { DataPathStore } from '../nodes/shared/datapath/store';
import { redisConnection } from '../nodes/shared/redis';
import { twilioClientFor } from '../sandbox/twilio/client';
import { PORTAL_ENV } from './env';
import { closeFromDesk, HandoffDeskError, listOpenHandoffs, replyToHandoff, type HandoffDeskDeps } from './handoffs';
import { conversation, sendAsUser, SimulatorError } from './simulator';

/**
 * The managers' portal: which parts of the sandbox are up, the WhatsApp simulator, and the
 * consultants' hand-off desk (handoffs.ts). It runs on the stand-in kernel (sandbox/stand-in),
 * like the stand-ins beside it.
 */

const PUBLIC_DIR = join(__dirname, 'public');

interface ServiceStatus {
	name: string;
	url: string;
	up: boolean;
}

/**
 * Writes waiting for Airtable per base (the data path's outbox depth), as the sandbox's Redis
 * health endpoint reports it; undefined when Redis is down or does not say.
 */
async function outboxDepths(redisHealthUrl: string): Promise<Record<string, number> | undefined> {
	try {
		const body = (await (await fetch(redisHealthUrl, { signal: AbortSignal.timeout(1500) })).json()) as { outbox?: Record<string, number> };
		return body.outbox;
	} catch {
		return undefined;
	}
}

async function status(dataDir: string): Promise<{ running: boolean; services: ServiceStatus[]; workflows: unknown[]; outbox?: Record<string, number> }> {
	let endpoints;
	try {
		endpoints = readEndpoints(dataDir);
	} catch {
		return { running: false, services: [], workflows: [] };
	}
	const targets: Array<{ name: string; url: string; health: string }> = [
		{ name: 'n8n', url: endpoints.n8n.editorUrl, health: `${endpoints.n8n.baseUrl}/healthz` },
		...Object.entries(endpoints.services).map(([name, s]) => ({ name, url: s.url, health: new URL('/healthz', s.url).href })),
	];
	const services = await Promise.all(targets.map(async (t) => ({ name: t.name, url: t.url, up: await isHealthy(t.health, 1500) })));
	const redis = endpoints.services.redis;
	const outbox = redis && services.find((s) => s.name === 'redis')?.up ? await outboxDepths(new URL('/healthz', redis.url).href) : undefined;
	// No secrets here: owner password and API keys stay in endpoints.json.
	return { running: true, services, workflows: endpoints.workflows, outbox };
}

const CONTENT_TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.svg': 'image/svg+xml',
};

/** Writes the file itself; undefined tells the kernel the reply is sent. */
async function serveStatic(res: ServerResponse, file: string): Promise<undefined> {
	const ext = file.slice(file.lastIndexOf('.'));
	const body = await readFile(join(PUBLIC_DIR, file));
	res.writeHead(200, { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
	res.end(body);
	return undefined;
}

const MAX_BODY_BYTES = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	let text: string;
	try {
		text = await readBody(req, MAX_BODY_BYTES);
	} catch (error) {
		if (error instanceof BodyTooLargeError) throw new SimulatorError(413, 'Pedido grande demais / Request too large.');
		throw error;
	}
	try {
		const value = JSON.parse(text) as unknown;
		if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
	} catch {
		// answered below
	}
	throw new SimulatorError(400, 'Envie JSON / Send JSON.');
}

function runningSandbox(dataDir: string): SandboxEndpoints {
	try {
		return readEndpoints(dataDir);
	} catch {
		throw new SimulatorError(503, 'O ambiente ainda está iniciando / The sandbox is still starting.');
	}
}

const ok = (body: unknown): Reply => ({ status: 200, body });

/** The hand-off desk's clients for the running sandbox: Airtable (shared rate limit), the data path's Redis, Twilio. */
function deskDeps(endpoints: SandboxEndpoints): HandoffDeskDeps {
	const airtable = endpoints.services.airtable;
	const twilio = endpoints.services.twilio;
	const redisUrl = endpoints.services.redis?.credentials?.redisUrl;
	if (!airtable?.credentials || !twilio?.credentials || !redisUrl) {
		throw new HandoffDeskError(503, 'Os atendimentos precisam do Airtable, do Twilio e do Redis locais / Hand-offs need the Airtable, Twilio and Redis of the sandbox.');
	}
	const redis = redisConnection(redisUrl);
	const base = airtable.credentials.baseId;
	return {
		gateway: new AirtableGateway({ accessToken: airtable.credentials.token, baseId: base, endpointUrl: airtable.url }, { limiter: redisLimiter(redisUrl, redis) }),
		store: new DataPathStore(redis),
		base,
		twilio: twilioClientFor(twilio.url, twilio.credentials.accountSid, twilio.credentials.authToken),
		sender: twilio.credentials.whatsappSender,
	};
}

const HANDOFF_ACTION = /^\/api\/handoffs\/([^/]+)\/(reply|close)$/;

/** The portal's pages and JSON API for the stand-in kernel's server. */
export function portalHandler(dataDir: string): StandInHandler {
	return {
		health: () => ({}),
		async handle({ req, res, method, url }) {
			const path = url.pathname;
			if (method === 'POST' && path === '/api/simulator/messages') return ok(await sendAsUser(runningSandbox(dataDir), await readJson(req)));
			const action = method === 'POST' ? HANDOFF_ACTION.exec(path) : null;
			if (action) {
				const deps = deskDeps(runningSandbox(dataDir));
				const reference = decodeURIComponent(action[1]);
				return ok(action[2] === 'reply' ? await replyToHandoff(deps, reference, await readJson(req)) : await closeFromDesk(deps, reference));
			}
			if (method !== 'GET') return { status: 405, body: { error: 'Método não permitido / Method not allowed' } };
			if (path === '/api/status') return ok(await status(dataDir));
			if (path === '/api/simulator/messages') return ok(await conversation(runningSandbox(dataDir), url.searchParams.get('phone')));
			if (path === '/api/handoffs') return ok(await listOpenHandoffs(deskDeps(runningSandbox(dataDir))));
			if (path === '/handoffs' || path === '/handoffs/') return serveStatic(res, 'handoffs.html');
			if (path === '/' || path === '/index.html') return serveStatic(res, 'index.html');
			if (path === '/simulator' || path === '/simulator/') return serveStatic(res, 'simulator.html');
			if (path === '/portal.css' || path === '/simulator.css' || path === '/simulator.js' || path === '/handoffs.js') return serveStatic(res, path.slice(1));
			return { status: 404, body: { error: 'Página não encontrada / Page not found' } };
		},
		errorReply: (error) => (error instanceof SimulatorError || error instanceof HandoffDeskError ? { status: error.status, body: { error: error.message } } : undefined),
		internalError: (message) => ({ status: 500, body: { error: message } }),
	};
}

export interface PortalOptions {
	/** 0 picks a free port. */
	port: number;
	/** The sandbox's data folder (endpoints.json). */
	dataDir: string;
}

/** Serves the portal on 127.0.0.1. @throws the listen error (EADDRINUSE...) when the port is taken. */
export function startPortal(options: PortalOptions): Promise<ServedStandIn> {
	return serveStandIn({ label: 'portal', port: options.port, handler: portalHandler(options.dataDir) });
}

if (require.main === module) {
	void runStandInMain({ name: 'portal', env: PORTAL_ENV, start: startPortal });
}
