import { compileFormula, FormulaError } from '../../../../../sandbox/airtable/formula';
import { ERROR, evaluate, matches, NOW, record } from './helpers';

// NOW is Friday 2024-03-15T13:45:30.250Z.

describe('NOW and TODAY', () => {
	it('come from the injected clock, in UTC', () => {
		expect(evaluate('NOW()')).toBe('2024-03-15T13:45:30.250Z');
		expect(evaluate('TODAY()')).toBe('2024-03-15T00:00:00.000Z');
		const lateNight = compileFormula('TODAY()').evaluate(record(), { now: new Date('2024-03-15T23:59:59.999-03:00') });
		expect(lateNight).toBe('2024-03-16T00:00:00.000Z');
	});

	it('compare with date text', () => {
		expect(evaluate("TODAY() = '2024-03-15'")).toBe(true);
		expect(evaluate("{Due} < TODAY()", { Due: '2024-03-14' })).toBe(true);
		expect(evaluate("{Due} < TODAY()", { Due: '2024-03-15' })).toBe(false);
		expect(evaluate("{Due} <= TODAY()", { Due: '2024-03-15' })).toBe(true);
		expect(evaluate("NOW() > {At}", { At: '2024-03-15T13:45:30.000Z' })).toBe(true);
		expect(evaluate("NOW() = 'soon'")).toBe(false);
		expect(evaluate("NOW() > 'soon'")).toBe(false);
		expect(evaluate('NOW() = 5')).toBe(false);
	});
});

describe('date text the local store reads', () => {
	it.each([
		['2024-03-05', '2024-03-05T00:00:00.000Z'],
		['2024-03-05T10:20', '2024-03-05T10:20:00.000Z'],
		['2024-03-05T10:20:30', '2024-03-05T10:20:30.000Z'],
		['2024-03-05T10:20:30.5Z', '2024-03-05T10:20:30.500Z'],
		['2024-03-05T10:20:30.123456Z', '2024-03-05T10:20:30.123Z'],
		['2024-03-05 10:20:30', '2024-03-05T10:20:30.000Z'],
		['2024-03-05T23:30:00-03:00', '2024-03-06T02:30:00.000Z'],
		['2024-03-05T01:00:00+0530', '2024-03-04T19:30:00.000Z'],
		['3/5/2024', '2024-03-05T00:00:00.000Z'],
		['0099-01-01', '0099-01-01T00:00:00.000Z'],
	])('%s', (text, iso) => {
		expect(evaluate('DATEADD({D}, 0, "days")', { D: text })).toBe(iso);
	});

	it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-03-05T24:00', 'tomorrow', '2024/03/05', '', '12345'])(
		'%j is #ERROR!',
		(text) => {
			expect(evaluate('DATEADD({D}, 0, "days")', { D: text })).toEqual(ERROR);
		},
	);

	it('a blank date is #ERROR!, so the record is left out', () => {
		expect(evaluate('IS_BEFORE({Due}, TODAY())')).toEqual(ERROR);
		expect(matches('IS_BEFORE({Due}, TODAY())')).toBe(false);
		expect(matches('NOT(IS_BEFORE({Due}, TODAY()))')).toBe(false);
		expect(matches('IF({Due}, IS_BEFORE({Due}, TODAY()))')).toBe(false);
	});

	it('a lookup of one date is that date', () => {
		expect(evaluate('IS_BEFORE({Due}, TODAY())', { Due: ['2024-01-01'] })).toBe(true);
		expect(evaluate('IS_BEFORE({Due}, TODAY())', { Due: ['2024-01-01', '2024-01-02'] })).toEqual(ERROR);
	});
});

