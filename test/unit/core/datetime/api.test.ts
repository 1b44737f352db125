import {
	AFTERNOON_HOUR,
	DEFAULT_DAY_HOUR,
	DEFAULT_TIME_ZONE,
	EARLY_MORNING_HOUR,
	EVENING_HOUR,
	MORNING_HOUR,
	TWO_DIGIT_YEAR_PIVOT,
	extractDateTime,
} from '../../../../core/datetime';
import { FRIDAY_MORNING } from './instants';

const now = new Date(FRIDAY_MORNING);

describe('extractDateTime contract', () => {
	it('returns nulls for empty or blank text', () => {
		for (const text of ['', '   ', '\n']) {
			expect(extractDateTime(text, { now })).toEqual({ datetime: null, title: null, matched: [], defaultedTime: false });
		}
	});

	it('reports the exact substrings it recognised, in text order', () => {
		const r = extractDateTime('Me lembra AMANHÃ às 9h de ligar pro João', { now });
		expect(r.matched).toEqual(['AMANHÃ', 'às 9h']);
		expect(r.title).toBe('ligar pro João');
	});

	it('flags a default hour only when the text named a day but no time', () => {
		expect(extractDateTime('amanhã', { now }).defaultedTime).toBe(true);
		expect(extractDateTime('amanhã de tarde', { now }).defaultedTime).toBe(true);
		expect(extractDateTime('amanhã às 10h', { now }).defaultedTime).toBe(false);
		expect(extractDateTime('em 30 min', { now }).defaultedTime).toBe(false);
		expect(extractDateTime('comprar pão', { now }).defaultedTime).toBe(false);
	});

	it('returns a null title when only date words were written', () => {
		expect(extractDateTime('amanhã às 9h', { now }).title).toBeNull();
		expect(extractDateTime('me lembra amanhã', { now }).title).toBeNull();
	});

	it('defaults to São Paulo and to the current time', () => {
		expect(DEFAULT_TIME_ZONE).toBe('America/Sao_Paulo');
		const r = extractDateTime('amanhã às 9h');
		expect(r.datetime).toMatch(/^\d{4}-\d{2}-\d{2}T09:00:00-03:00$/);
	});

	it('documents its default hours', () => {
		expect({ DEFAULT_DAY_HOUR, EARLY_MORNING_HOUR, MORNING_HOUR, AFTERNOON_HOUR, EVENING_HOUR }).toEqual({
			DEFAULT_DAY_HOUR: 9,
			EARLY_MORNING_HOUR: 8,
			MORNING_HOUR: 9,
			AFTERNOON_HOUR: 14,
			EVENING_HOUR: 19,
		});
	});

	it('documents its two-digit-year pivot (POSIX %y)', () => {
		expect(TWO_DIGIT_YEAR_PIVOT).toBe(69);
		expect(extractDateTime('31/10/74', { now }).datetime).toBe('1974-10-31T09:00:00-03:00');
		expect(extractDateTime('31/10/68', { now }).datetime).toBe('2068-10-31T09:00:00-03:00');
	});

	it('rejects an unknown zone with a RangeError that names it and suggests an IANA name', () => {
		expect(() => extractDateTime('amanhã', { now, timeZone: 'Brasilia' })).toThrow(RangeError);
		expect(() => extractDateTime('amanhã', { now, timeZone: 'Brasilia' })).toThrow(/"Brasilia".*IANA.*America\/Sao_Paulo/);
		expect(() => extractDateTime('amanhã', { now, timeZone: '' })).toThrow(RangeError);
	});

	it('rejects an invalid reference instant', () => {
		expect(() => extractDateTime('amanhã', { now: new Date('nope') })).toThrow(RangeError);
	});

	it('keeps seconds of the reference instant for relative durations', () => {
		const r = extractDateTime('em 30 min', { now: new Date('2026-11-20T13:00:42.900Z') });
		expect(r.datetime).toBe('2026-11-20T10:30:42-03:00');
	});

	it('stays fast on long, repetitive messages (no quadratic regex paths)', () => {
		const inputs = [' '.repeat(20000) + 'x', 'a '.repeat(20000), 'as '.repeat(10000), '!'.repeat(20000) + 'x', 'hoje '.repeat(5000)];
		const started = Date.now();
		for (const text of inputs) extractDateTime(text, { now });
		expect(Date.now() - started).toBeLessThan(3000);
	});
});
