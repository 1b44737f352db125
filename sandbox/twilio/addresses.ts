/**
 * Message addresses: E.164 numbers, optionally with Twilio's "whatsapp:" channel prefix.
 * Twilio accepts common punctuation in numbers and answers with the normalized E.164 form.
 */
export type Channel = 'sms' | 'whatsapp';

export interface Address {
	/** As stored and returned: "+5511987654321" or "whatsapp:+5511987654321". */
	address: string;
	channel: Channel;
	/** The bare E.164 number. */
	number: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export function parseAddress(raw: string): Address | undefined {
	const trimmed = raw.trim();
	const whatsapp = /^whatsapp:/i.test(trimmed);
	const number = (whatsapp ? trimmed.slice('whatsapp:'.length) : trimmed).replace(/[\s\-().]/g, '');
	if (!E164.test(number)) return undefined;
	return whatsapp ? { address: `whatsapp:${number}`, channel: 'whatsapp', number } : { address: number, channel: 'sms', number };
}

/** The bare number of an address, for rules that should match a number on any channel. */
export function bareNumber(address: string): string {
	return address.replace(/^whatsapp:/i, '');
}
