import { formatInstant, offsetMinutesAt, wallClockAt, zonedToInstant } from '../../../../core/datetime/timezone';
import { normalize, originalRange } from '../../../../core/datetime/normalize';

const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({
	year,
	month,
	day,
	hour,
	minute,
	second: 0,
});

describe('timezone arithmetic', () => {
	it('reads São Paulo as UTC-03:00 without daylight saving', () => {
		expect(offsetMinutesAt(Date.parse('2026-01-15T12:00:00Z'), 'America/Sao_Paulo')).toBe(-180);
		expect(offsetMinutesAt(Date.parse('2026-07-15T12:00:00Z'), 'America/Sao_Paulo')).toBe(-180);
		expect(formatInstant(Date.parse('2026-11-20T13:00:00Z'), 'America/Sao_Paulo')).toBe('2026-11-20T10:00:00-03:00');
	});

	it('round-trips wall clock and instant', () => {
		const instant = zonedToInstant(wall(2026, 11, 23, 9), 'America/Sao_Paulo');
		expect(new Date(instant).toISOString()).toBe('2026-11-23T12:00:00.000Z');
		expect(wallClockAt(instant, 'America/Sao_Paulo')).toEqual(wall(2026, 11, 23, 9));
	});

	it('moves a time inside a spring-forward gap past the gap', () => {
		const instant = zonedToInstant(wall(2026, 3, 8, 2, 30), 'America/New_York');
		expect(formatInstant(instant, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
	});

	it('takes the earlier instant of a repeated fall-back hour', () => {
		const ny = zonedToInstant(wall(2026, 11, 1, 1, 30), 'America/New_York');
		expect(formatInstant(ny, 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
		const lisbon = zonedToInstant(wall(2026, 10, 25, 1, 30), 'Europe/Lisbon');
		expect(formatInstant(lisbon, 'Europe/Lisbon')).toBe('2026-10-25T01:30:00+01:00');
	});

	it('formats half-hour offsets and UTC', () => {
		expect(formatInstant(Date.parse('2026-11-20T13:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-20T18:30:00+05:30');
		expect(formatInstant(Date.parse('2026-11-20T13:00:00Z'), 'UTC')).toBe('2026-11-20T13:00:00+00:00');
	});
});

describe('normalize', () => {
	it('folds case and accents while mapping back to the original text', () => {
		const norm = normalize('Amanhã ÀS 9h 🙏 terça');
		expect(norm.text).toBe('amanha as 9h 🙏 terca');
		const at = norm.text.indexOf('terca');
		expect(norm.original.slice(...originalRange(norm, at, at + 5))).toBe('terça');
	});

	it('turns ordinal indicators into letters', () => {
		expect(normalize('2ª feira, 1º de maio').text).toBe('2a feira, 1o de maio');
	});
});
