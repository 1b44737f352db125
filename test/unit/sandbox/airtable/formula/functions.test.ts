import { ERROR, evaluate, matches } from './helpers';

describe('logical functions', () => {
	it('AND / OR / NOT use filterByFormula truthiness', () => {
		expect(evaluate("AND(1, 'x', TRUE())")).toBe(true);
		expect(evaluate("AND(1, '')")).toBe(false);
		expect(evaluate('AND(0)')).toBe(false);
		expect(evaluate('OR(0, BLANK(), 2)')).toBe(true);
		expect(evaluate("OR(0, '', FALSE())")).toBe(false);
		expect(evaluate('NOT(0)')).toBe(true);
		expect(evaluate("NOT('x')")).toBe(false);
		expect(evaluate('AND({A} > 1, {B} = "y")', { A: 2, B: 'y' })).toBe(true);
	});

	it('AND / OR evaluate every argument, so #ERROR! anywhere spreads', () => {
		expect(evaluate('AND(0, 1/0)')).toEqual(ERROR);
		expect(evaluate('OR(1, 1/0)')).toEqual(ERROR);
	});

	it('IF evaluates only the branch it takes; a missing else is blank', () => {
		expect(evaluate("IF({A}, 'yes', 'no')", { A: 'x' })).toBe('yes');
		expect(evaluate("IF({A}, 'yes', 'no')")).toBe('no');
		expect(evaluate("IF(1, 'ok', 1/0)")).toBe('ok');
		expect(evaluate("IF(0, 1/0, 'ok')")).toBe('ok');
		expect(evaluate('IF(0, 1)')).toBeNull();
		expect(evaluate('IF(1/0, 1, 2)')).toEqual(ERROR);
		expect(evaluate("IF({N} > 10, 'big', IF({N} > 5, 'mid', 'small'))", { N: 7 })).toBe('mid');
	});

	it('BLANK TRUE FALSE', () => {
		expect(evaluate('BLANK()')).toBeNull();
		expect(evaluate('TRUE()')).toBe(true);
		expect(evaluate('FALSE()')).toBe(false);
	});
});

describe('text functions', () => {
	it('FIND: 1-based, case-sensitive, 0 when absent, optional 0-based start', () => {
		expect(evaluate("FIND('b', 'abc')")).toBe(2);
		expect(evaluate("FIND('z', 'abc')")).toBe(0);
		expect(evaluate("FIND('B', 'abc')")).toBe(0);
		expect(evaluate("FIND('a', 'banana')")).toBe(2);
		expect(evaluate("FIND('a', 'banana', 2)")).toBe(4);
		expect(evaluate("FIND('a', 'banana', 0)")).toBe(2);
		expect(evaluate("FIND('a', 'banana', -5)")).toBe(2);
		expect(evaluate("FIND('a', 'banana', 99)")).toBe(0);
		expect(evaluate("FIND('', 'abc')")).toBe(1);
		expect(evaluate("FIND('x', {Missing})")).toBe(0);
		expect(evaluate("FIND('5', 12345)")).toBe(5);
		expect(evaluate("FIND('a', 'abc', 'x')")).toEqual(ERROR);
	});

	it('SEARCH: like FIND but blank when absent', () => {
		expect(evaluate("SEARCH('b', 'abc')")).toBe(2);
		expect(evaluate("SEARCH('z', 'abc')")).toBeNull();
		expect(evaluate("SEARCH('B', 'abc')")).toBeNull();
		expect(evaluate("SEARCH('an', 'banana', 2)")).toBe(4);
		expect(matches("SEARCH('ana', LOWER({Name}))", { Name: 'Ana Souza' })).toBe(true);
		expect(matches("SEARCH('bia', LOWER({Name}))", { Name: 'Ana Souza' })).toBe(false);
	});

	it('LOWER / UPPER handle accents', () => {
		expect(evaluate("LOWER('ÁRVORE Çedilha')")).toBe('árvore çedilha');
		expect(evaluate("UPPER('ação')")).toBe('AÇÃO');
		expect(evaluate('UPPER({Missing})')).toBe('');
		expect(evaluate('LOWER(12)')).toBe('12');
	});

	it('LEN counts characters of the text form', () => {
		expect(evaluate("LEN('héllo')")).toBe(5);
		expect(evaluate('LEN(12.5)')).toBe(4);
		expect(evaluate('LEN({Missing})')).toBe(0);
		expect(evaluate("LEN('👋')")).toBe(2);
	});

	it('TRIM removes leading and trailing whitespace only', () => {
		expect(evaluate("TRIM('  a  b \\n')")).toBe('a  b');
		expect(evaluate('TRIM({Missing})')).toBe('');
		expect(matches("TRIM({Name}) = 'Ana'", { Name: ' Ana ' })).toBe(true);
	});
});

describe('ARRAYJOIN', () => {
	it('joins with ", " by default or the given separator', () => {
		expect(evaluate('ARRAYJOIN({Tags})', { Tags: ['a', 'b'] })).toBe('a, b');
		expect(evaluate("ARRAYJOIN({Tags}, '; ')", { Tags: ['a', 'b'] })).toBe('a; b');
		expect(evaluate("ARRAYJOIN({Tags}, '')", { Tags: ['a', 'b'] })).toBe('ab');
		expect(evaluate('ARRAYJOIN({Tags}, 0)', { Tags: [1, 2] })).toBe('102');
	});

	it('treats a single value as a one-item list and blank as empty', () => {
		expect(evaluate("ARRAYJOIN('x', '-')")).toBe('x');
		expect(evaluate('ARRAYJOIN({Missing})')).toBe('');
		expect(evaluate('ARRAYJOIN({Tags})', { Tags: [] })).toBe('');
	});

	it('reads collaborators by name and is usable in filters', () => {
		expect(evaluate('ARRAYJOIN({Who})', { Who: [{ id: 'u1', name: 'Ana' }, { id: 'u2', name: 'Bia' }] })).toBe('Ana, Bia');
		expect(matches("FIND('urgent', ARRAYJOIN({Tags}, ','))", { Tags: ['home', 'urgent'] })).toBe(true);
		expect(matches("FIND('urgent', ARRAYJOIN({Tags}, ','))", { Tags: ['home'] })).toBe(false);
	});
});

describe('record functions', () => {
	it('RECORD_ID is the record id', () => {
		expect(evaluate('RECORD_ID()')).toBe('rec0000000000001');
		expect(matches("RECORD_ID() = 'rec0000000000001'")).toBe(true);
		expect(matches("RECORD_ID() = 'rec0000000000002'")).toBe(false);
	});

	it('CREATED_TIME is the record creation time as a date', () => {
		expect(evaluate('CREATED_TIME()')).toBe('2024-01-10T08:00:00.000Z');
		expect(evaluate("IS_AFTER(CREATED_TIME(), '2024-01-01')")).toBe(true);
		expect(evaluate('CREATED_TIME()', {}, { createdTime: 'not a date' })).toEqual(ERROR);
	});
});
