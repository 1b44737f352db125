import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';

import { CHANGE_SOURCES, type WebhookAction } from '../../../core/airtable/webhooks/types';
import { describeValue, invalidRequest } from '../errors';

/**
 * Who made the change a request writes, as webhook payloads report it in actionMetadata. Every
 * request through the Web API is "publicApi", by the token's user; a sandbox-only header lets tests and
 * the simulator act as a manager editing in Airtable's UI ("client") or another source instead.
 * Source: https://airtable.com/developers/web/api/model/webhooks-payload (actionMetadata)
 */

/** Sandbox-only request header naming the change source, e.g. "client" for an edit in Airtable's UI. Real Airtable ignores it. */
export const SANDBOX_SOURCE_HEADER = 'x-sandbox-change-source';

/** The collaborator a "client" change is attributed to. */
export const SANDBOX_MANAGER = { id: 'usrSandboxManager', email: 'manager@sandbox.local', permissionLevel: 'create', name: 'Sandbox manager' } as const;

const context = new AsyncLocalStorage<WebhookAction>();

export function runWithAction<T>(action: WebhookAction, work: () => T): T {
	return context.run(action, work);
}

/** The action of the request being served; writes made outside any request count as "system". */
export function currentAction(): WebhookAction {
	return context.getStore() ?? { source: 'system', sourceMetadata: {} };
}

/**
 * The action a request's writes are reported with: "publicApi" by `userId` (the token's user, as
 * /v0/meta/whoami reports it) unless the sandbox header names another source.
 * @throws AirtableHttpError 422 when the header names no known source.
 */
export function actionForRequest(headers: IncomingHttpHeaders, userId: string): WebhookAction {
	const raw = headers[SANDBOX_SOURCE_HEADER];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value !== undefined && !(CHANGE_SOURCES as readonly string[]).includes(value)) {
		throw invalidRequest(`The sandbox header ${SANDBOX_SOURCE_HEADER} must be one of ${CHANGE_SOURCES.join(', ')}, got ${describeValue(value)}.`);
	}
	const source = value ?? 'publicApi';
	if (source === 'publicApi') return { source, sourceMetadata: { user: { id: userId, email: 'api@sandbox.local', permissionLevel: 'create', name: 'API token owner' } } };
	if (source === 'client') return { source, sourceMetadata: { user: { ...SANDBOX_MANAGER } } };
	return { source, sourceMetadata: {} };
}
