import { compileFormula, FormulaError, SUPPORTED_FUNCTIONS } from '../../../../../sandbox/airtable/formula';
import { compileError, evaluate } from './helpers';

describe('literals', () => {
	it.each([
		['42', 42],
		['3.25', 3.25],
		['.5', 0.5],
		['007', 7],
		["'single'", 'single'],
		['"double"', 'double'],
		["''", ''],
		["'it\\'s'", "it's"],
		['"say \\"hi\\""', 'say "hi"'],
		["'a\"b'", 'a"b'],
		['"a\'b"', "a'b"],
		["'back\\\\slash'", 'back\\slash'],
		["'line\\nbreak'", 'line\nbreak'],
		["'cr\\rtab\\t'", 'cr\rtab\t'],
		["'raw\nnewline'", 'raw\nnewline'],
		["'{not a field}'", '{not a field}'],
		["'olá 👋'", 'olá 👋'],
		['TRUE', true],
		['false', false],
		['True()', true],
		['FALSE()', false],
	])('%s evaluates to %p', (source, expected) => {
		expect(evaluate(source)).toEqual(expected);
	});
});

describe('field references', () => {
	it('reads a field by its exact name, spaces and punctuation included', () => {
		expect(evaluate('{First Name}', { 'First Name': 'Ana' })).toBe('Ana');
		expect(evaluate("{Cliente's e-mail (1)}", { "Cliente's e-mail (1)": 'a@b.c' })).toBe('a@b.c');
	});

	it('unescapes \\} and \\\\ inside braces, and keeps other backslashes', () => {
		expect(compileFormula('{a\\}b}').fieldNames).toEqual(['a}b']);
		expect(compileFormula('{a\\\\b}').fieldNames).toEqual(['a\\b']);
		expect(compileFormula('{a\\nb}').fieldNames).toEqual(['a\\nb']);
		expect(compileFormula('{a{b}').fieldNames).toEqual(['a{b']);
	});

	it('is case-sensitive, like Airtable field names', () => {
		expect(evaluate('{name}', { Name: 'Ana' })).toBeNull();
	});

	it('treats a missing field as blank', () => {
		expect(evaluate('{Missing}')).toBeNull();
	});

	it('lists referenced fields once, in order of first use', () => {
		expect(compileFormula("AND({B} = 1, {A} & {B} = 'x', LEN({C}))").fieldNames).toEqual(['B', 'A', 'C']);
		expect(compileFormula('1 + 1').fieldNames).toEqual([]);
	});

	it('does not read inherited properties as fields', () => {
		expect(evaluate('{toString}')).toBeNull();
		expect(evaluate('{__proto__}')).toBeNull();
	});
});

describe('precedence and associativity', () => {
	it.each([
		['1 + 2 * 3', 7],
		['(1 + 2) * 3', 9],
		['10 - 4 - 3', 3],
		['24 / 4 / 2', 3],
		['2 * 3 + 4 * 5', 26],
		['-2 * 3', -6],
		['-(2 + 3)', -5],
		['--4', 4],
		['2 - -3', 5],
		['1 + 2 = 3', true],
		['1 + 2 = 2 + 1', true],
		['2 * 3 > 5', true],
		["'Total: ' & 1 + 2", 'Total: 3'],
		["'a' & 'b' = 'ab'", true],
		["1 & 2 + 3", '15'],
		['((((7))))', 7],
		['1 = 1 = 1', true],
		['3 > 2 > 1', false],
	])('%s → %p', (source, expected) => {
		expect(evaluate(source)).toEqual(expected);
	});

	it('ignores whitespace, including line breaks and tabs', () => {
		expect(evaluate('IF(\n\t{A} > 1,\n\t"big",\n\t"small"\n)', { A: 2 })).toBe('big');
	});

	it('accepts function names in any case', () => {
		expect(evaluate("and(1, Or(0, 1), nOt(0))")).toBe(true);
		expect(evaluate("lower('ABC')")).toBe('abc');
	});

	it('handles deep but reasonable nesting and long formulas', () => {
		const nested = `${'NOT('.repeat(60)}1${')'.repeat(60)}`;
		expect(evaluate(nested)).toBe(true);
		const long = Array.from({ length: 500 }, (_, i) => `{F${i}} = ${i}`).join(', ');
		const compiled = compileFormula(`OR(${long})`);
		expect(compiled.fieldNames).toHaveLength(500);
	});
});

