import { dayInWords, dueInWords, instantMs } from '../../../../core/assistant/when-words';

// Wednesday 2026-12-02 10:30 in São Paulo (UTC-3, no DST).
const NOW = '2026-12-02T10:30:00-03:00';
const SP = 'America/Sao_Paulo';

describe('dueInWords', () => {
	it.each([
		['2026-12-02T18:00:00-03:00', 'hoje, 18:00', 'today, 18:00'],
		['2026-12-03T09:00:00-03:00', 'amanhã, 09:00', 'tomorrow, 09:00'],
		['2026-12-01T17:00:00-03:00', 'ontem, 17:00', 'yesterday, 17:00'],
		['2026-12-04T14:00:00-03:00', 'sexta, 14:00', 'Friday, 14:00'],
		['2026-12-07T08:05:00-03:00', 'segunda, 08:05', 'Monday, 08:05'],
		['2026-12-08T08:00:00-03:00', 'terça, 08:00', 'Tuesday, 08:00'],
		// A week ahead is the same weekday as today: a date, never "quarta".
		['2026-12-09T08:00:00-03:00', '09/12, 08:00', 'Dec 9, 08:00'],
		['2026-12-12T10:00:00-03:00', '12/12, 10:00', 'Dec 12, 10:00'],
		['2026-11-20T10:00:00-03:00', '20/11, 10:00', 'Nov 20, 10:00'],
		['2028-01-05T08:30:00-03:00', '05/01/2028, 08:30', 'Jan 5, 2028, 08:30'],
	])('%s reads as "%s" / "%s"', (instant, pt, en) => {
		expect(dueInWords(instant, SP, 'pt-BR', NOW)).toBe(pt);
		expect(dueInWords(instant, SP, 'en', NOW)).toBe(en);
	});

	it('reads the day in the user zone, not in UTC', () => {
		// 01:30 UTC on the 3rd is still the 2nd, 22:30, in São Paulo.
		expect(dueInWords('2026-12-03T01:30:00Z', SP, 'pt-BR', NOW)).toBe('hoje, 22:30');
		// The same instant is already the 3rd in Lisbon (UTC+0), where "now" is 13:30 on the 2nd.
		expect(dueInWords('2026-12-03T01:30:00Z', 'Europe/Lisbon', 'pt-BR', NOW)).toBe('amanhã, 01:30');
	});

	it('counts calendar days across a DST change (New York, 2026-11-01)', () => {
		const now = '2026-10-31T23:00:00-04:00';
		expect(dueInWords('2026-11-01T23:30:00-05:00', 'America/New_York', 'en', now)).toBe('tomorrow, 23:30');
	});

	it('just after midnight, "amanhã" is the next calendar day', () => {
		expect(dueInWords('2026-12-03T00:15:00-03:00', SP, 'pt-BR', '2026-12-02T23:50:00-03:00')).toBe('amanhã, 00:15');
	});

	it('takes epoch ms and Dates as well as ISO strings', () => {
		const ms = Date.parse('2026-12-03T09:00:00-03:00');
		expect(dueInWords(ms, SP, 'pt-BR', new Date(NOW))).toBe('amanhã, 09:00');
		expect(dueInWords(new Date(ms), SP, 'en', Date.parse(NOW))).toBe('tomorrow, 09:00');
	});

	it('refuses a bad instant, now or zone, naming it', () => {
		expect(() => dueInWords('amanhã', SP, 'pt-BR', NOW)).toThrow(/instant.*"amanhã"/);
		expect(() => dueInWords(NOW, SP, 'pt-BR', 'x')).toThrow(/now/);
		expect(() => dueInWords(NOW, 'Mars/Base', 'pt-BR', NOW)).toThrow(/Unknown time zone "Mars\/Base"/);
		expect(() => instantMs(new Date(NaN))).toThrow(RangeError);
	});

	it('dayInWords gives the day part alone', () => {
		expect(dayInWords('2026-12-03T09:00:00-03:00', SP, 'pt-BR', NOW)).toBe('amanhã');
		expect(dayInWords('2026-12-12T10:00:00-03:00', SP, 'en', NOW)).toBe('Dec 12');
	});
});
