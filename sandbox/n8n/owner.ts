import { randomBytes } from 'node:crypto';

import bcrypt from 'bcryptjs';

export interface OwnerLogin {
	email: string;
	password: string;
}

export const SANDBOX_OWNER_EMAIL = 'owner@beststag.local';

/** A fresh random owner login; the sandbox keeps it in .sandbox/ so the editor login survives restarts. */
export function newOwnerLogin(email = SANDBOX_OWNER_EMAIL): OwnerLogin {
	// n8n requires 8+ characters with a digit and an uppercase letter.
	return { email, password: `Bs-${randomBytes(12).toString('base64url')}9A` };
}

export function hashPassword(password: string): string {
	return bcrypt.hashSync(password, 10);
}

async function restCall(baseUrl: string, path: string, init: RequestInit & { cookie?: string }): Promise<{ status: number; body: unknown; cookie?: string }> {
	const headers = new Headers(init.headers);
	headers.set('content-type', 'application/json');
	if (init.cookie) headers.set('cookie', init.cookie);
	const response = await fetch(new URL(path, baseUrl), { ...init, headers, signal: AbortSignal.timeout(15_000) });
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// keep the text for the error message
	}
	const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	return { status: response.status, body, cookie: setCookie?.split(';')[0] };
}

function describe(body: unknown): string {
	return typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body).slice(0, 300);
}

/** Logs in to n8n's internal REST API as the owner and returns the session cookie. */
export async function loginAsOwner(baseUrl: string, owner: OwnerLogin): Promise<string> {
	const result = await restCall(baseUrl, '/rest/login', {
		method: 'POST',
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (result.status !== 200 || !result.cookie) {
		throw new Error(`n8n refused the owner login for ${owner.email} (HTTP ${result.status}): ${describe(result.body)}`);
	}
	return result.cookie;
}

/** Creates a public-API key with every scope the owner may grant. */
export async function createApiKey(baseUrl: string, cookie: string, label: string): Promise<string> {
	const scopes = await restCall(baseUrl, '/rest/api-keys/scopes', { method: 'GET', cookie });
	const list = (scopes.body as { data?: unknown }).data;
	if (scopes.status !== 200 || !Array.isArray(list)) {
		throw new Error(`Could not read the API key scopes (HTTP ${scopes.status}): ${describe(scopes.body)}`);
	}
	const created = await restCall(baseUrl, '/rest/api-keys', {
		method: 'POST',
		cookie,
		body: JSON.stringify({ label, scopes: list, expiresAt: null }),
	});
	const key = (created.body as { data?: { rawApiKey?: unknown } }).data?.rawApiKey;
	if (created.status !== 200 || typeof key !== 'string') {
		throw new Error(`Could not create an n8n API key (HTTP ${created.status}): ${describe(created.body)}`);
	}
	return key;
}
