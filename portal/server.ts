import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';

import { readEndpoints, type SandboxEndpoints } from '../sandbox/endpoints';
import { conversation, sendAsUser, SimulatorError } from './simulator';
import { isHealthy } from '../sandbox/http-health';

/**
 * The managers' portal. In this first slice it shows which parts of the sandbox are up;
 * later issues add the WhatsApp simulator and the managers' views.
 */

const PUBLIC_DIR = join(__dirname, 'public');

interface ServiceStatus {
	name: string;
	url: string;
	up: boolean;
}

async function status(dataDir: string): Promise<{ running: boolean; services: ServiceStatus[]; workflows: unknown[] }> {
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
	// No secrets here: owner password and API keys stay in endpoints.json.
	return { running: true, services, workflows: endpoints.workflows };
}

const CONTENT_TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.svg': 'image/svg+xml',
};

async function serveStatic(res: ServerResponse, file: string): Promise<void> {
	const ext = file.slice(file.lastIndexOf('.'));
	const body = await readFile(join(PUBLIC_DIR, file));
	res.writeHead(200, { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
	res.end(body);
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
	res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	let text = '';
	for await (const chunk of req) {
		text += chunk;
		if (text.length > 64 * 1024) throw new SimulatorError(413, 'Pedido grande demais / Request too large.');
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

export function createPortalServer(dataDir: string) {
	return createServer((req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://portal');
		const path = url.pathname;
		const handle = async () => {
			if (req.method === 'POST' && path === '/api/simulator/messages') {
				return sendJson(res, 200, await sendAsUser(runningSandbox(dataDir), await readJson(req)));
			}
			if (req.method !== 'GET') return sendJson(res, 405, { error: 'Método não permitido / Method not allowed' });
			if (path === '/healthz') return sendJson(res, 200, { ok: true });
			if (path === '/api/status') return sendJson(res, 200, await status(dataDir));
			if (path === '/api/simulator/messages') return sendJson(res, 200, await conversation(runningSandbox(dataDir), url.searchParams.get('phone')));
			if (path === '/' || path === '/index.html') return serveStatic(res, 'index.html');
			if (path === '/simulator' || path === '/simulator/') return serveStatic(res, 'simulator.html');
			if (path === '/portal.css' || path === '/simulator.css' || path === '/simulator.js') return serveStatic(res, path.slice(1));
			return sendJson(res, 404, { error: 'Página não encontrada / Page not found' });
		};
		handle().catch((error: Error) => sendJson(res, error instanceof SimulatorError ? error.status : 500, { error: error.message }));
	});
}

if (require.main === module) {
	const port = Number(process.env.PORTAL_PORT ?? 5680);
	const dataDir = process.env.BESTSTAG_SANDBOX_DIR ?? join(process.cwd(), '.sandbox');
	createPortalServer(dataDir).listen(port, '127.0.0.1', () => {
		console.log(`portal listening on http://127.0.0.1:${port}/`);
	});
}
