/**
 * num_segments as Twilio counts it. WhatsApp has no segments (always 1). SMS uses GSM-7 when every
 * character is in the GSM alphabet (160 per message, 153 per part; extension characters count
 * twice), otherwise UCS-2 (70 per message, 67 per part, in UTF-16 code units).
 */
import type { Channel } from './addresses';

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

function gsmLength(text: string): number | undefined {
	let length = 0;
	for (const char of text) {
		if (GSM_BASIC.includes(char)) length += 1;
		else if (GSM_EXTENDED.includes(char)) length += 2;
		else return undefined;
	}
	return length;
}

export function countSegments(body: string, channel: Channel): number {
	if (channel === 'whatsapp' || body.length === 0) return 1;
	const gsm = gsmLength(body);
	if (gsm !== undefined) return gsm <= 160 ? 1 : Math.ceil(gsm / 153);
	return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
}
