import { AIRTABLE_MAX_PAGE_SIZE, AIRTABLE_RATE_LIMIT_PENALTY_MS, AIRTABLE_REQUESTS_PER_SECOND_PER_BASE } from '../../../core/limits/airtable';
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

/**
 * A failed Airtable call, explained for the n8n editor; `attempts` tells how hard we tried (0 when
 * nothing was sent because the base is paused), `retryAfterMs` when Airtable's rate-limit penalty
 * says how long to wait before the base answers again.
 */
export class AirtableRequestError extends Error {
	constructor(
		readonly explained: ExplainedError,
		readonly status: number | undefined,
		readonly type: string,
		readonly attempts: number,
		readonly retryAfterMs?: number,
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
	/** How long a 429 pauses the base. Default Airtable's 30 s (core/limits/airtable.ts); tests shorten it. */
	rateLimitPenaltyMs?: number;
	policy?: RetryPolicy;
	sleep?: (ms: number) => Promise<void>;
	client?: AirtableBaseClient;
}

/**
 * The only place that talks to Airtable: every call waits for the base's rate limiter, goes
 * through airtable.js, and retries 5xx and connection errors with capped backoff, never forever.
 *
 * A 429 is not retried: Airtable then refuses the base for 30 s, and every request sent meanwhile
 * may restart that penalty (https://airtable.com/developers/web/api/rate-limits). The gateway
 * pauses the base in the shared limiter, so other items, executions and processes stop sending
 * too, and fails at once with an AirtableRequestError saying how long to wait. While the base is
 * paused, calls fail the same way without sending anything.
 */
export class AirtableGateway {
	private readonly client: AirtableBaseClient;
	private readonly limiter: BaseRateLimiter;
	private readonly policy: RetryPolicy;
	private readonly sleep: (ms: number) => Promise<void>;
	private readonly penaltyMs: number;
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
		this.penaltyMs = options.rateLimitPenaltyMs ?? AIRTABLE_RATE_LIMIT_PENALTY_MS;
	}

	/** The base this gateway writes to (the credential's Base ID). */
	get baseId(): string {
		return this.credentials.baseId;
	}

	/**
	 * Sends one request and returns its JSON body. Throws AirtableRequestError: at once for a
	 * refusal (4xx) or a 429, after the retry policy for 5xx and connection errors.
	 */
	async call<T>(call: AirtableCall, context: WriteContext): Promise<T> {
		const baseId = this.credentials.baseId;
		for (let attempt = 1; ; attempt++) {
			const paused = await this.limiter.pausedMs(baseId);
			if (paused > 0) throw rateLimitError(call, paused, attempt - 1, false);
			await this.limiter.acquire(baseId);
			this.requestCount++;
			try {
				const response = await this.client.makeRequest({ method: call.method, path: call.path, qs: call.qs ?? {}, body: call.body });
				return response.body as T;
			} catch (raw) {
				const error = raw as AirtableJsError;
				const status = error.statusCode ?? undefined;
				const type = error.error ?? 'UNEXPECTED_ERROR';
				if (status === 429 || type === 'TOO_MANY_REQUESTS' || type === 'RATE_LIMIT_REACHED') {
					await this.limiter.pause(baseId, this.penaltyMs);
					throw rateLimitError(call, this.penaltyMs, attempt, true);
				}
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
					body: { pageSize: AIRTABLE_MAX_PAGE_SIZE, ...query, ...(offset ? { offset } : {}) },
				},
				{ table },
			);
			records.push(...page.records);
			offset = page.offset;
		} while (offset && (query.maxRecords === undefined || records.length < query.maxRecords));
		return query.maxRecords === undefined ? records : records.slice(0, query.maxRecords);
	}
}

/** The error for a base Airtable is refusing after a 429: the cause, how long, and what to do. */
function rateLimitError(call: AirtableCall, waitMs: number, attempts: number, justRefused: boolean): AirtableRequestError {
	const seconds = Math.ceil(waitMs / 1000);
	const write = call.method !== 'GET' && !call.path.endsWith('/listRecords');
	const cause = justRefused
		? `Airtable answered 429: more than ${AIRTABLE_REQUESTS_PER_SECOND_PER_BASE} requests per second reached this base, and Airtable now refuses it for ${Math.round(AIRTABLE_RATE_LIMIT_PENALTY_MS / 1000)} s.`
		: `Airtable answered 429 to an earlier request to this base and refuses it for ${seconds} s more; this request was not sent, so the penalty does not grow.`;
	const explained: ExplainedError = {
		message: `Airtable is refusing this base for ${seconds} s (rate limit)`,
		description:
			`${cause} ${write ? 'Nothing was written.' : 'Nothing was read.'} Every workflow using this base on this n8n (all processes, with Redis) waits too. ` +
			`Retry after ${seconds} s: with Continue On Fail, send the failed items through a Wait node of ${seconds} s and back to this node (n8n's Retry On Fail waits at most 5 s, too short), ` +
			'and look for other tools or workflows sending many requests to this base at once.',
		transient: true,
	};
	return new AirtableRequestError(explained, 429, 'RATE_LIMIT_REACHED', attempts, waitMs);
}

export interface AirtableRecord {
	id: string;
	createdTime: string;
	fields: Record<string, unknown>;
}
