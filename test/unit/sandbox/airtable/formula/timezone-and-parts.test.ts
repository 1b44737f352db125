import { compileFormula, FormulaError } from '../../../../../sandbox/airtable/formula';
import { compileError, ERROR, evaluate, matches, NOW, record } from './helpers';

// NOW is Friday 2024-03-15 13:45:30.250 UTC.
describe('SET_TIMEZONE', () => {
	it.each([
		["DATETIME_FORMAT(SET_TIMEZONE(NOW(), 'America/Sao_Paulo'), 'YYYY-MM-DD HH:mm Z')", '2024-03-15 10:45 -03:00'],
		["DATETIME_FORMAT(SET_TIMEZONE(NOW(), 'Asia/Kolkata'), 'HH:mm ZZ')", '19:15 +0530'],
		["DATETIME_FORMAT(SET_TIMEZONE(NOW(), 'america/sao_paulo'), 'LLL')", 'March 15, 2024 10:45 AM'],
		// Summer and winter time in New York.
		["DATETIME_FORMAT(SET_TIMEZONE('2024-07-01T12:00:00Z', 'America/New_York'), 'HH:mm Z')", '08:00 -04:00'],
		["DATETIME_FORMAT(SET_TIMEZONE('2024-01-15T12:00:00Z', 'America/New_York'), 'HH:mm Z')", '07:00 -05:00'],
		// Past midnight UTC is still the day before in São Paulo.
		["DATETIME_FORMAT(SET_TIMEZONE('2024-03-15T01:00:00Z', 'America/Sao_Paulo'), 'YYYY-MM-DD dddd DDD')", '2024-03-14 Thursday 74'],
		["DATESTR(SET_TIMEZONE('2024-03-15T01:00:00Z', 'America/Sao_Paulo'))", '2024-03-14'],
		["HOUR(SET_TIMEZONE(NOW(), 'America/Sao_Paulo'))", 10],
		["DATETIME_FORMAT(SET_TIMEZONE(NOW(), 'UTC'), 'HH:mm Z')", '13:45 +00:00'],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source)).toBe(expected);
	});

	it('keeps the instant: comparisons and the API value are unchanged', () => {
		expect(evaluate("IS_SAME(SET_TIMEZONE(NOW(), 'America/Sao_Paulo'), NOW())")).toBe(true);
		expect(evaluate("SET_TIMEZONE(NOW(), 'America/Sao_Paulo')")).toBe('2024-03-15T13:45:30.250Z');
		expect(matches("DATETIME_FORMAT(SET_TIMEZONE({Due}, 'America/Sao_Paulo'), 'YYYY-MM-DD') = '2024-03-14'", { Due: '2024-03-15T02:30:00.000Z' })).toBe(true);
	});

	it('refuses an unknown zone written in the formula (422), and gives #ERROR! for a computed one', () => {
		expect(compileError("SET_TIMEZONE(NOW(), 'Mars/Olympus')").message).toBe(
			'Unknown time zone "Mars/Olympus" in SET_TIMEZONE at position 21: use an IANA name such as "America/Sao_Paulo" or "UTC"',
		);
		expect(evaluate('DATETIME_FORMAT(SET_TIMEZONE(NOW(), {Zone}))', { Zone: 'Nowhere' })).toEqual(ERROR);
	});
});

describe('SET_LOCALE', () => {
	it('accepts English and refuses locales it cannot print', () => {
		expect(evaluate("DATETIME_FORMAT(SET_LOCALE(NOW(), 'en'), 'MMMM')")).toBe('March');
		expect(compileError("DATETIME_FORMAT(SET_LOCALE(NOW(), 'pt-br'), 'MMMM')").message).toContain(
			'Locale "pt-br" is not supported by the local store at position 35: it prints and parses English ("en") only',
		);
		expect(() => compileFormula('SET_LOCALE(NOW(), {L})').evaluate(record({ L: 'fr' }), { now: NOW })).toThrow(FormulaError);
	});
});

