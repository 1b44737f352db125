import { buildEqualsAll, formulaField, formulaNumber, formulaString, formulaValue } from '../../../../core/airtable/formula-escape';
// The store's evaluator proves that each built formula matches only the record it names.
import { compileFormula, type FieldValue } from '../../../../sandbox/airtable/formula';
import { NOW, record } from '../../sandbox/airtable/formula/helpers';

describe('formulaString', () => {
	it.each([
		['Ana', "'Ana'"],
		["O'Brien", "'O\\'Brien'"],
		['say "hi"', `'say "hi"'`],
		['a\\b', "'a\\\\b'"],
		['l1\nl2', "'l1\\nl2'"],
		['l1\r\nl2', "'l1\\r\\nl2'"],
		['tab\there', "'tab\there'"],
		['{Secret}', "'{Secret}'"],
		['', "''"],
		['olá 👋', "'olá 👋'"],
	])('%j → %s', (input, expected) => {
		expect(formulaString(input)).toBe(expected);
	});

	it('rejects non-text and lone surrogates', () => {
		expect(() => formulaString(1 as unknown as string)).toThrow(TypeError);
		expect(() => formulaString(null as unknown as string)).toThrow(TypeError);
		expect(() => formulaString('a\uD800b')).toThrow(RangeError);
		expect(() => formulaString('\uDC00')).toThrow(RangeError);
	});
});

describe('formulaField', () => {
	it.each([
		['Name', '{Name}'],
		['First Name', '{First Name}'],
		['a}b', '{a\\}b}'],
		['a\\b', '{a\\\\b}'],
		['ends\\', '{ends\\\\}'],
		['{x}', '{{x\\}}'],
		["it's \"q\"", `{it's "q"}`],
	])('%j → %s', (input, expected) => {
		expect(formulaField(input)).toBe(expected);
		expect(compileFormula(expected).fieldNames).toEqual([input]);
	});

	it('rejects empty and non-text names', () => {
		expect(() => formulaField('')).toThrow(RangeError);
		expect(() => formulaField(undefined as unknown as string)).toThrow(TypeError);
	});
});

describe('formulaNumber / formulaValue', () => {
	it.each([
		[0, '0'],
		[-0, '0'],
		[42, '42'],
		[-1.5, '-1.5'],
		[0.1, '0.1'],
		[1e21, '1000000000000000000000'],
		[1.5e22, '15000000000000000000000'],
		[1e-7, '0.0000001'],
		[-1.2345e-10, '-0.00000000012345'],
		[Number.MAX_SAFE_INTEGER, '9007199254740991'],
		[5e-324, `0.${'0'.repeat(323)}5`],
	])('%p → %s', (input, expected) => {
		expect(formulaNumber(input)).toBe(expected);
		expect(formulaValue(input)).toBe(expected);
	});

	it('reads back to the same number', () => {
		for (const n of [0, 1, -1, 0.1, 1 / 3, -2 / 3, 1e21, 1.7976931348623157e308, 5e-324, 123456.789e-20, -9.87654321e30]) {
			expect(compileFormula(formulaValue(n)).evaluate(record())).toBe(n);
		}
	});

	it('rejects NaN and infinities', () => {
		expect(() => formulaValue(NaN)).toThrow(RangeError);
		expect(() => formulaValue(Infinity)).toThrow(RangeError);
		expect(() => formulaValue(-Infinity)).toThrow(RangeError);
	});

	it('writes booleans and null as functions', () => {
		expect(formulaValue(true)).toBe('TRUE()');
		expect(formulaValue(false)).toBe('FALSE()');
		expect(formulaValue(null)).toBe('BLANK()');
		expect(formulaValue("it's")).toBe("'it\\'s'");
	});

	it('rejects other types with a hint', () => {
		expect(() => formulaValue(undefined as unknown as null)).toThrow(/use null for blank/);
		expect(() => formulaValue({} as unknown as null)).toThrow(TypeError);
	});
});