describe('IS_BEFORE / IS_AFTER / IS_SAME', () => {
	it('IS_BEFORE and IS_AFTER are strict', () => {
		expect(evaluate("IS_BEFORE('2024-01-01', '2024-01-02')")).toBe(true);
		expect(evaluate("IS_BEFORE('2024-01-02', '2024-01-01')")).toBe(false);
		expect(evaluate("IS_BEFORE('2024-01-01', '2024-01-01')")).toBe(false);
		expect(evaluate("IS_AFTER('2024-01-02', '2024-01-01')")).toBe(true);
		expect(evaluate("IS_AFTER('2024-01-01', '2024-01-01')")).toBe(false);
		expect(evaluate("IS_AFTER({Due}, NOW())", { Due: '2024-03-15T14:00:00Z' })).toBe(true);
	});

	it.each([
		['2024-03-15T01:00:00Z', '2024-03-15T23:00:00Z', undefined, false],
		['2024-03-15T01:00:00Z', '2024-03-15T01:00:00.000Z', undefined, true],
		['2024-03-15T01:00:00Z', '2024-03-15T23:00:00Z', 'day', true],
		['2024-03-15T01:00:00Z', '2024-03-16T00:00:00Z', 'days', false],
		['2024-03-15T01:00:00Z', '2024-03-15T01:59:59Z', 'hour', true],
		['2024-03-15T01:00:00Z', '2024-03-15T02:00:00Z', 'h', false],
		['2024-03-15T01:00:10Z', '2024-03-15T01:00:59Z', 'minute', true],
		['2024-03-15T01:00:10Z', '2024-03-15T01:00:59Z', 's', false],
		['2024-03-10', '2024-03-16', 'week', true],
		['2024-03-09', '2024-03-10', 'week', false],
		['2024-03-01', '2024-03-31T23:59:59Z', 'month', true],
		['2024-03-01', '2024-03-15', 'M', true],
		['2024-03-01', '2024-03-01T00:05:00Z', 'm', false],
		['2024-01-31', '2024-03-31', 'quarter', true],
		['2024-03-31', '2024-04-01', 'Q', false],
		['2024-01-01', '2024-12-31', 'year', true],
		['2024-12-31', '2025-01-01', 'y', false],
	])('IS_SAME(%s, %s, %s) = %p', (a, b, unit, expected) => {
		const source = unit === undefined ? `IS_SAME('${a}', '${b}')` : `IS_SAME('${a}', '${b}', '${unit}')`;
		expect(evaluate(source)).toBe(expected);
	});

	it('a unit computed at run time that is not a unit is #ERROR!', () => {
		expect(evaluate('IS_SAME(NOW(), NOW(), {U})', { U: 'eons' })).toEqual(ERROR);
		expect(evaluate('IS_SAME(NOW(), NOW(), {U})', { U: 'day' })).toBe(true);
	});
});

describe('DATEADD', () => {
	it.each([
		['2024-01-31', 1, 'months', '2024-02-29T00:00:00.000Z'],
		['2024-01-31', 1, 'M', '2024-02-29T00:00:00.000Z'],
		['2024-01-31', 1, 'month', '2024-02-29T00:00:00.000Z'],
		['2024-01-31', 13, 'months', '2025-02-28T00:00:00.000Z'],
		['2024-03-31', -1, 'months', '2024-02-29T00:00:00.000Z'],
		['2024-01-31', 1, 'm', '2024-01-31T00:01:00.000Z'],
		['2024-01-31', 1, 'Minutes', '2024-01-31T00:01:00.000Z'],
		['2024-02-29', 1, 'years', '2025-02-28T00:00:00.000Z'],
		['2024-02-29', 4, 'y', '2028-02-29T00:00:00.000Z'],
		['2024-11-30', 1, 'quarters', '2025-02-28T00:00:00.000Z'],
		['2024-03-15', 1, 'Q', '2024-06-15T00:00:00.000Z'],
		['2024-03-15', 2, 'weeks', '2024-03-29T00:00:00.000Z'],
		['2024-03-15', 1.5, 'w', '2024-03-26T00:00:00.000Z'],
		['2024-03-15', 1.5, 'days', '2024-03-17T00:00:00.000Z'],
		['2024-03-15', -1.5, 'days', '2024-03-13T00:00:00.000Z'],
		['2024-03-15', -20, 'd', '2024-02-24T00:00:00.000Z'],
		['2024-03-15', 1.5, 'hours', '2024-03-15T01:30:00.000Z'],
		['2024-03-15', 90, 's', '2024-03-15T00:01:30.000Z'],
		['2024-03-15', 250, 'ms', '2024-03-15T00:00:00.250Z'],
		['2024-03-15', 250, 'milliseconds', '2024-03-15T00:00:00.250Z'],
		['2024-03-15T10:00:00Z', 30, 'DAYS', '2024-04-14T10:00:00.000Z'],
	])('DATEADD(%s, %p, %s) = %s', (date, count, unit, expected) => {
		expect(evaluate(`DATEADD('${date}', ${count}, '${unit}')`)).toBe(expected);
	});

	it('works with fields, NOW and TODAY, and in filters', () => {
		expect(evaluate("DATEADD(TODAY(), 7, 'days')")).toBe('2024-03-22T00:00:00.000Z');
		expect(evaluate('DATEADD({D}, {N}, {U})', { D: '2024-03-15', N: '2', U: 'days' })).toBe('2024-03-17T00:00:00.000Z');
		expect(matches("IS_BEFORE({Due}, DATEADD(TODAY(), 7, 'days'))", { Due: '2024-03-20' })).toBe(true);
		expect(matches("IS_BEFORE({Due}, DATEADD(TODAY(), 7, 'days'))", { Due: '2024-03-25' })).toBe(false);
	});

	it('is #ERROR! for a non-numeric count or a bad run-time unit', () => {
		expect(evaluate("DATEADD(TODAY(), 'x', 'days')")).toEqual(ERROR);
		expect(evaluate('DATEADD(TODAY(), 1, {U})', { U: 'D' })).toEqual(ERROR);
		expect(evaluate('DATEADD(TODAY(), 1, {U})')).toEqual(ERROR);
	});
});

