import twilio from 'twilio';

/**
 * Whether a webhook really comes from Twilio: the X-Twilio-Signature must match the HMAC of the
 * public URL Twilio posted to (port and query included) and every form parameter, computed with
 * the account's auth token. The twilio library does the computing.
 */
export function verifyTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Record<string, string>): boolean {
	if (!signature || !authToken || !url) return false;
	return twilio.validateRequest(authToken, signature, url, params);
}
