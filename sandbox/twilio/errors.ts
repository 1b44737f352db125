/**
 * Errors in Twilio's REST shape, {code, message, more_info, status}. The official client turns this
 * body into a RestException with the same code, status and message, so callers can branch on them.
 */
export class TwilioHttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
	) {
		super(message);
		this.name = 'TwilioHttpError';
	}

	body(): { code: number; message: string; more_info: string; status: number } {
		return { code: this.code, message: this.message, more_info: moreInfoUrl(this.code), status: this.status };
	}
}

export function moreInfoUrl(code: number): string {
	return `https://www.twilio.com/docs/errors/${code}`;
}

/** A parameter Twilio refuses: 400 with the parameter's own error code. */
export function badRequest(code: number, message: string): TwilioHttpError {
	return new TwilioHttpError(400, code, message);
}

/**
 * Twilio's code for a malformed request that has no more specific code (bad JSON, a wrong type,
 * an unknown field). The stand-in also uses it for malformed list parameters; see README.md.
 */
export const BAD_REQUEST_CODE = 70002;

export function malformed(message: string): TwilioHttpError {
	return badRequest(BAD_REQUEST_CODE, message);
}

export function authenticate(): TwilioHttpError {
	return new TwilioHttpError(401, 20003, 'Authenticate');
}

/** Twilio's answer for any unknown resource: the path, as the client asked for it. */
export function notFound(path: string): TwilioHttpError {
	return new TwilioHttpError(404, 20404, `The requested resource ${path} was not found`);
}

export function methodNotAllowed(method: string, path: string): TwilioHttpError {
	return new TwilioHttpError(405, 20004, `Method not allowed: ${method} ${path}`);
}
