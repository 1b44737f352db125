import { BRAZIL_AREA_CODES, brazilianNumberKind, canonicalPhoneKey } from '../../../../core/phone/brazil';
import { PhoneNumberError } from '../../../../core/phone/e164';

/** Every two-digit code 11–99 that is not one of Anatel's areas. */
const NOT_AREAS = Array.from({ length: 89 }, (_, i) => String(i + 11)).filter((ddd) => !BRAZIL_AREA_CODES.includes(ddd));

describe('canonicalPhoneKey: one key per Brazilian mobile', () => {
	it('the issue\'s case: whatsapp:+551184658433 is the same person as +5511984658433', () => {
		expect(canonicalPhoneKey('whatsapp:+551184658433')).toBe('+5511984658433');
		expect(canonicalPhoneKey('+5511984658433')).toBe('+5511984658433');
	});

	it('lists the 67 area codes in use', () => {
		expect(BRAZIL_AREA_CODES).toHaveLength(67);
		expect(NOT_AREAS).toEqual(['20', '23', '25', '26', '29', '30', '36', '39', '40', '50', '52', '56', '57', '58', '59', '60', '70', '72', '76', '78', '80', '90']);
	});

	it.each(BRAZIL_AREA_CODES.map((ddd) => [ddd]))('DDD %s: mobiles without the ninth digit get it, for every old mobile range (6–9)', (ddd) => {
		for (const first of ['6', '7', '8', '9']) {
			const local = `${first}4658433`;
			expect(canonicalPhoneKey(`+55${ddd}${local}`)).toBe(`+55${ddd}9${local}`);
			expect(canonicalPhoneKey(`whatsapp:+55${ddd}${local}`)).toBe(`+55${ddd}9${local}`);
			expect(canonicalPhoneKey(`(${ddd}) ${local.slice(0, 4)}-${local.slice(4)}`)).toBe(`+55${ddd}9${local}`);
			expect(brazilianNumberKind(`+55${ddd}${local}`)).toBe('mobile-without-ninth-digit');
		}
	});

	it.each(BRAZIL_AREA_CODES.map((ddd) => [ddd]))('DDD %s: numbers already with the ninth digit stay as they are', (ddd) => {
		for (const rest of ['84658433', '99990000', '51234567', '12345678']) {
			expect(canonicalPhoneKey(`+55${ddd}9${rest}`)).toBe(`+55${ddd}9${rest}`);
			expect(canonicalPhoneKey(`0${ddd} 9${rest.slice(0, 4)} ${rest.slice(4)}`)).toBe(`+55${ddd}9${rest}`);
		}
		expect(brazilianNumberKind(`+55${ddd}984658433`)).toBe('mobile');
	});

	it.each(BRAZIL_AREA_CODES.map((ddd) => [ddd]))('DDD %s: landlines (first local digit 2–5) never get a ninth digit', (ddd) => {
		for (const first of ['2', '3', '4', '5']) {
			const number = `+55${ddd}${first}2654321`;
			expect(canonicalPhoneKey(number)).toBe(number);
			expect(brazilianNumberKind(number)).toBe('landline');
		}
	});

	it('leaves 8-digit numbers in codes that are not areas untouched', () => {
		for (const ddd of NOT_AREAS) {
			expect(canonicalPhoneKey(`+55${ddd}84658433`)).toBe(`+55${ddd}84658433`);
			expect(brazilianNumberKind(`+55${ddd}84658433`)).toBeNull();
		}
	});

	it('leaves 8-digit local numbers starting 0 or 1 and 9-digit ones not starting 9 untouched', () => {
		expect(canonicalPhoneKey('+551104658433')).toBe('+551104658433');
		expect(canonicalPhoneKey('+551114658433')).toBe('+551114658433');
		expect(canonicalPhoneKey('+5511884658433')).toBe('+5511884658433');
		expect(brazilianNumberKind('+5511884658433')).toBeNull();
	});

	it.each([
		['+14155238886', '+14155238886'],
		['whatsapp:+14155238886', '+14155238886'],
		['+351912345678', '+351912345678'],
		['+5491123456789', '+5491123456789'],
		['+447911123456', '+447911123456'],
		['+861084658433', '+861084658433'],
		['+5584658433', '+5584658433'],
	])('leaves non-Brazilian (and too short) numbers untouched: %s → %s', (raw, key) => expect(canonicalPhoneKey(raw)).toBe(key));

	it('is idempotent', () => {
		for (const raw of ['+551184658433', '+5511984658433', '+551132654321', '+14155238886']) {
			expect(canonicalPhoneKey(canonicalPhoneKey(raw))).toBe(canonicalPhoneKey(raw));
		}
	});

	it('refuses what is not a phone number', () => {
		expect(() => canonicalPhoneKey('')).toThrow(PhoneNumberError);
		expect(() => canonicalPhoneKey('oi')).toThrow(PhoneNumberError);
	});
});