describe('buildEqualsAll', () => {
	it('writes one comparison bare and several inside AND()', () => {
		expect(buildEqualsAll({ Name: 'Ana' })).toBe("{Name}='Ana'");
		expect(buildEqualsAll({ Name: "O'Brien", Age: 30, Active: true, Notes: null })).toBe(
			"AND({Name}='O\\'Brien', {Age}=30, {Active}=TRUE(), {Notes}=BLANK())",
		);
		expect(buildEqualsAll({ 'Weird}Field': -2 })).toBe('{Weird\\}Field}=-2');
	});

	it('refuses an empty criteria object', () => {
		expect(() => buildEqualsAll({})).toThrow(RangeError);
		expect(() => buildEqualsAll(null as unknown as Record<string, string>)).toThrow(TypeError);
	});

	it('matches with Airtable semantics for typed values', () => {
		const formula = compileFormula(buildEqualsAll({ Phone: '+55 11 99999-0000', Active: true, Visits: 3 }));
		const hit = record({ Phone: '+55 11 99999-0000', Active: true, Visits: 3 });
		expect(formula.matches(hit)).toBe(true);
		expect(formula.matches(record({ Phone: '+55 11 99999-0000', Visits: 3 }))).toBe(false);
		expect(formula.matches(record({ Phone: '+55 11 99999-0000', Active: true, Visits: 4 }))).toBe(false);
		// null matches blank cells; 0 and false match them too, as in Airtable.
		expect(compileFormula(buildEqualsAll({ Notes: null })).matches(record({}))).toBe(true);
		expect(compileFormula(buildEqualsAll({ Visits: 0 })).matches(record({}))).toBe(true);
		expect(compileFormula(buildEqualsAll({ Active: false })).matches(record({}))).toBe(true);
		expect(compileFormula(buildEqualsAll({ Notes: '' })).matches(record({}))).toBe(true);
	});
});

const NASTY: string[] = [
	"'",
	'"',
	'{',
	'}',
	'\\',
	'\n',
	'\r\n',
	'\t',
	"') , TRUE(), ('",
	"' , TRUE(), '",
	'" , TRUE(), "',
	"'} & {Secret",
	"'} & {Secret} & '",
	"'&{Secret}&'",
	"\\'",
	"\\\\'",
	"\\\\\\'",
	'\\"',
	"\\') OR TRUE() OR ('",
	"x' OR 1=1 OR 'x'='x",
	"')) , 1, (('",
	'}{',
	'{Name}',
	'{Secret}',
	"{Secret}'",
	'BLANK()',
	'TRUE()',
	'1/0',
	'\\n',
	'\\u0027',
	"'\n, TRUE(), '",
	'end\\',
	'\u0000',
	'\u2028\u2029',
	'\u201cquoted\u201d \u2018single\u2019',
	'ação ÇÃO olá',
	'中文 日本語 한국어',
	'👋🏽 👨‍👩‍👧 🇧🇷',
	'𝕳𝖊𝖑𝖑𝖔',
	'0',
	'-0',
	' 1 ',
	'1e3',
	'NaN',
	'null',
	'  ',
	"'".repeat(10_000),
	'\\'.repeat(10_001),
	`${'x'.repeat(50_000)}'} & {Secret`,
	'{'.repeat(1000) + '}'.repeat(1000),
];

/** Records that must not match when searching for `value`: all the other nasties and near misses. */
function decoys(value: string): string[] {
	const near = [`${value} `, ` ${value}`, `${value}x`, value.slice(1), value.slice(0, -1), value.toUpperCase(), value.toLowerCase(), value.replace(/\\/g, '')];
	return [...NASTY, ...near].filter((other) => other !== value && other !== '');
}

function assertExactMatch(fieldName: string, value: string): void {
	const formula = buildEqualsAll({ [fieldName]: value });
	const compiled = compileFormula(formula, { knownFields: [fieldName, 'Secret'] });
	expect(compiled.fieldNames).toEqual([fieldName]);

	const target = record({ [fieldName]: value, Secret: 'top secret' }, { id: 'recTarget' });
	const others = decoys(value).map((other, i) => record({ [fieldName]: other, Secret: value }, { id: `recDecoy${i}` }));
	others.push(record({ Secret: value }, { id: 'recBlank' }));
	const hits = [target, ...others].filter((r) => compiled.matches(r, { now: NOW })).map((r) => r.id);
	expect(hits).toEqual(['recTarget']);

	// The literal reads back to exactly the input.
	expect(compileFormula(formulaString(value)).evaluate(record())).toBe(value);
}

