/**
 * Phone numbers as BestStag keys users by them: E.164 (+5511987654321). Brazilian users type
 * numbers every which way ("(11) 98765-4321", "011 98765 4321", "whatsapp:+55..."), so national
 * numbers default to Brazil.
 */
export class PhoneNumberError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PhoneNumberError';
	}
}

const DIGITS = /\d/g;

export function toE164(raw: string, defaultCountryCode = '55'): string {
	if (typeof raw !== 'string' || !raw.trim()) throw new PhoneNumberError('The phone number is empty. Use international format, e.g. +5511987654321.');
	const text = raw.trim().replace(/^whatsapp:/i, '');
	const digits = (text.match(DIGITS) ?? []).join('');
	let e164: string;
	if (text.startsWith('+')) e164 = `+${digits}`;
	else if (text.startsWith('00')) e164 = `+${digits.slice(2)}`;
	else if (digits.length === 10 || digits.length === 11) e164 = `+${defaultCountryCode}${digits}`;
	else if (digits.length === 12 && digits.startsWith('0')) e164 = `+${defaultCountryCode}${digits.slice(1)}`;
	else e164 = `+${digits}`;
	// E.164 allows at most 15 digits; fewer than 8 is never a reachable number.
	if (!/^\+[1-9]\d{7,14}$/.test(e164)) {
		throw new PhoneNumberError(`"${raw}" is not a valid phone number. Use international format, e.g. +5511987654321.`);
	}
	return e164;
}
