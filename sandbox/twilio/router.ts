import type { ContentService } from './content';
import { authenticate, malformed, methodNotAllowed, moreInfoUrl, notFound, TwilioHttpError } from './errors';
import { checkFailureRules, type FailureRules } from './failures';
import { basicCredentials, pathParts, secretEquals } from '../stand-in/http';
import type { Reply, StandInHandler, StandInRequest } from '../stand-in/server';
import { errorHeaders, parseJson, readBody, readBytes, replyHeaders } from './http';
import { INBOUND_MEDIA_MAX_BYTES, MediaBytes, type InboundMediaService } from './inbound-media';
import type { MessageService } from './messages';
import { accountJson, API_VERSION } from './serialize';

/**
 * Routes for the two Twilio hosts the client calls, served side by side (their paths never clash):
 * api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages... and content.twilio.com/v1/Content...,
 * plus the stand-in's own /standin/v1/... and /healthz. Order per request: health check, Basic
 * auth, route, account check, body, handler.
 */

export interface ApiKey {
	sid: string;
	secret: string;
}

export interface StandInServices {
	accountSid: string;
	authToken: string;
	apiKeys: ApiKey[];
	messages: MessageService;
	contents: ContentService;
	inboundMedia: InboundMediaService;
	failures: FailureRules;
	startedMs: number;
}

/** 'bytes': a file upload, kept as it came with its Content-Type. */
type Body = 'none' | 'form' | 'json' | 'bytes';

interface Route {
	/** The account SID in the path, which must be the authenticated one. */
	account?: string;
	body: Body;
	/** 200 unless the handler says otherwise; undefined sends 204. */
	status?: number;
	run(input: { query: URLSearchParams; form: URLSearchParams; json: unknown; bytes: Uint8Array; contentType: string | undefined }): unknown;
}

function apiRoute(method: string, rest: string[], s: StandInServices): Route | undefined {
	const [accounts, accountFile, collection, sidFile, sub, subSidFile] = rest;
	if (accounts !== 'Accounts' || !accountFile) return undefined;
	if (rest.length === 2) {
		const account = accountFile.replace(/\.json$/, '');
		if (account === accountFile || method !== 'GET') return undefined;
		return { account, body: 'none', run: () => accountJson(s.accountSid, s.startedMs) };
	}
	const account = accountFile;
	const m = s.messages;
	if (rest.length === 3 && collection === 'Messages.json') {
		if (method === 'GET') return { account, body: 'none', run: ({ query }) => m.list(query) };
		if (method === 'POST') return { account, body: 'form', status: 201, run: ({ form }) => m.create(form) };
		return undefined;
	}
	if (collection !== 'Messages' || !sidFile) return undefined;
	if (rest.length === 4) {
		if (!sidFile.endsWith('.json')) return undefined;
		const sid = sidFile.slice(0, -'.json'.length);
		if (method === 'GET') return { account, body: 'none', run: () => m.fetch(sid) };
		if (method === 'POST') return { account, body: 'form', run: ({ form }) => m.update(sid, form) };
		if (method === 'DELETE') return { account, body: 'none', status: 204, run: () => m.delete(sid) };
		return undefined;
	}
	if (rest.length === 5 && sub === 'Media.json' && method === 'GET') return { account, body: 'none', run: ({ query }) => m.media(sidFile, query) };
	if (rest.length === 6 && sub === 'Media' && subSidFile) {
		const media = s.inboundMedia;
		const path = `/${API_VERSION}/${rest.join('/')}`;
		if (!subSidFile.endsWith('.json')) {
			// The media URL itself (an incoming message's MediaUrl<i>): the file, with its content type.
			return method === 'GET' ? { account, body: 'none', run: () => media.content(sidFile, subSidFile, path) } : undefined;
		}
		const mediaSid = subSidFile.slice(0, -'.json'.length);
		if (method === 'GET') return { account, body: 'none', run: () => (media.has(sidFile, mediaSid) ? media.fetch(sidFile, mediaSid, path) : m.mediaItem(sidFile, mediaSid)) };
		if (method === 'DELETE') return { account, body: 'none', status: 204, run: () => media.delete(sidFile, mediaSid, path) };
	}
	return undefined;
}

function contentRoute(method: string, rest: string[], s: StandInServices): Route | undefined {
	const c = s.contents;
	const [collection, sid, approvals, channel] = rest;
	if (collection === 'ContentAndApprovals' && rest.length === 1 && method === 'GET') return { body: 'none', run: ({ query }) => c.listWithApprovals(query) };
	if (collection !== 'Content') return undefined;
	if (rest.length === 1) {
		if (method === 'GET') return { body: 'none', run: ({ query }) => c.list(query) };
		if (method === 'POST') return { body: 'json', status: 201, run: ({ json }) => c.create(json) };
		return undefined;
	}
	if (rest.length === 2) {
		if (method === 'GET') return { body: 'none', run: () => c.fetch(sid) };
		if (method === 'DELETE') return { body: 'none', status: 204, run: () => c.delete(sid) };
		return undefined;
	}
	if (approvals !== 'ApprovalRequests') return undefined;
	if (rest.length === 3 && method === 'GET') return { body: 'none', run: () => c.approvals(sid) };
	if (rest.length === 4 && channel === 'whatsapp' && method === 'POST') return { body: 'json', status: 201, run: ({ json }) => c.requestApproval(sid, json) };
	return undefined;
}