describe('SUPPORTED_FUNCTIONS', () => {
	it('lists the supported functions, sorted', () => {
		expect(SUPPORTED_FUNCTIONS).toEqual([
			'ABS', 'AND', 'ARRAYCOMPACT', 'ARRAYFLATTEN', 'ARRAYJOIN', 'ARRAYSLICE', 'ARRAYUNIQUE', 'AVERAGE', 'BLANK', 'CEILING',
			'CONCATENATE', 'COUNT', 'COUNTA', 'COUNTALL', 'CREATED_TIME', 'DATEADD', 'DATESTR', 'DATETIME_DIFF', 'DATETIME_FORMAT',
			'DATETIME_PARSE', 'DAY', 'ENCODE_URL_COMPONENT', 'ERROR', 'EVEN', 'EXP', 'FALSE', 'FIND', 'FLOOR', 'HOUR', 'IF', 'INT',
			'ISERROR', 'IS_AFTER', 'IS_BEFORE', 'IS_SAME', 'LAST_MODIFIED_TIME', 'LEFT', 'LEN', 'LOG', 'LOWER', 'MAX', 'MID', 'MIN', 'MINUTE', 'MOD', 'MONTH',
			'NOT', 'NOW', 'ODD', 'OR', 'POWER', 'RECORD_ID', 'REGEX_EXTRACT', 'REGEX_MATCH', 'REGEX_REPLACE', 'REPLACE', 'REPT', 'RIGHT',
			'ROUND', 'ROUNDDOWN', 'ROUNDUP', 'SEARCH', 'SECOND', 'SET_LOCALE', 'SET_TIMEZONE', 'SQRT', 'SUBSTITUTE', 'SUM', 'SWITCH', 'T',
			'TIMESTR', 'TODAY', 'TRIM', 'TRUE', 'UPPER', 'VALUE', 'WEEKDAY', 'WEEKNUM', 'WORKDAY', 'WORKDAY_DIFF', 'XOR', 'YEAR',
		]);
	});
});

