import Airtable from 'airtable';

export interface AirtableCrmCredentials {
	accessToken: string;
	baseId: string;
	/** Blank means https://api.airtable.com; the sandbox points it at the local store. */
	endpointUrl?: string;
}

export const AIRTABLE_API_URL = 'https://api.airtable.com';
const REQUEST_TIMEOUT_MS = 30_000;

export interface RawResponse {
	statusCode: number;
	headers: { get(name: string): string | null };
	body: unknown;
}

/** The subset of airtable.js's base we use: its raw request, which keeps upsert's created/updated ids. */
export interface AirtableBaseClient {
	makeRequest(options: { method: string; path: string; qs?: Record<string, unknown>; body?: unknown }): Promise<RawResponse>;
}

/**
 * The official airtable.js client, with its own 429 retry turned off: it retries forever by
 * default, and this package owns a bounded retry policy instead (see request.ts).
 */
export function airtableBase(credentials: AirtableCrmCredentials): AirtableBaseClient {
	const airtable = new Airtable({
		apiKey: credentials.accessToken,
		endpointUrl: (credentials.endpointUrl || AIRTABLE_API_URL).replace(/\/+$/, ''),
		noRetryIfRateLimited: true,
		requestTimeout: REQUEST_TIMEOUT_MS,
	});
	return airtable.base(credentials.baseId) as unknown as AirtableBaseClient;
}
