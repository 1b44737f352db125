import type { FieldValue } from '../../../../../sandbox/airtable/formula';
import { ERROR, evaluate, matches } from './helpers';

describe('text functions', () => {
	it.each([
		['CONCATENATE("a", 1, TRUE())', 'a11'],
		['LEFT("abcdef", 2)', 'ab'],
		['RIGHT("abcdef", 2)', 'ef'],
		['RIGHT("ab", 0)', ''],
		['MID("abcdef", 2, 3)', 'bcd'],
		['REPLACE("abcdef", 2, 3, "X")', 'aXef'],
		['REPT("ab", 3)', 'ababab'],
		['SUBSTITUTE("a-b-c", "-", "+")', 'a+b+c'],
		['SUBSTITUTE("a-b-c", "-", "+", 2)', 'a-b+c'],
		['SUBSTITUTE("a-b", "-", "+", 3)', 'a-b'],
		['T("x")', 'x'],
		['T(1)', null],
		['ENCODE_URL_COMPONENT("a b&c/é")', 'a%20b%26c%2F%C3%A9'],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source)).toBe(expected);
	});

	it.each(['LEFT("abc", -1)', 'MID("abc", 0, 1)', 'REPT("abc", 50000)'])('%s is #ERROR!', (source) => {
		expect(evaluate(source)).toEqual(ERROR);
	});
});

describe('logical functions', () => {
	it.each([
		['XOR(1, 1, 1)', true],
		['XOR(1, 1)', false],
		['XOR(0, "x")', true],
		['SWITCH({S}, "a", "A", "b", "B", "other")', 'B'],
		['SWITCH({S}, "z", "Z", "other")', 'other'],
		['SWITCH({S}, "z", "Z")', null],
		['ISERROR(1 / 0)', true],
		['ISERROR(1)', false],
		['IF(ISERROR(ERROR()), "caught")', 'caught'],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source, { S: 'b' })).toBe(expected);
	});

	it('ERROR() is #ERROR! and leaves the record out of a filter', () => {
		expect(evaluate('ERROR()')).toEqual(ERROR);
		expect(matches('OR(1, ERROR())')).toBe(false);
	});
});

describe('array functions', () => {
	const fields: Record<string, FieldValue> = {
		Tags: ['a', '', 'b', 0],
		// A lookup of a lookup arrives nested.
		Nested: [['a', 'b'], ['c']] as unknown as FieldValue,
		Letters: ['a', 'b', 'c', 'd'],
		Mixed: ['a', 'a', 1, '1'],
	};
	it.each([
		['ARRAYCOMPACT({Tags})', ['a', 'b', 0]],
		['ARRAYFLATTEN({Nested})', ['a', 'b', 'c']],
		['ARRAYUNIQUE({Mixed})', ['a', 1, '1']],
		['ARRAYSLICE({Letters}, 2, 3)', ['b', 'c']],
		['ARRAYSLICE({Letters}, -2)', ['c', 'd']],
		['ARRAYSLICE({Letters}, 3, -1)', ['c', 'd']],
		['ARRAYJOIN(ARRAYSLICE({Letters}, 1, 2), "+")', 'a+b'],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source, fields)).toEqual(expected);
	});

	it('ARRAYSLICE position 0 is #ERROR!', () => {
		expect(evaluate('ARRAYSLICE({Letters}, 0)', fields)).toEqual(ERROR);
	});
});
