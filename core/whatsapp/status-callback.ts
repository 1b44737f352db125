/**
 * Where Twilio reports a reply's delivery statuses (the message's StatusCallback,
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource).
 * n8n serves an active workflow's webhook at `<WEBHOOK_URL>webhook/<path>`, so another active
 * workflow's trigger on the same n8n is this trigger's production URL with its own path. Pass the
 * production URL even while this workflow runs from the editor (`webhook-test/`): the other
 * workflow listens on its production URL.
 *
 * @param webhookUrl this trigger's production URL, e.g. "https://n8n.example.com/webhook/whatsapp/inbound"
 * @param ownPath this trigger's Path, e.g. "whatsapp/inbound"
 * @param statusPath the Path of the trigger that records delivery statuses, e.g. "whatsapp/status"; blank: this one
 * @returns the status callback URL, e.g. "https://n8n.example.com/webhook/whatsapp/status"
 * @throws TypeError when `statusPath` is not a plain path, or `webhookUrl` does not end with `ownPath`
 */
export function statusCallbackUrl(webhookUrl: string, ownPath: string, statusPath: string): string {
	const target = webhookPath(statusPath);
	if (target === '') return webhookUrl;
	if (!/^[\w\-.~/]+$/.test(target) || target.split('/').some((part) => part === '' || part === '.' || part === '..')) {
		throw new TypeError(`Delivery Statuses Path must be a webhook path like "whatsapp/status"; got "${statusPath}".`);
	}
	const own = webhookPath(ownPath);
	const url = webhookUrl.replace(/\/+$/, '');
	if (own === '' || !url.endsWith(`/${own}`)) {
		throw new TypeError(`Cannot tell where this trigger's path "${ownPath}" is in its URL ${webhookUrl}; set the full status callback URL on WhatsApp Send instead.`);
	}
	return `${url.slice(0, url.length - own.length)}${target}`;
}

/** A webhook Path as n8n serves it, without surrounding spaces or slashes: " /whatsapp/status/ " → "whatsapp/status". */
export function webhookPath(path: string): string {
	return path.trim().replace(/^\/+|\/+$/g, '');
}
