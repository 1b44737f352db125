/**
 * Why an LLM call failed, in one vocabulary for both SDKs. The strategy reports it as the fallback reason
 * and counts it against the circuit breaker; the SDK's own error stays on `cause`.
 */
import { parseRetryAfter } from '../retry/backoff';
import { LlmAnswerError } from './schema';
import type { LlmEngineName } from './types';

export type LlmFailureKind =
	| 'timeout'
	| 'rate_limited'
	| 'overloaded'
	| 'server_error'
	| 'auth'
	| 'bad_request'
	| 'connection'
	| 'refused'
	| 'bad_answer'
	| 'error';

export class LlmCallError extends Error {
	constructor(
		readonly engine: LlmEngineName,
		readonly kind: LlmFailureKind,
		message: string,
		readonly status?: number,
		/** From the service's retry-after header, on 429 and 5xx. */
		readonly retryAfterMs?: number,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.name = 'LlmCallError';
	}
}

/** The error classes both SDKs export under these names. */
export interface SdkErrorClasses {
	APIError: abstract new (...args: never[]) => { status?: number; headers?: Headers; message: string };
	APIConnectionError: abstract new (...args: never[]) => Error;
	APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
}

function kindOfStatus(status: number): LlmFailureKind {
	if (status === 429) return 'rate_limited';
	// 529 is Anthropic's "overloaded"; 503 is how OpenAI says the same.
	if (status === 529 || status === 503) return 'overloaded';
	if (status >= 500) return 'server_error';
	if (status === 401 || status === 403) return 'auth';
	return 'bad_request';
}

/**
 * Turns whatever an SDK call threw into an LlmCallError; LlmAnswerError passes through unchanged.
 * `elapsedMs` is how long the call took: when fetch's abort error crosses a realm (jest's sandbox) or a
 * fetch reports it its own way, the SDK sees a plain connection error, and one at the deadline is the timeout.
 */
export function fromSdkError(engine: LlmEngineName, error: unknown, sdk: SdkErrorClasses, timeoutMs: number, elapsedMs: number): Error {
	if (error instanceof LlmCallError || error instanceof LlmAnswerError) return error;
	const service = engine === 'openai' ? 'OpenAI' : 'Anthropic';
	const atDeadline = error instanceof sdk.APIConnectionError && elapsedMs >= timeoutMs - 5;
	if (error instanceof sdk.APIConnectionTimeoutError || atDeadline) {
		return new LlmCallError(engine, 'timeout', `${service} did not answer within ${timeoutMs} ms.`, undefined, undefined, { cause: error });
	}
	if (error instanceof sdk.APIConnectionError) {
		return new LlmCallError(engine, 'connection', `Could not reach ${service}: ${error.message}`, undefined, undefined, { cause: error });
	}
	if (error instanceof sdk.APIError && typeof error.status === 'number') {
		const kind = kindOfStatus(error.status);
		const retryAfterMs = parseRetryAfter(error.headers?.get('retry-after'));
		const hint = kind === 'auth' ? ' Check the API key.' : kind === 'bad_request' ? ' Check the model name and the request options.' : '';
		return new LlmCallError(engine, kind, `${service} answered ${error.message}.${hint}`, error.status, retryAfterMs, { cause: error });
	}
	const message = error instanceof Error ? error.message : String(error);
	return new LlmCallError(engine, 'error', `${service} call failed: ${message}`, undefined, undefined, { cause: error });
}

/** The fallback reason for a failed call. */
export function failureKind(error: unknown): LlmFailureKind {
	if (error instanceof LlmCallError) return error.kind;
	if (error instanceof LlmAnswerError) return 'bad_answer';
	return 'error';
}
