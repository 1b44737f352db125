import { atWhen, shortWhen, whenWords } from '../../../../core/assistant/when';

const NOW = new Date('2026-11-29T13:00:00Z'); // Sunday 10:00 in São Paulo
const SP = 'America/Sao_Paulo';

describe('an instant in words, in the user’s zone', () => {
	it.each([
		['2026-11-29T20:00:00-03:00', 'hoje, 20:00', 'today, 20:00'],
		['2026-11-30T09:00:00-03:00', 'amanhã, 09:00', 'tomorrow, 09:00'],
		['2026-12-04T14:30:00-03:00', 'sexta, 14:30', 'Friday, 14:30'],
		['2026-12-25T08:00:00-03:00', '25/12, 08:00', 'Dec 25, 08:00'],
		['2027-01-10T08:00:00-03:00', '10/01/2027, 08:00', 'Jan 10, 2027, 08:00'],
	])('%s', (iso, pt, en) => {
		expect(shortWhen(iso, 'pt-BR', SP, NOW)).toBe(pt);
		expect(shortWhen(iso, 'en', SP, NOW)).toBe(en);
	});

	it('reads the day in the user’s zone, not UTC', () => {
		// 01:30 UTC on the 30th is still the 29th, 22:30, in São Paulo.
		expect(shortWhen('2026-11-30T01:30:00Z', 'pt-BR', SP, NOW)).toBe('hoje, 22:30');
		expect(shortWhen('2026-11-30T01:30:00Z', 'pt-BR', 'Europe/Lisbon', NOW)).toBe('amanhã, 01:30');
	});

	it('says "às" with the right article', () => {
		expect(atWhen('2026-11-30T09:00:00-03:00', 'pt-BR', SP, NOW)).toBe('amanhã às 09:00');
		expect(atWhen('2026-12-04T14:00:00-03:00', 'pt-BR', SP, NOW)).toBe('na sexta às 14:00');
		expect(atWhen('2026-12-05T14:00:00-03:00', 'pt-BR', SP, NOW)).toBe('no sábado às 14:00');
		expect(atWhen('2026-12-25T08:00:00-03:00', 'pt-BR', SP, NOW)).toBe('em 25/12 às 08:00');
		expect(atWhen('2026-12-04T14:00:00-03:00', 'en', SP, NOW)).toBe('on Friday at 14:00');
		expect(atWhen('2026-11-30T09:00:00-03:00', 'en', SP, NOW)).toBe('tomorrow at 09:00');
	});

	it('refuses what is not an instant', () => {
		expect(() => whenWords('amanhã', 'pt-BR', SP, NOW)).toThrow(RangeError);
	});
});
