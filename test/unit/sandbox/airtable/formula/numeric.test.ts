import { ERROR, evaluate } from './helpers';

describe('numeric functions', () => {
	it.each([
		// Ties go up toward +∞, and scaling errors (1.005 * 100) do not move the result.
		['ROUND(2.5, 0)', 3],
		['ROUND(-2.5, 0)', -2],
		['ROUND(1.005, 2)', 1.01],
		['ROUND(1234.5678, -2)', 1200],
		['ROUNDUP(1.1, 0)', 2],
		['ROUNDUP(-1.1, 0)', -2],
		['ROUNDUP(1.10, 1)', 1.1],
		['ROUNDDOWN(-1.9, 0)', -1],
		['ROUNDDOWN(0.29, 2)', 0.29],
		['CEILING(1.2)', 2],
		['CEILING(7, 5)', 10],
		['FLOOR(7, 5)', 5],
		['FLOOR(-1.5)', -2],
		['INT(-1.5)', -2],
		['INT(2.9)', 2],
		['EVEN(1.5)', 2],
		['EVEN(3)', 4],
		['EVEN(-1)', -2],
		['ODD(2)', 3],
		['ODD(0)', 1],
		['ODD(-2)', -3],
		['MOD(7, 5)', 2],
		['MOD(-7, 2)', -1],
		['POWER(2, 10)', 1024],
		['LOG(100)', 2],
		['LOG(8, 2)', 3],
		['EXP(0)', 1],
		['ABS(-3)', 3],
		['SQRT(16)', 4],
		['SUM(1, "", 2)', 3],
		['AVERAGE(1, 2, 3)', 2],
		['MAX(1, 5, 3)', 5],
		['MIN(4, -1, 3)', -1],
		['COUNT(1, "a", 2, "")', 2],
		['COUNTA(1, "a", "", BLANK())', 2],
		['COUNTALL(1, "", BLANK())', 3],
		['VALUE("$1,000")', 1000],
		['VALUE("R$ 12.5")', 12.5],
		['VALUE(" -3 ")', -3],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source)).toBe(expected);
	});

	it('reads lookups and rollups as their items', () => {
		const fields = { Amounts: [1, 2, '3'], Empty: [] };
		expect(evaluate('SUM({Amounts})', fields)).toBe(6);
		expect(evaluate('MAX({Amounts}, 10)', fields)).toBe(10);
		expect(evaluate('COUNTA({Amounts})', fields)).toBe(3);
		expect(evaluate('MAX({Empty})', fields)).toBe(0);
	});

	it.each(['MOD(1, 0)', 'SQRT(-1)', 'LOG(0)', 'LOG(8, 1)', 'AVERAGE("", BLANK())', 'VALUE("abc")', 'ABS("x")', 'POWER(10, 400)'])(
		'%s is #ERROR!',
		(source) => {
			expect(evaluate(source)).toEqual(ERROR);
		},
	);
});
