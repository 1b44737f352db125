/**
 * Errors the store answers with, in Airtable's shapes. Most are {"error":{"type","message"}};
 * a few keep Airtable's odd bodies (a missing record is {"error":"NOT_FOUND"}, a 429 uses "errors").
 */
export class AirtableHttpError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
		private readonly customBody?: unknown,
	) {
		super(message);
		this.name = 'AirtableHttpError';
	}

	body(): unknown {
		return this.customBody ?? { error: { type: this.type, message: this.message } };
	}
}

export function unprocessable(type: string, message: string): AirtableHttpError {
	return new AirtableHttpError(422, type, message);
}

/** Airtable's catch-all for a malformed request: bad JSON, wrong parameter types, unknown keys. */
export function invalidRequest(message: string): AirtableHttpError {
	return unprocessable('INVALID_REQUEST_UNKNOWN', message);
}

export function authenticationRequired(): AirtableHttpError {
	return new AirtableHttpError(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
}

export function rateLimited(): AirtableHttpError {
	const message = 'Rate limit exceeded. Please try again later';
	return new AirtableHttpError(429, 'RATE_LIMIT_REACHED', message, { errors: [{ error: 'RATE_LIMIT_REACHED', message }] });
}

/** What Airtable answers, with a personal access token, for a base that does not exist or is not shared with it. */
export function baseNotFound(baseId: string): AirtableHttpError {
	return new AirtableHttpError(
		403,
		'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
		`Invalid permissions, or the requested model was not found. Base ${baseId} does not exist in this store; GET /v0/meta/bases lists the ones that do.`,
	);
}

export function tableNotFound(tableIdOrName: string, baseId: string): AirtableHttpError {
	return new AirtableHttpError(404, 'TABLE_NOT_FOUND', `Could not find table ${tableIdOrName} in application ${baseId}`);
}

/** A record id in the URL that does not exist: Airtable's body is the bare string. */
export function recordNotFound(): AirtableHttpError {
	return new AirtableHttpError(404, 'NOT_FOUND', 'Record not found', { error: 'NOT_FOUND' });
}

export function notFound(message: string): AirtableHttpError {
	return new AirtableHttpError(404, 'NOT_FOUND', message);
}

export function unknownFieldName(name: string): AirtableHttpError {
	return unprocessable('UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
}

export function invalidRecords(message: string): AirtableHttpError {
	return unprocessable('INVALID_RECORDS', message);
}

/** JSON.stringify that never throws, for quoting a client's value in a message. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'undefined';
	try {
		const text = JSON.stringify(value);
		return text.length > 200 ? `${text.slice(0, 200)}…` : text;
	} catch {
		return String(value);
	}
}