describe('date parts', () => {
	it.each([
		['YEAR(NOW())', 2024],
		['MONTH(NOW())', 3],
		['DAY(NOW())', 15],
		['HOUR(NOW())', 13],
		['MINUTE(NOW())', 45],
		['SECOND(NOW())', 30],
		['WEEKDAY(NOW())', 5],
		["WEEKDAY(NOW(), 'Monday')", 4],
		["WEEKNUM('2013-02-17')", 8],
		["WEEKNUM('2013-02-17', 'Monday')", 7],
		["WEEKNUM('2024-01-01')", 1],
		['DATESTR(NOW())', '2024-03-15'],
		['TIMESTR(NOW())', '13:45:30'],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source)).toBe(expected);
	});

	it('refuses an unknown start day', () => {
		expect(compileError("WEEKDAY(NOW(), 'Tuesday')").message).toContain('use "Sunday" or "Monday"');
	});
});

describe('DATETIME_PARSE', () => {
	it.each([
		["DATETIME_PARSE('2024-03-15')", '2024-03-15T00:00:00.000Z'],
		["DATETIME_PARSE('15/03/2024 14:30', 'DD/MM/YYYY HH:mm')", '2024-03-15T14:30:00.000Z'],
		["DATETIME_PARSE('March 5, 2024 3:07 pm', 'MMMM D, YYYY h:mm a')", '2024-03-05T15:07:00.000Z'],
		["DATETIME_PARSE('Mar 5th 24', 'MMM Do YY')", '2024-03-05T00:00:00.000Z'],
		["DATETIME_PARSE('1710510330', 'X')", '2024-03-15T13:45:30.000Z'],
		["DATETIME_PARSE('05/03', 'DD/MM')", '2024-03-05T00:00:00.000Z'],
		["DATETIME_PARSE('2024-03-15 [x]', 'YYYY-MM-DD [[x]]')", '2024-03-15T00:00:00.000Z'],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source)).toBe(expected);
	});

	it.each(["DATETIME_PARSE('31/02/2024', 'DD/MM/YYYY')", "DATETIME_PARSE('tomorrow', 'DD/MM/YYYY')", "DATETIME_PARSE('13:00 pm', 'h:mm a')"])(
		'%s is #ERROR!',
		(source) => {
			expect(evaluate(source)).toEqual(ERROR);
		},
	);

	it('refuses format tokens and locales it cannot parse', () => {
		expect(compileError("DATETIME_PARSE({D}, 'YYYY Q')").message).toContain('DATETIME_PARSE token Q is not supported by the local store at position 21');
		expect(compileError("DATETIME_PARSE({D}, 'DD/MM/YYYY', 'pt-br')").message).toContain('Locale "pt-br"');
	});
});

describe('WORKDAY and WORKDAY_DIFF', () => {
	it.each([
		["WORKDAY('2024-03-15', 1)", '2024-03-18T00:00:00.000Z'],
		["WORKDAY('2024-03-15', 1, '2024-03-18')", '2024-03-19T00:00:00.000Z'],
		["WORKDAY('2024-03-18', -1)", '2024-03-15T00:00:00.000Z'],
		["WORKDAY('2024-03-15', 0)", '2024-03-15T00:00:00.000Z'],
		["WORKDAY_DIFF('2024-03-11', '2024-03-15')", 5],
		["WORKDAY_DIFF('2024-03-11', '2024-03-15', '2024-03-13, 2024-12-25')", 4],
		["WORKDAY_DIFF('2024-03-15', '2024-03-11')", -5],
		["WORKDAY_DIFF('2024-03-16', '2024-03-17')", 0],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source)).toBe(expected);
	});

	it('a holiday that is not a date is #ERROR!', () => {
		expect(evaluate("WORKDAY('2024-03-15', 1, 'Christmas')")).toEqual(ERROR);
	});
});
