/**
 * Long replies split into WhatsApp messages under the body limit. Lengths are counted the way
 * Twilio counts them (UTF-16 code units: an emoji counts 2) and a cut only ever falls between
 * grapheme clusters, so no emoji, flag or accented letter is broken in two.
 */
import { WHATSAPP_BODY_LIMIT, whatsappTextLength } from '../limits/whatsapp';
import { fittingPrefixLength, graphemeBoundaries, type TextMeasure } from '../text/graphemes';

/** Preferred cut places, best first: after a blank line, a line break, a sentence end, any space. */
const BOUNDARIES = [/\n[^\S\n]*\n\s*/g, /\n\s*/g, /(?<=[.!?…])\s+/g, /\s+/g];

/** Where to end the next part of `window` (which already fits): the most natural boundary past a third of the limit. */
function naturalCut(window: string, limit: number, measure: TextMeasure): number {
	const allowed = new Set(graphemeBoundaries(window));
	for (const boundary of BOUNDARIES) {
		boundary.lastIndex = 0;
		let cut = -1;
		for (const match of window.matchAll(boundary)) {
			const end = match.index + match[0].length;
			if (match.index > 0 && allowed.has(end)) cut = end;
		}
		if (cut > 0 && measure(window.slice(0, cut)) > limit / 3) return cut;
	}
	return window.length;
}

/** A single grapheme longer than the limit (e.g. a letter with hundreds of combining marks) is cut between code points. */
function codePointPrefixLength(text: string, limit: number, measure: TextMeasure): number {
	let fit = 0;
	for (const char of text) {
		if (measure(text.slice(0, fit + char.length)) > limit) break;
		fit += char.length;
	}
	return fit;
}

/**
 * Splits `text` into parts that each measure at most `limit`, losslessly: `parts.join('')` is
 * exactly `text`. Each cut falls at the most natural boundary that fits (paragraph, then line,
 * then sentence, then word; the whitespace stays at the end of the part before the cut), else at
 * the last grapheme boundary that fits. An empty text gives no parts.
 * @param limit the service's limit (default: WhatsApp's 1600, https://www.twilio.com/docs/api/errors/21617)
 * @param measure how the service counts (default: Twilio's UTF-16 code units); must add up over graphemes
 * @throws RangeError when `limit` is below 10
 */
export function splitMessage(text: string, limit = WHATSAPP_BODY_LIMIT, measure: TextMeasure = whatsappTextLength): string[] {
	if (!(limit >= 10)) throw new RangeError(`The message limit must be at least 10 characters, got ${limit}.`);
	const parts: string[] = [];
	let rest = text;
	while (measure(rest) > limit) {
		let fit = fittingPrefixLength(rest, limit, measure);
		if (fit === 0) fit = codePointPrefixLength(rest, limit, measure);
		const cut = naturalCut(rest.slice(0, fit), limit, measure);
		parts.push(rest.slice(0, cut));
		rest = rest.slice(cut);
	}
	if (rest) parts.push(rest);
	return parts;
}
