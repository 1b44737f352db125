/**
 * One identity per Brazilian mobile. Anatel added a ninth digit ("9") in front of every mobile
 * number, area code by area code, from DDD 11 in July 2012 to the last areas at the end of 2016
 * (Resolução nº 553/2010; schedule by Ato nº 6.305/2012). WhatsApp still reports many accounts made
 * before that without it: `+55 11 8465-8433` is the same person as `+55 11 9 8465-8433`.
 *
 * The rule (canonical key = the 13-digit form with the ninth digit for mobiles):
 * - +55, a DDD that exists, and 8 local digits starting with 6, 7, 8 or 9 (the old mobile ranges):
 *   a mobile without its ninth digit; the key inserts the "9" after the DDD.
 * - +55, 9 local digits starting with 9: already canonical.
 * - +55, 8 local digits starting with 2, 3, 4 or 5: a landline (fixed service). Landlines never had
 *   and never get a ninth digit; the number is its own key.
 * - Anything else (another country, an unknown DDD, other lengths) is left as it is.
 *
 * Sources: Anatel's numbering plan, https://www.gov.br/anatel/pt-br/regulado/numeracao/plano-de-numeracao-brasileiro
 * (fixed numbers start 2–5, mobile numbers 9 + eight digits); Anatel's ninth-digit schedule by DDD,
 * as published on 25 Oct 2012: https://vcfaz.tv/2012/10/anatel-define-cronograma-de-implementao-do-nono-dgito-em-todo-pas/
 */
import { toE164 } from './e164';

/**
 * Brazil's area codes (Códigos Nacionais, "DDD") in use, from Anatel's numbering plan. Numbers
 * like 20, 23, 25, 26, 29, 30, 36, 39, 40, 50, 52, 56–60, 70, 72, 76, 78, 80 and 90 are not areas.
 */
export const BRAZIL_AREA_CODES: readonly string[] = [
	'11', '12', '13', '14', '15', '16', '17', '18', '19',
	'21', '22', '24', '27', '28',
	'31', '32', '33', '34', '35', '37', '38',
	'41', '42', '43', '44', '45', '46', '47', '48', '49',
	'51', '53', '54', '55',
	'61', '62', '63', '64', '65', '66', '67', '68', '69',
	'71', '73', '74', '75', '77', '79',
	'81', '82', '83', '84', '85', '86', '87', '88', '89',
	'91', '92', '93', '94', '95', '96', '97', '98', '99',
];

const AREA_CODES = new Set(BRAZIL_AREA_CODES);

/** What kind of Brazilian number an E.164 string is, by Anatel's plan; null when it is not Brazilian or not recognised. */
export type BrazilianNumberKind = 'mobile' | 'mobile-without-ninth-digit' | 'landline';

/**
 * Classifies an E.164 number (`+55...`) by Anatel's plan.
 * @returns null for non-Brazilian numbers, unknown DDDs and lengths the plan does not have
 */
export function brazilianNumberKind(e164: string): BrazilianNumberKind | null {
	const match = /^\+55(\d{2})(\d{8,9})$/.exec(e164);
	if (!match || !AREA_CODES.has(match[1])) return null;
	const local = match[2];
	if (local.length === 9) return local.startsWith('9') ? 'mobile' : null;
	if (/^[6-9]/.test(local)) return 'mobile-without-ninth-digit';
	if (/^[2-5]/.test(local)) return 'landline';
	return null;
}

/**
 * The one key a person is known by, for every place a phone is a key (Users, tasks, reminders,
 * messages, the 24-hour window, dedupe): E.164, with the ninth digit added to a Brazilian mobile
 * reported without it. Accepts what {@link toE164} accepts ("whatsapp:+55...", "(11) 8465-8433").
 *   canonicalPhoneKey('whatsapp:+551184658433') === '+5511984658433'
 *   canonicalPhoneKey('+551132654321') === '+551132654321'   // landline, unchanged
 * @throws PhoneNumberError when the input is not a phone number
 */
export function canonicalPhoneKey(raw: string, defaultCountryCode = '55'): string {
	const e164 = toE164(raw, defaultCountryCode);
	if (brazilianNumberKind(e164) !== 'mobile-without-ninth-digit') return e164;
	return `${e164.slice(0, 5)}9${e164.slice(5)}`;
}

