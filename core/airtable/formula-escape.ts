/**
 * Building formulas from untrusted text. Whatever the input, the output is one literal or one field
 * reference, so user text can never add operators, calls or other fields to a formula.
 * Wrong types throw TypeError; values a formula cannot hold throw RangeError.
 */

/** A UTF-16 surrogate without its partner: not valid Unicode, and it cannot travel in a URL or to Airtable. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertText(value: unknown, what: string): asserts value is string {
	if (typeof value !== 'string') throw new TypeError(`${what} must be a string, got ${value === null ? 'null' : typeof value}`);
	if (LONE_SURROGATE.test(value)) throw new RangeError(`${what} contains a lone UTF-16 surrogate, which is not valid Unicode`);
}

const STRING_ESCAPES: Record<string, string> = {
	'\\': '\\\\',
	"'": "\\'",
	'\n': '\\n',
	'\r': '\\r',
};

/** A single-quoted text literal: backslash, quote and line breaks escaped. 'O\'Brien' for O'Brien. */
export function formulaString(value: string): string {
	assertText(value, 'A formula text value');
	return `'${value.replace(/[\\'\n\r]/g, (ch) => STRING_ESCAPES[ch])}'`;
}

/** A field reference: {Name}, with } and \ escaped inside the braces. */
export function formulaField(name: string): string {
	assertText(name, 'A field name');
	if (name === '') throw new RangeError('A field name cannot be empty');
	return `{${name.replace(/[\\}]/g, (ch) => `\\${ch}`)}}`;
}

/**
 * Plain decimal digits for any finite number: Airtable formulas have no exponent notation,
 * so 1e21 becomes 1000000000000000000000 and 1e-7 becomes 0.0000001 (same value when read back).
 */
export function formulaNumber(value: number): string {
	if (typeof value !== 'number') throw new TypeError(`A formula number must be a number, got ${typeof value}`);
	if (!Number.isFinite(value)) throw new RangeError(`A formula cannot hold ${value}; pass a finite number`);
	if (value === 0) return '0';
	const sign = value < 0 ? '-' : '';
	const text = String(Math.abs(value));
	const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!match) return sign + text;
	const [, whole, fraction = '', exponentText] = match;
	const digits = whole + fraction;
	// Where the decimal point lands once the exponent is applied to "d.ddd".
	const point = whole.length + Number(exponentText);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Any criterion value as a formula: text quoted, numbers as decimals, booleans as TRUE()/FALSE(), null as BLANK(). */
export function formulaValue(value: string | number | boolean | null): string {
	if (value === null) return 'BLANK()';
	switch (typeof value) {
		case 'string':
			return formulaString(value);
		case 'number':
			return formulaNumber(value);
		case 'boolean':
			return value ? 'TRUE()' : 'FALSE()';
		default:
			throw new TypeError(
				`A formula value must be a string, number, boolean or null, got ${typeof value}${value === undefined ? ' (use null for blank)' : ''}`,
			);
	}
}

/**
 * {F1}='v1' for one criterion, AND({F1}='v1', {F2}=2) for several: every field equals its value.
 * Airtable semantics apply: null matches blank cells, and 0 or false also match blank cells.
 */
export function buildEqualsAll(criteria: Record<string, string | number | boolean | null>): string {
	if (criteria === null || typeof criteria !== 'object' || Array.isArray(criteria)) {
		throw new TypeError('The criteria must be an object of field name to value');
	}
	const parts = Object.entries(criteria).map(([field, value]) => `${formulaField(field)}=${formulaValue(value)}`);
	if (parts.length === 0) throw new RangeError('At least one criterion is needed: an empty filter would match every record');
	return parts.length === 1 ? parts[0] : `AND(${parts.join(', ')})`;
}
