import type { PayloadPage, WebhookSpecification } from '../../../core/airtable/webhooks/types';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isTransientStatus, parseRetryAfter, type RetryPolicy } from '../../../core/retry/backoff';

/**
 * The Airtable Webhooks API and the two metadata calls the sync needs, over fetch: airtable.js has no
 * webhooks support. The only module of the sync that speaks HTTP.
 * Sources: https://airtable.com/developers/web/api/webhooks-overview and the endpoint pages it links.
 */

export const AIRTABLE_API_URL = 'https://api.airtable.com';

/**
 * After a 429 Airtable makes the client wait 30 seconds before requests succeed again; the webhook API
 * shares the REST API's 5 requests per second per base.
 * Source: https://airtable.com/developers/web/api/webhooks-overview (rate limits)
 */
export const RATE_LIMIT_PAUSE_MS = 30_000;

/** An Airtable error answer: status, Airtable's error type and message. */
export class AirtableApiError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
	) {
		super(message);
		this.name = 'AirtableApiError';
	}
}

export interface WebhookInfo {
	id: string;
	areNotificationsEnabled: boolean;
	cursorForNextPayload: number;
	isHookEnabled: boolean;
	notificationUrl: string | null;
	expirationTime?: string | null;
	specification: WebhookSpecification;
}

export interface CreatedWebhook {
	id: string;
	macSecretBase64: string;
	expirationTime?: string | null;
}

export interface TableSchema {
	id: string;
	name: string;
	fields: Array<{ id: string; name: string }>;
}

export interface WebhooksApiOptions {
	token: string;
	baseId: string;
	/** Default https://api.airtable.com; the sandbox's stand-in URL in tests and `npm start`. */
	endpointUrl?: string;
	/** Waits for the base's shared request budget before each call (the webhook API counts against the same 5/s). */
	acquire?: (baseId: string) => Promise<void>;
	/** Per-request timeout in ms. Default 30000. */
	timeoutMs?: number;
	/** Retries of 429, 5xx and network failures. Default DEFAULT_RETRY_POLICY. */
	retryPolicy?: RetryPolicy;
	/** The wait after a 429, in ms. Default RATE_LIMIT_PAUSE_MS (Airtable's 30 s). */
	rateLimitPauseMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

export class AirtableWebhooksApi {
	private readonly root: string;

	constructor(private readonly options: WebhooksApiOptions) {
		this.root = (options.endpointUrl ?? AIRTABLE_API_URL).replace(/\/+$/, '');
	}

	/** POST /v0/bases/{baseId}/webhooks: the MAC secret in the answer is never shown again. */
	createWebhook(notificationUrl: string, specification: WebhookSpecification): Promise<CreatedWebhook> {
		return this.call('POST', this.hooks(), { notificationUrl, specification });
	}

	async listWebhooks(): Promise<WebhookInfo[]> {
		return (await this.call<{ webhooks: WebhookInfo[] }>('GET', this.hooks())).webhooks;
	}

	refreshWebhook(webhookId: string): Promise<{ expirationTime: string | null }> {
		return this.call('POST', `${this.hooks()}/${encodeURIComponent(webhookId)}/refresh`);
	}

	async deleteWebhook(webhookId: string): Promise<void> {
		await this.call('DELETE', `${this.hooks()}/${encodeURIComponent(webhookId)}`);
	}

	/** GET .../payloads?cursor=: up to 50 payloads from `cursor`. */
	listPayloads(webhookId: string, cursor: number): Promise<PayloadPage> {
		return this.call('GET', `${this.hooks()}/${encodeURIComponent(webhookId)}/payloads?cursor=${cursor}`);
	}

	/** GET /v0/meta/bases/{baseId}/tables, reduced to ids and names. */
	async listTables(): Promise<TableSchema[]> {
		const answer = await this.call<{ tables: TableSchema[] }>('GET', `/v0/meta/bases/${encodeURIComponent(this.options.baseId)}/tables`);
		return answer.tables.map((t) => ({ id: t.id, name: t.name, fields: t.fields.map((f) => ({ id: f.id, name: f.name })) }));
	}

	/** GET /v0/meta/whoami: the token's user id, which Airtable puts on the token's own changes. */
	async whoami(): Promise<string> {
		return (await this.call<{ id: string }>('GET', '/v0/meta/whoami')).id;
	}

	private hooks(): string {
		return `/v0/bases/${encodeURIComponent(this.options.baseId)}/webhooks`;
	}

	/**
	 * One API call, retried on 429 (after Airtable's pause), 5xx and network failures. Creating a
	 * webhook is retried only after a 429, which Airtable did not process: a retried create after a
	 * lost answer could leave a second webhook behind.
	 */
	private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const policy = this.options.retryPolicy ?? DEFAULT_RETRY_POLICY;
		const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
		const safeToRepeat = !(method === 'POST' && path.endsWith('/webhooks'));
		for (let attempt = 1; ; attempt++) {
			let response: Response;
			try {
				response = await this.send(method, path, body);
			} catch (error) {
				if (!safeToRepeat || attempt >= policy.maxAttempts) throw error;
				await sleep(backoffDelayMs(attempt, policy));
				continue;
			}
			const retryable = response.status === 429 || (safeToRepeat && isTransientStatus(response.status));
			if (!retryable || attempt >= policy.maxAttempts) return this.read<T>(method, path, response);
			await response.arrayBuffer().catch(() => undefined);
			const pause = response.status === 429 ? (this.options.rateLimitPauseMs ?? RATE_LIMIT_PAUSE_MS) : backoffDelayMs(attempt, policy, parseRetryAfter(response.headers.get('retry-after')));
			await sleep(pause);
		}
	}

	private async send(method: string, path: string, body: unknown): Promise<Response> {
		await this.options.acquire?.(this.options.baseId);
		return fetch(`${this.root}${path}`, {
			method,
			headers: { authorization: `Bearer ${this.options.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
		});
	}

	private async read<T>(method: string, path: string, response: Response): Promise<T> {
		const text = await response.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : {};
		} catch {
			throw new AirtableApiError(response.status, 'INVALID_RESPONSE', `Airtable answered ${method} ${path} with ${response.status} and a body that is not JSON.`);
		}
		if (!response.ok) {
			const error = (json as { error?: unknown; errors?: Array<{ error?: string; message?: string }> }).error;
			const type = typeof error === 'string' ? error : ((error as { type?: string })?.type ?? (json as { errors?: Array<{ error?: string }> }).errors?.[0]?.error ?? 'UNKNOWN');
			const message = typeof error === 'object' && error !== null ? String((error as { message?: string }).message ?? '') : '';
			throw new AirtableApiError(response.status, type, `Airtable answered ${method} ${path} with ${response.status} ${type}${message ? `: ${message}` : ''}.`);
		}
		return json as T;
	}
}