describe('errors', () => {
	it('throws FormulaError with Airtable\'s error code', () => {
		expect(() => compileFormula('FOO()')).toThrow(FormulaError);
		const error = compileError('FOO()');
		expect(error.name).toBe('FormulaError');
		expect(error.code).toBe('INVALID_FILTER_BY_FORMULA');
	});

	it.each([
		// [source, position, message fragment]
		['FOO(1)', 1, 'Unknown function FOO at position 1: check the spelling; the local store runs 82 of Airtable\'s functions, listed in its README'],
		['1 + foo()', 5, 'Unknown function FOO at position 5'],
		['TONOW({Due})', 1, "Function TONOW is not supported by the local store at position 1: its result is a duration Airtable shows in the viewer's words; use DATETIME_DIFF"],
		['1 + LAST_MODIFIED_TIME({Title})', 5, 'LAST_MODIFIED_TIME expects 0 arguments but got 1 at position 5'],
		['IF(1)', 1, 'IF expects 2 to 3 arguments but got 1 at position 1'],
		['IF(1, 2, 3, 4)', 1, 'IF expects 2 to 3 arguments but got 4'],
		['NOT()', 1, 'NOT expects 1 argument but got 0'],
		['AND()', 1, 'AND expects at least 1 argument but got 0'],
		['NOW(1)', 1, 'NOW expects 0 arguments but got 1'],
		['{A} = LEN()', 7, 'LEN expects 1 argument but got 0 at position 7'],
		["DATEADD(NOW(), 1)", 1, 'DATEADD expects 3 arguments but got 2'],
		["{A} = 'abc", 7, 'Unterminated text value starting at position 7'],
		['{A} = "abc\\"', 7, 'Unterminated text value'],
		["'abc\\", 1, 'Unterminated text value'],
		["'a\\qb'", 3, 'Unknown escape sequence \\q'],
		['{Name', 1, 'Unterminated field reference starting at position 1'],
		['{Name\\}', 1, 'Unterminated field reference'],
		['{} = 1', 1, 'Empty field reference'],
		['(1 + 2', 1, "Unbalanced parentheses: '(' at position 1: it is never closed"],
		['AND(1, 2', 4, "Unbalanced parentheses: '(' at position 4"],
		['1 + 2)', 6, "Unbalanced parentheses: ')' at position 6"],
		['(1 2)', 4, "Unexpected number 2 at position 4: expected ')' to close the '(' at position 1"],
		['AND(1 2)', 7, "expected ',' or ')'"],
		['1 2', 3, 'Unexpected number 2 at position 3: the formula should end here'],
		["{A} = 'x' {B}", 11, 'Unexpected field {B} at position 11'],
		["{A} = 'x' garbage", 11, 'Unexpected name garbage at position 11'],
		['1 +', 4, 'Expected a value but found the end of the formula at position 4'],
		['AND(1,)', 7, "Expected a value but found ')' at position 7"],
		['AND(,1)', 5, "Expected a value but found ','"],
		['* 2', 1, "Expected a value but found operator '*'"],
		['', 1, 'The formula is empty'],
		['   ', 1, 'The formula is empty'],
		['1 == 1', 3, "'==' is not an operator at position 3"],
		['1 <> 2', 3, "'<>' is not an operator"],
		['!1', 1, "'!' is not an operator"],
		['1 && 1', 3, "'&&' is not an operator"],
		['1 || 1', 3, "'|' is not an operator"],
		['1 % 2', 3, 'Unexpected character "%" at position 3'],
		['1e5', 1, 'Malformed number "1e"'],
		['1.2.3', 1, 'Malformed number'],
		['1.', 1, 'Malformed number'],
		['\u201cabc\u201d', 1, 'Curly quote'],
		['a}', 2, "Unexpected '}'"],
		['}', 1, "Unexpected '}'"],
		["DATEADD(NOW(), 1, 'fortnights')", 19, 'Unknown date unit "fortnights" in DATEADD at position 19'],
		["DATETIME_DIFF(NOW(), NOW(), 'D')", 29, 'Unknown date unit "D"'],
		["IS_SAME(NOW(), NOW(), 'eons')", 23, 'Unknown date unit'],
		['DATEADD(NOW(), 1, 7)', 19, 'Unknown date unit "7" in DATEADD'],
		["DATETIME_FORMAT(NOW(), 'YYYY NNNN')", 24, 'DATETIME_FORMAT token "NNNN" is not supported by the local store at position 24'],
	])('%j fails at position %d', (source, position, fragment) => {
		const error = compileError(source);
		expect(error.position).toBe(position);
		expect(error.message).toContain(fragment);
	});

	it('reads a bare single-word name as a field, as Airtable does, in any script', () => {
		expect(compileFormula("Status = 'done'").fieldNames).toEqual(['Status']);
		expect(compileFormula("AND(Situação = 'feito', {Due Date} < NOW(), Count_2 > 1)").fieldNames).toEqual(['Situação', 'Due Date', 'Count_2']);
		expect(compileFormula('true').fieldNames).toEqual([]);
		expect(compileFormula("Status = 'done'", { knownFields: ['Status'] }).matches({ id: 'r', createdTime: '', fields: { Status: 'done' } })).toBe(true);
		const error = compileError("Stauts = 'done'", ['Status', 'Title']);
		expect(error.position).toBe(1);
		expect(error.message).toBe(
			'Unknown field name Stauts at position 1: a bare name refers to a field, and names are case-sensitive; call a function with parentheses, Stauts(...); this table has {Status}, {Title}',
		);
		// A name with a space still needs braces: "Due Date" reads as two names.
		expect(compileError('Due Date = 1').message).toContain('Unexpected name Date at position 5');
	});

	it('rejects unknown fields only when knownFields is given', () => {
		expect(() => compileFormula('{Nmae} = 1')).not.toThrow();
		const error = compileError("AND({Name} = 'x', {Nmae} = 1)", ['Name', 'Phone']);
		expect(error.position).toBe(19);
		expect(error.message).toBe(
			'Unknown field name {Nmae} at position 19: field names are case-sensitive; this table has {Name}, {Phone}',
		);
		expect(compileError('{name}', ['Name']).message).toContain('Unknown field name {name}');
		expect(() => compileFormula('{Name}', { knownFields: ['Name'] })).not.toThrow();
		expect(compileError('{X}', []).message).toContain('this table has no fields');
		const wide = Array.from({ length: 25 }, (_, i) => `F${i}`);
		expect(compileError('{X}', wide).message).toMatch(/\{F19\} and 5 more$/);
	});

	it('refuses pathological nesting instead of overflowing the stack', () => {
		const error = compileError(`${'('.repeat(5000)}1${')'.repeat(5000)}`);
		expect(error.message).toContain('nested too deeply');
		expect(compileError(`${'-'.repeat(5000)}1`).message).toContain('nested too deeply');
	});

	it('rejects a non-string source', () => {
		expect(() => compileFormula(42 as unknown as string)).toThrow(FormulaError);
	});
});
