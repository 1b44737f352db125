import { explainAirtableError, type ExplainedError, type WriteContext } from '../../../core/airtable/error-messages';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isTransientStatus, type RetryPolicy } from '../../../core/retry/backoff';
import { airtableBase, type AirtableBaseClient, type AirtableCrmCredentials } from './client';
import { defaultLimiter, type BaseRateLimiter } from './rate-limiter';

export interface AirtableCall {
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	/** Table path below the base, e.g. "/Users" or "/Tasks/rec123". */
	path: string;
	qs?: Record<string, unknown>;
	body?: unknown;
}

/** A failed Airtable call, explained for the n8n editor; `attempts` tells how hard we tried. */
export class AirtableRequestError extends Error {
	constructor(
		readonly explained: ExplainedError,
		readonly status: number | undefined,
		readonly type: string,
		readonly attempts: number,
	) {
		super(explained.message);
		this.name = 'AirtableRequestError';
	}
}

interface AirtableJsError {
	error?: string;
	message?: string;
	statusCode?: number;
}

export interface GatewayOptions {
	limiter?: BaseRateLimiter;
	policy?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
	client?: AirtableBaseClient;
}

/**
 * The only place that talks to Airtable: every call waits for the base's rate limiter, goes
 * through airtable.js, and retries 429/5xx/connection errors with capped backoff, never forever.
 */
export class AirtableGateway {
	private readonly client: AirtableBaseClient;
	private readonly limiter: BaseRateLimiter;
	private readonly policy: RetryPolicy;
	private readonly sleep: (ms: number) => Promise<void>;
	/** Requests actually sent, retries included, for benchmarks and tests. */
	requestCount = 0;

	constructor(
		private readonly credentials: AirtableCrmCredentials,
		options: GatewayOptions = {},
	) {
		this.client = options.client ?? airtableBase(credentials);
		this.limiter = options.limiter ?? defaultLimiter();
		this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
		this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
	}

	async call<T>(call: AirtableCall, context: WriteContext): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			await this.limiter.acquire(this.credentials.baseId);
			this.requestCount++;
			try {
				const response = await this.client.makeRequest({ method: call.method, path: call.path, qs: call.qs ?? {}, body: call.body });
				return response.body as T;
			} catch (raw) {
				const error = raw as AirtableJsError;
				const status = error.statusCode ?? undefined;
				const type = error.error ?? 'UNEXPECTED_ERROR';
				const transient = type === 'CONNECTION_ERROR' || (status !== undefined && status !== null && isTransientStatus(status));
				if (transient && attempt < this.policy.maxAttempts) {
					// airtable.js does not expose response headers on errors, so no Retry-After here.
					await this.sleep(backoffDelayMs(attempt, this.policy));
					continue;
				}
				const explained =
					type === 'CONNECTION_ERROR'
						? {
								message: 'Could not reach Airtable',
								description: `${error.message ?? ''} (tried ${attempt} times). Check the endpoint URL in the credential and the network.`,
								transient: true,
							}
						: explainAirtableError({ type, message: error.message ?? '', status: status ?? undefined }, context);
				throw new AirtableRequestError(explained, status ?? undefined, type, attempt);
			}
		}
	}

	/** Every record matching the query, following Airtable's offset pagination. */
	async listAll(table: string, query: { filterByFormula?: string; sort?: Array<{ field: string; direction: 'asc' | 'desc' }>; maxRecords?: number; fields?: string[] }): Promise<AirtableRecord[]> {
		const records: AirtableRecord[] = [];
		let offset: string | undefined;
		do {
			const page = await this.call<{ records: AirtableRecord[]; offset?: string }>(
				{
					method: 'POST',
					path: `/${encodeURIComponent(table)}/listRecords`,
					body: { pageSize: 100, ...query, ...(offset ? { offset } : {}) },
				},
				{ table },
			);
			records.push(...page.records);
			offset = page.offset;
		} while (offset && (query.maxRecords === undefined || records.length < query.maxRecords));
		return query.maxRecords === undefined ? records : records.slice(0, query.maxRecords);
	}
}

export interface AirtableRecord {
	id: string;
	createdTime: string;
	fields: Record<string, unknown>;
}
