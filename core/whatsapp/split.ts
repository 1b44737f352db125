/** Twilio rejects WhatsApp bodies over 1600 characters (error 21617). */
export const WHATSAPP_BODY_LIMIT = 1600;

const BOUNDARIES = [/\n\s*\n/g, /\n/g, /(?<=[.!?…])\s+/g, /\s+/g];

/**
 * Splits a long reply into messages under the limit, cutting at the most natural boundary that
 * fits: paragraph, then line, then sentence, then word; a single overlong word is cut hard.
 */
export function splitMessage(text: string, limit = WHATSAPP_BODY_LIMIT): string[] {
	if (limit < 10) throw new RangeError(`The message limit must be at least 10 characters, got ${limit}.`);
	const parts: string[] = [];
	let rest = text.trim();
	while (rest.length > limit) {
		let cut = -1;
		for (const boundary of BOUNDARIES) {
			boundary.lastIndex = 0;
			let match: RegExpExecArray | null;
			while ((match = boundary.exec(rest)) && match.index <= limit) {
				if (match.index > 0) cut = match.index;
				if (match[0].length === 0) boundary.lastIndex++;
			}
			if (cut > limit / 3) break;
			cut = -1;
		}
		if (cut === -1) cut = limit;
		parts.push(rest.slice(0, cut).trimEnd());
		rest = rest.slice(cut).trimStart();
	}
	if (rest) parts.push(rest);
	return parts;
}
