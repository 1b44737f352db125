import { AirtableHttpError, authenticationRequired, notFound, rateLimited } from './errors';
import { pathParts } from '../stand-in/http';
import type { Reply, StandInHandler, StandInRequest } from '../stand-in/server';
import { hasBearerToken, readJsonBody } from './http';
import { isId } from './ids';
import type { Metadata } from './metadata';
import { parseQueryString } from './query-string';
import { readBoolean } from './list-params';
import type { RecordLister } from './query';
import type { ArrivalMeter, BaseRateLimit } from './rate-limit';
import type { RecordService } from './records';
import type { WebhookService } from './webhooks/service';
import { actionForRequest, runWithAction } from './webhooks/source-context';

/**
 * Maps Airtable's Web API routes onto the store: /v0/meta/... for metadata, /v0/{baseId}/{table}[/{recordId}]
 * for records. Order per request: health check, token, route, rate limit (per base), body, handler.
 */

export interface StoreServices {
	token: string;
	metadata: Metadata;
	records: RecordService;
	lister: RecordLister;
	/** Undefined when rate limiting is off. */
	limiter?: BaseRateLimit;
	/** The stable id /v0/meta/whoami reports. */
	userId: string;
	/** API requests served (health checks excluded) and those refused with 429, so benchmarks can count a workflow's calls. */
	stats: { requests: number; rateLimited: number };
	/** Per base, the most requests that arrived in any 1 s, so benchmarks and tests can check a budget. */
	arrivals?: ArrivalMeter;
	/** The Webhooks API (/v0/bases/{baseId}/webhooks...); see webhooks/README.md. */
	webhooks?: Pick<WebhookService, 'match'>;
}

interface Route {
	/** The base the request counts against for rate limiting, if any. */
	baseId?: string;
	/** Whether the handler reads a JSON body. */
	body: boolean;
	run(body: unknown): unknown;
}

type Query = Record<string, unknown>;

function match(method: string, parts: string[], query: Query, s: StoreServices): Route | undefined {
	const [v0, ...rest] = parts;
	if (v0 !== 'v0' || rest.length === 0) return undefined;

	if (rest[0] === 'bases' && s.webhooks) return s.webhooks.match(method, rest, query);
	if (rest[0] === 'meta') {
		const [, kind, baseId, tables, table, fields, fieldId] = rest;
		if (kind === 'whoami' && rest.length === 2 && method === 'GET') {
			return { body: false, run: () => ({ id: s.userId, scopes: ['data.records:read', 'data.records:write', 'schema.bases:read', 'schema.bases:write', 'webhook:manage'] }) };
		}
		if (kind !== 'bases') return undefined;
		if (rest.length === 2) {
			if (method === 'GET') return { body: false, run: () => s.metadata.listBases() };
			if (method === 'POST') return { body: true, run: (body) => s.metadata.createBaseFromBody(body) };
			return undefined;
		}
		if (tables !== 'tables') return undefined;
		if (rest.length === 4) {
			if (method === 'GET') return { baseId, body: false, run: () => s.metadata.listTables(baseId) };
			if (method === 'POST') return { baseId, body: true, run: (body) => s.metadata.createTable(baseId, body) };
			return undefined;
		}
		if (rest.length === 5 && method === 'PATCH') return { baseId, body: true, run: (body) => s.metadata.updateTable(baseId, table, body) };
		if (fields !== 'fields') return undefined;
		if (rest.length === 6 && method === 'POST') return { baseId, body: true, run: (body) => s.metadata.createField(baseId, table, body) };
		if (rest.length === 7 && method === 'PATCH') return { baseId, body: true, run: (body) => s.metadata.updateField(baseId, table, fieldId, body) };
		return undefined;
	}

	const [baseId, table, third] = rest;
	if (rest.length === 2) {
		switch (method) {
			case 'GET':
				return { baseId, body: false, run: () => s.lister.list(baseId, table, query) };
			case 'POST':
				return { baseId, body: true, run: (body) => s.records.create(baseId, table, body) };
			case 'PATCH':
			case 'PUT':
				return { baseId, body: true, run: (body) => s.records.updateMany(baseId, table, body, method === 'PUT') };
			case 'DELETE':
				return { baseId, body: false, run: () => s.records.deleteMany(baseId, table, query.records) };
			default:
				return undefined;
		}
	}
	if (rest.length !== 3) return undefined;
	if (third === 'listRecords' && method === 'POST') {
		return { baseId, body: true, run: (body) => s.lister.list(baseId, table, (body ?? {}) as Query) };
	}
	switch (method) {
		case 'GET':
			return { baseId, body: false, run: () => s.records.get(baseId, table, third, readBoolean('returnFieldsByFieldId', query.returnFieldsByFieldId)) };
		case 'PATCH':
		case 'PUT':
			return { baseId, body: true, run: (body) => s.records.updateOne(baseId, table, third, body, method === 'PUT') };
		case 'DELETE':
			return { baseId, body: false, run: () => s.records.deleteOne(baseId, table, third) };
		default:
			return undefined;
	}
}

async function handle({ req, method, url }: StandInRequest, s: StoreServices): Promise<Reply> {
	s.stats.requests++;
	if (!hasBearerToken(req.headers.authorization, s.token)) throw authenticationRequired();

	// Empty segments are dropped, so airtable.js's trailing slash (POST /v0/app.../Table/) routes like none.
	const parts = pathParts(url.pathname);
	const route = parts && match(method, parts, parseQueryString(url.searchParams), s);
	if (!route) {
		throw notFound(`No endpoint for ${method} ${url.pathname}. The local Airtable store serves /v0/meta/bases..., /v0/{baseId}/{table} and /v0/{baseId}/{table}/{recordId}; see sandbox/airtable/README.md.`);
	}
	if (route.baseId !== undefined && isId('app', route.baseId)) s.arrivals?.record(route.baseId);
	if (route.baseId !== undefined && s.limiter && isId('app', route.baseId) && !s.limiter.admit(route.baseId)) {
		s.stats.rateLimited++;
		throw rateLimited();
	}
	let body: unknown;
	if (route.body) body = await readJsonBody(req);
	else req.resume();
	return { status: 200, body: route.run(body) };
}

/** The store's routes and error shapes for the stand-in kernel's server. */
export function storeHandler(services: StoreServices): StandInHandler {
	return {
		// The request count lets benchmarks measure how many API calls a workflow costs.
		health: () => ({ requests: services.stats.requests, rateLimited: services.stats.rateLimited, busiestSecond: services.arrivals?.busiestSecond() ?? {} }),
		// Each request's writes carry its change source, as webhook payloads report it.
		handle: (request) => runWithAction(actionForRequest(request.req.headers, services.userId), () => handle(request, services)),
		errorReply: (error) => (error instanceof AirtableHttpError ? { status: error.status, body: error.body() } : undefined),
		internalError: (message) => ({ status: 500, body: { error: { type: 'SERVER_ERROR', message: `The local Airtable store failed: ${message}` } } }),
	};
}