describe('DATETIME_DIFF', () => {
	it.each([
		['2024-03-15', '2024-03-01', 'days', 14],
		['2024-03-01', '2024-03-15', 'days', -14],
		['2024-03-15T12:00:00Z', '2024-03-14T13:00:00Z', 'days', 0],
		['2024-03-01T00:00:00Z', '2024-03-01T05:59:00Z', 'hours', -5],
		['2024-03-01T06:00:00Z', '2024-03-01T00:00:01Z', 'h', 5],
		['2024-03-15', '2024-03-01', 'weeks', 2],
		['2024-03-15', '2024-03-01', 'w', 2],
		['2024-03-15', '2024-01-15', 'months', 2],
		['2024-03-15', '2024-01-15', 'M', 2],
		['2024-03-14', '2024-01-15', 'months', 1],
		['2024-01-15', '2024-03-14', 'months', -1],
		['2024-03-31', '2024-02-29', 'months', 1],
		['2024-07-01', '2024-01-01', 'quarters', 2],
		['2024-03-15', '2020-03-16', 'years', 3],
		['2024-03-16', '2020-03-16', 'y', 4],
		['2024-01-01T00:01:00Z', '2024-01-01T00:00:00Z', 'm', 1],
		['2024-01-01T00:01:00Z', '2024-01-01T00:00:00Z', 'minutes', 1],
		['2024-01-01T00:00:01.999Z', '2024-01-01T00:00:00Z', 'seconds', 1],
		['2024-01-01T00:00:01.999Z', '2024-01-01T00:00:00Z', 'ms', 1999],
	])('DATETIME_DIFF(%s, %s, %s) = %p', (a, b, unit, expected) => {
		expect(evaluate(`DATETIME_DIFF('${a}', '${b}', '${unit}')`)).toBe(expected);
	});

	it('defaults to seconds', () => {
		expect(evaluate("DATETIME_DIFF('2024-01-01T00:01:00Z', '2024-01-01T00:00:00Z')")).toBe(60);
	});

	it('is usable in filters with NOW and CREATED_TIME', () => {
		expect(evaluate("DATETIME_DIFF(NOW(), CREATED_TIME(), 'days')")).toBe(65);
		expect(matches("DATETIME_DIFF(TODAY(), {Last}, 'days') > 30", { Last: '2024-02-01' })).toBe(true);
		expect(matches("DATETIME_DIFF(TODAY(), {Last}, 'days') > 30", { Last: '2024-03-01' })).toBe(false);
	});
});

