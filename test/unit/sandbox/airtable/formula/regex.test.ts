import { compileError, ERROR, evaluate } from './helpers';

// Formula text values accept the escape \\ for one backslash, so the pattern \d is written '\\d' in a formula.
describe('regex functions (RE2 semantics where JavaScript differs)', () => {
	it.each([
		[String.raw`REGEX_MATCH('Order 123', '\\d+')`, true],
		[String.raw`REGEX_MATCH('Order', '\\d+')`, false],
		[`REGEX_MATCH('abc', '(?i)ABC')`, true],
		[`REGEX_MATCH('😀', '^.$')`, true],
		[String.raw`REGEX_EXTRACT('Order 123 and 456', '\\d+')`, '123'],
		[String.raw`REGEX_REPLACE('a1b22', '\\d+', '#')`, 'a#b#'],
		[String.raw`REGEX_REPLACE('John Smith', '(\\w+) (\\w+)', '$2, $1')`, 'Smith, John'],
		[String.raw`REGEX_EXTRACT('k=v', '(?P<key>\\w+)=')`, 'k='],
	])('%s = %p', (source, expected) => {
		expect(evaluate(source)).toBe(expected);
	});

	it('REGEX_EXTRACT without a match is #ERROR!, as in Airtable', () => {
		expect(evaluate(String.raw`REGEX_EXTRACT('abc', '\\d')`)).toEqual(ERROR);
	});

	it.each([
		[String.raw`REGEX_MATCH({A}, 'a(?=b)')`, 'lookahead and lookbehind'],
		[String.raw`REGEX_MATCH({A}, '(a)\\1')`, 'backreferences'],
		[`REGEX_MATCH({A}, 'a(?i)b')`, 'only at the start of the pattern'],
		[`REGEX_MATCH({A}, '(?U)a+')`, 'ungreedy'],
		[`REGEX_MATCH({A}, '(')`, 'Invalid regular expression "(" at position 18'],
	])('refuses %s with 422 (%s)', (source, fragment) => {
		expect(compileError(source).message).toContain(fragment);
	});
});