describe('injection: user text never changes a formula\'s meaning', () => {
	it.each(NASTY.map((value) => [JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length})` : value), value]))(
		'Name = %s matches only that record',
		(_label, value) => {
			assertExactMatch('Name', value);
		},
	);

	it.each(NASTY.filter((n) => n.length < 200).map((name) => [JSON.stringify(name), name]))('field name %s stays one field', (_label, name) => {
		const formula = buildEqualsAll({ [name]: "') , TRUE(), ('", Other: 1 });
		expect(compileFormula(formula).fieldNames).toEqual([name, 'Other']);
	});

	it('an empty string matches blank cells, as in Airtable', () => {
		const compiled = compileFormula(buildEqualsAll({ Name: '' }));
		expect(compiled.matches(record({}))).toBe(true);
		expect(compiled.matches(record({ Name: '' }))).toBe(true);
		expect(compiled.matches(record({ Name: ' ' }))).toBe(false);
	});
});

/** mulberry32: a tiny deterministic PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SPECIAL = ["'", '"', '{', '}', '\\', '\n', '\r', '\t', '(', ')', ',', '&', '=', '!', '<', '>', ' ', '+', '-', '*', '/', '[', ']', '#', '\u0000', '\u2028'];
const PLAIN = ['a', 'B', 'z', '0', '9', 'é', 'Ç', 'ß', '中', 'Ω', '👋', '🇧🇷', '𝕳', 'TRUE()', 'AND', 'BLANK()', '{Secret}'];

function randomString(next: () => number, minLength: number): string {
	const length = minLength + Math.floor(next() * 24);
	let text = '';
	for (let i = 0; i < length; i++) {
		const roll = next();
		if (roll < 0.55) text += SPECIAL[Math.floor(next() * SPECIAL.length)];
		else if (roll < 0.9) text += PLAIN[Math.floor(next() * PLAIN.length)];
		else {
			// Any code point outside the surrogate range, astral ones included.
			let cp = Math.floor(next() * 0x10ffff);
			if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
			text += String.fromCodePoint(cp);
		}
	}
	return text;
}

describe('injection fuzz (seeded)', () => {
	it('2000 random names and values each build a formula that matches exactly one record', () => {
		const next = prng(0x5eed2024);
		for (let i = 0; i < 2000; i++) {
			const field = randomString(next, 1);
			const value = randomString(next, 1);
			const compiled = compileFormula(buildEqualsAll({ [field]: value }), { knownFields: [field, 'Secret'] });
			expect(compiled.fieldNames).toEqual([field]);

			const other = randomString(next, 1);
			const candidates: Array<[string, Record<string, FieldValue>]> = [
				['target', { [field]: value, Secret: other }],
				['suffix', { [field]: `${value}'`, Secret: value }],
				['prefix', { [field]: `\\${value}`, Secret: value }],
				['other', { [field]: other, Secret: value }],
				['blank', { Secret: value }],
			];
			const hits = candidates
				.filter(([label, fields]) => label === 'target' || fields[field] !== value)
				.filter(([, fields]) => compiled.matches(record(fields), { now: NOW }))
				.map(([label]) => label);
			if (hits.length !== 1 || hits[0] !== 'target') {
				throw new Error(`Iteration ${i}: field ${JSON.stringify(field)} value ${JSON.stringify(value)} matched ${hits.join(', ')}`);
			}
			expect(compileFormula(formulaString(value)).evaluate(record())).toBe(value);
		}
	});

	it('2000 random numbers read back exactly', () => {
		const next = prng(42);
		const buffer = new DataView(new ArrayBuffer(8));
		for (let i = 0; i < 2000; i++) {
			// Random bit patterns cover tiny, huge and subnormal doubles.
			buffer.setUint32(0, Math.floor(next() * 2 ** 32));
			buffer.setUint32(4, Math.floor(next() * 2 ** 32));
			const n = buffer.getFloat64(0);
			if (!Number.isFinite(n)) continue;
			const compiled = compileFormula(buildEqualsAll({ Amount: n }));
			expect(compiled.matches(record({ Amount: n }))).toBe(true);
			expect(compiled.matches(record({ Amount: n === 0 ? 1 : n * 2 }))).toBe(false);
			const back = compileFormula(formulaValue(n)).evaluate(record());
			expect(back).toBe(n === 0 ? 0 : n);
		}
	});
});