describe('DATETIME_FORMAT', () => {
	it.each([
		[undefined, '2024-03-15'],
		['YYYY-MM-DD', '2024-03-15'],
		['YYYY-MM-DD HH:mm:ss', '2024-03-15 13:45:30'],
		['DD/MM/YYYY', '15/03/2024'],
		['M/D/YY h:mm a', '3/15/24 1:45 pm'],
		['hh:mm A', '01:45 PM'],
		['k kk H', '13 13 13'],
		['dddd, MMMM Do YYYY', 'Friday, March 15th 2024'],
		['ddd dd MMM Mo', 'Fri Fr Mar 3rd'],
		['d E e', '5 5 5'],
		['Q Qo', '1 1st'],
		['DDD DDDD DDDo', '75 075 75th'],
		['W WW Wo w ww wo', '11 11 11th 11 11 11th'],
		['GGGG gggg GG gg', '2024 2024 24 24'],
		['S SS SSS SSSS', '2 25 250 2500'],
		['X', '1710510330'],
		['x', '1710510330250'],
		['YYYY-MM-DDTHH:mm:ssZ', '2024-03-15T13:45:30+00:00'],
		['ZZ', '+0000'],
		['[Today is] dddd', 'Today is Friday'],
		['[YYYY] YYYY', 'YYYY 2024'],
		['\\\\Y Y', 'Y 2024'],
		['L', '03/15/2024'],
		['LL', 'March 15, 2024'],
		['LLL', 'March 15, 2024 1:45 PM'],
		['LLLL', 'Friday, March 15, 2024 1:45 PM'],
		['LT LTS', '1:45 PM 1:45:30 PM'],
		['l ll', '3/15/2024 Mar 15, 2024'],
		['Hmm hmmss', '1345 14530'],
		['[at] H:mm, bcfijnpqrtuv', 'at 13:45, bcfijnpqrtuv'],
	])('format %j → %j', (format, expected) => {
		const source = format === undefined ? 'DATETIME_FORMAT(NOW())' : `DATETIME_FORMAT(NOW(), '${format}')`;
		expect(evaluate(source)).toBe(expected);
	});

	it('handles midnight, 12-hour clocks, ordinals and ISO week years', () => {
		expect(evaluate("DATETIME_FORMAT('2024-03-15T00:05:00Z', 'h:mm A k')")).toBe('12:05 AM 24');
		expect(evaluate("DATETIME_FORMAT('2024-03-15T12:05:00Z', 'h:mm a')")).toBe('12:05 pm');
		expect(evaluate("DATETIME_FORMAT('2024-03-11', 'Do')")).toBe('11th');
		expect(evaluate("DATETIME_FORMAT('2024-03-22', 'Do')")).toBe('22nd');
		expect(evaluate("DATETIME_FORMAT('2021-01-01', 'GGGG-[W]WW')")).toBe('2020-W53');
		expect(evaluate("DATETIME_FORMAT('2021-01-01', 'gggg-ww')")).toBe('2021-01');
		expect(evaluate("DATETIME_FORMAT('2024-12-30', 'GGGG-[W]WW')")).toBe('2025-W01');
		expect(evaluate("DATETIME_FORMAT('3/5/2024', 'YYYY-MM-DD')")).toBe('2024-03-05');
		expect(evaluate("DATETIME_FORMAT('2024-03-15T23:30:00-03:00', 'YYYY-MM-DD HH:mm')")).toBe('2024-03-16 02:30');
	});

	it('is #ERROR! for a date it cannot read', () => {
		expect(evaluate("DATETIME_FORMAT('someday', 'YYYY')")).toEqual(ERROR);
		expect(evaluate('DATETIME_FORMAT({Missing})')).toEqual(ERROR);
	});

	it('refuses, never misprints, tokens it does not support', () => {
		expect(() => compileFormula("DATETIME_FORMAT(NOW(), 'z')")).toThrow(FormulaError);
		const dynamic = compileFormula('DATETIME_FORMAT(NOW(), {F})');
		expect(() => dynamic.evaluate(record({ F: 'YYYY zz' }), { now: NOW })).toThrow(/"zz" is not supported/);
		expect(dynamic.evaluate(record({ F: 'YYYY' }), { now: NOW })).toBe('2024');
	});
});
