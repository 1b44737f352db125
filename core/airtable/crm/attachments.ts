import { AIRTABLE_MAX_TEXT_LENGTH } from '../../limits/airtable';
import { CrmInputError } from './input-error';
import { isBlank } from './values';

/**
 * The Attachments field (Messages, Tasks): the links of the photos, videos and documents a user sent,
 * one URL per line. Takes what a workflow has at hand: that text, a list of URLs, or the WhatsApp
 * Trigger's `media` list ({url, contentType}).
 * @returns the field's text, or undefined when there is nothing to store (the write leaves the field alone)
 * @throws CrmInputError naming `parameter` for a value that is not one of those shapes, a link that is
 *   not an http(s) URL, or more text than an Airtable long text holds
 */
export function attachmentsText(value: unknown, parameter = 'Attachments'): string | undefined {
	if (isBlank(value)) return undefined;
	const items: unknown[] = typeof value === 'string' ? value.split(/\r?\n/) : Array.isArray(value) ? value : [value];
	const urls = items
		.map((item) => (item !== null && typeof item === 'object' && 'url' in item ? (item as { url: unknown }).url : item))
		.map((url) => {
			if (typeof url !== 'string') throw new CrmInputError(parameter, `${parameter} holds links (text, one per line, or the trigger's media list); got ${typeof url}.`);
			return url.trim();
		})
		.filter(Boolean);
	for (const url of urls) {
		if (!/^https?:\/\/\S+$/i.test(url)) throw new CrmInputError(parameter, `${parameter} must be http(s) links, one per line; "${url.slice(0, 80)}" is not one.`);
	}
	if (urls.length === 0) return undefined;
	const text = urls.join('\n');
	if (text.length > AIRTABLE_MAX_TEXT_LENGTH) throw new CrmInputError(parameter, `${parameter} has ${text.length} characters; the limit is ${AIRTABLE_MAX_TEXT_LENGTH}.`);
	return text;
}
