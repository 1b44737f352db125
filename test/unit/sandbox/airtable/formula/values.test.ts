import { compileFormula, FormulaError } from '../../../../../sandbox/airtable/formula';
import { ERROR, evaluate, matches, NOW, record } from './helpers';

describe('text comparison', () => {
	it('= is case-sensitive and exact (no trimming)', () => {
		expect(evaluate("{Name} = 'Ana'", { Name: 'Ana' })).toBe(true);
		expect(evaluate("{Name} = 'ana'", { Name: 'Ana' })).toBe(false);
		expect(evaluate("{Name} = 'Ana '", { Name: 'Ana' })).toBe(false);
		expect(evaluate("LOWER({Name}) = 'ana'", { Name: 'Ana' })).toBe(true);
	});

	it('!= is the negation of =', () => {
		expect(evaluate("{Name} != 'Ana'", { Name: 'Ana' })).toBe(false);
		expect(evaluate("{Name} != 'Bia'", { Name: 'Ana' })).toBe(true);
		expect(evaluate("{Name} != ''")).toBe(false);
	});

	it('orders text by code units', () => {
		expect(evaluate("'a' < 'b'")).toBe(true);
		expect(evaluate("'B' < 'a'")).toBe(true);
		expect(evaluate("'10' < '9'")).toBe(true);
		expect(evaluate("'abc' <= 'abc'")).toBe(true);
		expect(evaluate("'abc' >= 'abd'")).toBe(false);
	});
});

describe('number comparison and arithmetic', () => {
	it('compares numbers numerically, reading numeric text', () => {
		expect(evaluate('{N} = 5', { N: 5 })).toBe(true);
		expect(evaluate("{N} = '5'", { N: 5 })).toBe(true);
		expect(evaluate("{N} = ' 5.0 '", { N: 5 })).toBe(true);
		expect(evaluate("{N} = 'five'", { N: 5 })).toBe(false);
		expect(evaluate("{N} > 'five'", { N: 5 })).toBe(false);
		expect(evaluate("{N} < 'five'", { N: 5 })).toBe(false);
		expect(evaluate('{N} >= 10', { N: 10 })).toBe(true);
		expect(evaluate('{N} < 9', { N: 10 })).toBe(false);
		expect(evaluate('0.1 + 0.2 = 0.3')).toBe(false);
	});

	it('treats TRUE as 1 and FALSE as 0', () => {
		expect(evaluate('TRUE() = 1')).toBe(true);
		expect(evaluate('TRUE() + TRUE()')).toBe(2);
		expect(evaluate('{Done} = TRUE()', { Done: true })).toBe(true);
		expect(evaluate('{Done} = 1', { Done: true })).toBe(true);
	});

	it('does + - * / with numeric text and blanks as 0', () => {
		expect(evaluate('{A} + {B}', { A: 2, B: '3' })).toBe(5);
		expect(evaluate('{A} * 2', {})).toBe(0);
		expect(evaluate('{A} - 1', { A: '' })).toBe(-1);
		expect(evaluate('7 / 2')).toBe(3.5);
		expect(evaluate('-{A}', { A: 0 })).toBe(0);
		expect(evaluate("-'4'")).toBe(-4);
	});

	it('gives #ERROR! for non-numeric text and division by zero', () => {
		expect(evaluate("'abc' + 1")).toEqual(ERROR);
		expect(evaluate('{A} / 0', { A: 1 })).toEqual(ERROR);
		expect(evaluate('0 / 0')).toEqual(ERROR);
		expect(evaluate('{A} * 2', { A: { name: 'x' } })).toEqual(ERROR);
		expect(matches("'abc' + 1")).toBe(false);
		expect(matches("NOT('abc' + 1)")).toBe(false);
	});

	it('refuses date arithmetic loudly instead of guessing', () => {
		const formula = compileFormula('NOW() - 1');
		expect(() => formula.matches(record(), { now: NOW })).toThrow(FormulaError);
		expect(() => formula.evaluate(record(), { now: NOW })).toThrow(/Arithmetic on dates is not supported by the local store at position 7/);
	});
});

describe('& concatenation', () => {
	it('joins the text forms of its operands', () => {
		expect(evaluate("{First} & ' ' & {Last}", { First: 'Ana', Last: 'Souza' })).toBe('Ana Souza');
		expect(evaluate("'n=' & 5")).toBe('n=5');
		expect(evaluate("'x' & {Missing} & 'y'")).toBe('xy');
		expect(evaluate("'v' & TRUE()")).toBe('v1');
		expect(evaluate("'v' & (1 = 2)")).toBe('v0');
		expect(evaluate("'' & 1.5")).toBe('1.5');
		expect(evaluate("'' & -0")).toBe('0');
		expect(evaluate("'' & TODAY()")).toBe('2024-03-15T00:00:00.000Z');
	});
});

