import twilio from 'twilio';
import type { ClientOpts } from 'twilio/lib/base/BaseTwilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/**
 * Pointing the official twilio client at another server (the sandbox stand-in). The client has no
 * base-URL option: each domain hard-codes https://api.twilio.com, https://content.twilio.com...,
 * and edge/region only change the host name. Every request, including the absolute next-page URLs
 * Twilio returns, goes through the client's `httpClient`, so a RequestClient that rewrites
 * *.twilio.com to the base URL redirects all of it and nothing else changes.
 */

/** Rewrites a *.twilio.com URL onto `baseUrl` (which may carry a path prefix); other URLs pass through. */
export function rewriteTwilioUrl(uri: string, baseUrl: string): string {
	const url = new URL(uri);
	if (url.hostname !== 'twilio.com' && !url.hostname.endsWith('.twilio.com')) return uri;
	const base = new URL(baseUrl);
	return `${base.origin}${base.pathname.replace(/\/+$/, '')}${url.pathname}${url.search}`;
}

export class BaseUrlRequestClient extends twilio.RequestClient {
	constructor(
		readonly baseUrl: string,
		options?: RequestClient.RequestClientOptions,
	) {
		super(options);
	}

	override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
		return super.request({ ...opts, uri: rewriteTwilioUrl(opts.uri, this.baseUrl) });
	}
}

/** The official client, aimed at `baseUrl` when given (blank means Twilio itself). */
export function twilioClient(accountSid: string, authToken: string, baseUrl?: string, options: ClientOpts = {}): twilio.Twilio {
	return twilio(accountSid, authToken, baseUrl ? { ...options, httpClient: new BaseUrlRequestClient(baseUrl) } : options);
}
