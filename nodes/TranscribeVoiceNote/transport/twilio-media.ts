/**
 * Downloading an incoming message's media from Twilio. The twilio SDK has no media download (its Media
 * resource only describes a file), so this is one authenticated GET on the MediaUrl, as Twilio documents:
 * HTTP Basic with the Account SID and Auth Token, or an API key SID and secret. Twilio may redirect to a
 * signed storage URL; fetch drops the Authorization header when a redirect leaves the origin, so the
 * credentials only ever go to Twilio.
 * Source: https://www.twilio.com/docs/messaging/api/media-resource ("Twilio enforces HTTP Basic Authentication for all media URLs")
 */
import { rewriteTwilioUrl } from '../../shared/twilio-client';

export interface TwilioMediaCredentials {
	accountSid: string;
	authToken: string;
	apiKeySid?: string;
	apiKeySecret?: string;
	/** The credential's API Base URL (the sandbox's stand-in); blank means Twilio itself. */
	baseUrl?: string;
}

/** A media download that failed, with what to do about it (the node's item error description). */
export class MediaDownloadError extends Error {
	constructor(
		message: string,
		readonly description: string,
		/** 'too_large' when the file is over the limit: the node answers it honestly instead of failing. */
		readonly reason?: 'too_large',
	) {
		super(message);
		this.name = 'MediaDownloadError';
	}
}

export interface DownloadedMedia {
	data: Uint8Array;
	/** The content type Twilio answered (falls back to the webhook's MediaContentType). */
	contentType: string;
}

/** Which host may receive the credentials: Twilio's own, or the configured base URL's. */
function checkedUrl(mediaUrl: string, baseUrl: string | undefined): URL {
	let url: URL;
	try {
		url = new URL(baseUrl ? rewriteTwilioUrl(mediaUrl, baseUrl) : mediaUrl);
	} catch {
		throw new MediaDownloadError(`The media URL "${mediaUrl}" is not a URL.`, "Point Media URL at the WhatsApp Trigger's media URL, e.g. {{ $json.media[0].url }}.");
	}
	const twilioHost = url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com');
	const baseOrigin = baseUrl ? new URL(baseUrl).origin : undefined;
	if (!(twilioHost && url.protocol === 'https:') && url.origin !== baseOrigin) {
		throw new MediaDownloadError(
			`The media URL "${url.origin}" is not Twilio's, so the Twilio credentials are not sent there.`,
			'Only media URLs of incoming Twilio messages (https://api.twilio.com/…/Media/ME…) can be downloaded.',
		);
	}
	return url;
}

/**
 * Downloads one media file with the credential's Basic auth.
 * @param maxBytes larger files are refused before they are read whole (MediaDownloadError, reason too_large)
 * @param timeoutMs for the whole download
 * @throws MediaDownloadError for a refused URL, 401/403 (credentials), 404 (deleted or expired media),
 *   any other HTTP failure, a timeout, or a file over maxBytes
 */
export async function downloadTwilioMedia(
	mediaUrl: string,
	fallbackContentType: string,
	credentials: TwilioMediaCredentials,
	options: { maxBytes: number; timeoutMs: number },
): Promise<DownloadedMedia> {
	const url = checkedUrl(mediaUrl, credentials.baseUrl || undefined);
	const [user, password] = credentials.apiKeySid && credentials.apiKeySecret ? [credentials.apiKeySid, credentials.apiKeySecret] : [credentials.accountSid, credentials.authToken];
	let response: Response;
	try {
		response = await fetch(url, {
			headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
			redirect: 'follow',
			signal: AbortSignal.timeout(options.timeoutMs),
		});
	} catch (error) {
		const cause = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (error as Error).message;
		throw new MediaDownloadError(`Could not download the media from Twilio: ${cause}.`, 'Twilio (or the API Base URL of the credential) did not answer; the execution can be retried.');
	}
	if (response.status === 401 || response.status === 403) {
		await response.body?.cancel();
		throw new MediaDownloadError(
			`Twilio refused the credentials for the media (HTTP ${response.status}).`,
			'Media URLs need the account\'s credentials: check the Account SID and Auth Token (or API key) of the "BestStag Twilio WhatsApp API" credential.',
		);
	}
	if (response.status === 404) {
		await response.body?.cancel();
		throw new MediaDownloadError(
			'The media no longer exists on Twilio (HTTP 404): it was deleted or has expired.',
			'The voice note cannot be fetched any more; ask the user to send it again.',
		);
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new MediaDownloadError(`Twilio answered HTTP ${response.status} for the media.`, 'A temporary Twilio failure; the execution can be retried.');
	}
	const declared = Number(response.headers.get('content-length') ?? NaN);
	const tooLarge = () => new MediaDownloadError(`The media is larger than ${options.maxBytes} bytes.`, 'Files this large cannot be transcribed.', 'too_large');
	if (declared > options.maxBytes) {
		await response.body?.cancel();
		throw tooLarge();
	}
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of response.body ?? []) {
		size += chunk.length;
		if (size > options.maxBytes) throw tooLarge();
		chunks.push(chunk);
	}
	const data = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		data.set(chunk, at);
		at += chunk.length;
	}
	return { data, contentType: response.headers.get('content-type') || fallbackContentType };
}