describe('blanks', () => {
	const blanks: Array<[string, Record<string, unknown>]> = [
		['missing', {}],
		['null', { F: null }],
		['empty text', { F: '' }],
		['empty list', { F: [] }],
	];

	it.each(blanks)('a %s field equals BLANK() and ""', (_label, fields) => {
		const f = fields as Record<string, null>;
		expect(evaluate('{F} = BLANK()', f)).toBe(true);
		expect(evaluate("{F} = ''", f)).toBe(true);
		expect(evaluate('BLANK() = {F}', f)).toBe(true);
		expect(evaluate("{F} != ''", f)).toBe(false);
		expect(evaluate('{F}', f) === null || evaluate('{F}', f) === '' || Array.isArray(evaluate('{F}', f))).toBe(true);
		expect(matches('{F}', f)).toBe(false);
		expect(matches('NOT({F})', f)).toBe(true);
	});

	it('a blank equals 0 and FALSE, as in Airtable', () => {
		expect(evaluate('{F} = 0')).toBe(true);
		expect(evaluate('{F} = FALSE()')).toBe(true);
		expect(evaluate('{F} = 1')).toBe(false);
		expect(evaluate("{F} = '0'")).toBe(false);
		expect(evaluate('{F} < 1')).toBe(true);
		expect(evaluate("{F} < 'a'")).toBe(true);
	});

	it('non-blank values are not blank', () => {
		expect(evaluate('{F} = BLANK()', { F: ' ' })).toBe(false);
		expect(evaluate('{F} = BLANK()', { F: 0 })).toBe(true);
		expect(evaluate('{F} = BLANK()', { F: 'x' })).toBe(false);
		expect(evaluate('{F} = BLANK()', { F: ['x'] })).toBe(false);
		expect(evaluate('BLANK()')).toBeNull();
	});

	it('compares blanks with dates as neither before nor after', () => {
		expect(evaluate('{Due} < TODAY()')).toBe(false);
		expect(evaluate('{Due} > TODAY()')).toBe(false);
		expect(evaluate('{Due} = TODAY()')).toBe(false);
	});
});

describe('truthiness (what filterByFormula keeps)', () => {
	it.each([
		['0', false],
		['1', true],
		['-1', true],
		["''", false],
		["'0'", true],
		["' '", true],
		['FALSE()', false],
		['TRUE()', true],
		['BLANK()', false],
		['{Missing}', false],
		['NOW()', true],
		["'abc' * 1", false],
	])('%s → %p', (source, expected) => {
		expect(matches(source)).toBe(expected);
	});

	it('lists are truthy when they hold something', () => {
		expect(matches('{Tags}', { Tags: [] })).toBe(false);
		expect(matches('{Tags}', { Tags: [''] })).toBe(false);
		expect(matches('{Tags}', { Tags: ['a'] })).toBe(true);
		expect(matches('{Who}', { Who: { id: 'usr1', name: 'Ana' } })).toBe(true);
	});
});

describe('lists and objects', () => {
	it('lists read as their items joined with ", "', () => {
		expect(evaluate("{Tags} & ''", { Tags: ['a', 'b', 'c'] })).toBe('a, b, c');
		expect(evaluate("{Tags} = 'a, b'", { Tags: ['a', 'b'] })).toBe(true);
		expect(evaluate("{Tags} = 'a'", { Tags: ['a'] })).toBe(true);
		expect(evaluate("FIND('b', {Tags})", { Tags: ['a', 'b'] })).toBe(4);
		expect(evaluate('LEN({Tags})', { Tags: ['ab', 'cd'] })).toBe(6);
		expect(evaluate('{Tags}', { Tags: ['a', 1, true] })).toEqual(['a', 1, true]);
	});

	it('a list of one number acts as the number', () => {
		expect(evaluate('{Total} * 2', { Total: [21] })).toBe(42);
		expect(evaluate('{Total} > 20', { Total: [21] })).toBe(true);
		expect(evaluate('{Total} * 2', { Total: [1, 2] })).toEqual(ERROR);
	});

	it('collaborators read as their name, attachments as "file (url)"', () => {
		expect(evaluate("{Owner} = 'Ana'", { Owner: { id: 'usr1', email: 'ana@x.com', name: 'Ana' } })).toBe(true);
		expect(evaluate("{Owners} & ''", { Owners: [{ id: 'usr1', name: 'Ana' }, { id: 'usr2', name: 'Bia' }] })).toBe('Ana, Bia');
		expect(evaluate("{Files} & ''", { Files: [{ id: 'att1', url: 'https://x/y.pdf', filename: 'y.pdf' }] })).toBe('y.pdf (https://x/y.pdf)');
		expect(evaluate("{Other} & ''", { Other: { a: 1 } })).toBe('{"a":1}');
	});
});

describe('evaluate() output', () => {
	it('returns plain data: dates as ISO text, errors as Airtable\'s { error: "#ERROR!" }', () => {
		expect(evaluate('NOW()')).toBe('2024-03-15T13:45:30.250Z');
		expect(evaluate('1/0')).toEqual({ error: '#ERROR!' });
		expect(evaluate('IF(0, 1)')).toBeNull();
	});

	it('uses the real clock when no context is given', () => {
		const before = Date.now();
		const value = Date.parse(compileFormula('NOW()').evaluate(record()) as string);
		expect(value).toBeGreaterThanOrEqual(before);
		expect(value).toBeLessThanOrEqual(Date.now());
	});

	it('rejects an invalid injected clock', () => {
		expect(() => compileFormula('NOW()').evaluate(record(), { now: new Date('nope') })).toThrow(TypeError);
	});

	it('is reusable across records', () => {
		const formula = compileFormula("{Status} = 'done'");
		const records = ['done', 'todo', 'done', 'Done'].map((Status, i) => record({ Status }, { id: `rec${i}` }));
		expect(records.filter((r) => formula.matches(r)).map((r) => r.id)).toEqual(['rec0', 'rec2']);
	});
});