/** The stand-in's own endpoints, for tests and the WhatsApp simulator (see README.md). */
function standInRoute(method: string, rest: string[], s: StandInServices): Route | undefined {
	const [collection, sid] = rest;
	if (collection === 'Messages' && rest.length === 2 && method === 'GET') return { body: 'none', run: () => s.messages.rendered(sid) };
	if (collection === 'InboundMedia' && rest.length === 1 && method === 'POST') {
		return { body: 'bytes', status: 201, run: ({ query, bytes, contentType }) => s.inboundMedia.upload(bytes, contentType, query.get('MessageSid')) };
	}
	if (collection === 'Failures' && rest.length === 1) {
		if (method === 'GET') return { body: 'none', run: () => ({ failures: s.failures.list() }) };
		if (method === 'PUT') {
			return {
				body: 'json',
				run: ({ json }) => {
					const rules = (json as { failures?: unknown } | undefined)?.failures;
					try {
						s.failures.replace(checkFailureRules(rules));
					} catch (error) {
						throw malformed(`${(error as Error).message} Send {"failures": [{"to": "whatsapp:+55…", "errorCode": 63016}]}.`);
					}
					return { failures: s.failures.list() };
				},
			};
		}
	}
	return undefined;
}

function route(method: string, parts: string[], s: StandInServices): Route | undefined {
	const [root, version, ...rest] = parts;
	if (root === API_VERSION) return apiRoute(method, [version, ...rest], s);
	if (root === 'v1') return contentRoute(method, [version, ...rest].filter((p) => p !== undefined), s);
	if (root === 'standin' && version === 'v1') return standInRoute(method, rest, s);
	return undefined;
}

function authenticated(header: string | undefined, s: StandInServices): boolean {
	const credentials = basicCredentials(header);
	if (!credentials) return false;
	if (credentials.username === s.accountSid) return secretEquals(credentials.password, s.authToken);
	const key = s.apiKeys.find((k) => k.sid === credentials.username);
	return key !== undefined && secretEquals(credentials.password, key.secret);
}

async function handle({ req, res, method, url }: StandInRequest, s: StandInServices): Promise<Reply | undefined> {
	if (!authenticated(req.headers.authorization, s)) throw authenticate();

	const parts = pathParts(url.pathname);
	const found = parts && route(method, parts, s);
	if (!found) {
		// A known path with the wrong method is 405 in Twilio; anything else is an unknown resource.
		const other = parts && ['GET', 'POST', 'DELETE', 'PUT'].some((m) => m !== method && route(m, parts, s));
		throw other ? methodNotAllowed(method, url.pathname) : notFound(url.pathname);
	}
	// Credentials are for one account; another account's path is refused like bad credentials.
	if (found.account !== undefined && found.account !== s.accountSid) throw authenticate();

	let text = '';
	let bytes: Uint8Array = new Uint8Array(0);
	if (found.body === 'none') req.resume();
	else if (found.body === 'bytes') bytes = await readBytes(req, INBOUND_MEDIA_MAX_BYTES);
	else text = await readBody(req);
	const result = found.run({
		query: url.searchParams,
		form: found.body === 'form' ? new URLSearchParams(text) : new URLSearchParams(),
		json: found.body === 'json' ? parseJson(text) : undefined,
		bytes,
		contentType: req.headers['content-type'],
	});
	if (result instanceof MediaBytes) {
		const headers: Record<string, string | number> = { 'content-type': result.contentType, 'content-length': result.data.length };
		for (const [name, value] of Object.entries(replyHeaders())) if (value !== undefined) headers[name] = value;
		res.writeHead(200, headers);
		res.end(result.data);
		return undefined;
	}
	const status = found.status ?? 200;
	return { status, body: status === 204 ? undefined : result };
}

/** Twilio's routes and error shapes for the stand-in kernel's server. */
export function twilioHandler(services: StandInServices): StandInHandler {
	return {
		health: () => ({ messages: services.messages.count() }),
		handle: (request) => handle(request, services),
		errorReply: (error) => (error instanceof TwilioHttpError ? { status: error.status, body: error.body(), headers: errorHeaders(error.status) } : undefined),
		internalError: (message) => ({
			status: 500,
			body: { code: 20500, message: `The Twilio stand-in failed: ${message}`, more_info: moreInfoUrl(20500), status: 500 },
		}),
		headers: replyHeaders,
	};
}
