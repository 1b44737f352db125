/** Splits formula source into tokens, each with its 1-based position. */

import type { BinaryOperator } from './ast';
import { formulaError } from './errors';

export type Token =
	| { kind: 'number'; value: number; pos: number }
	| { kind: 'string'; value: string; pos: number }
	| { kind: 'field'; name: string; pos: number }
	| { kind: 'identifier'; name: string; pos: number }
	| { kind: 'operator'; op: BinaryOperator; pos: number }
	| { kind: 'lparen' | 'rparen' | 'comma' | 'end'; pos: number };

const STRING_ESCAPES: Record<string, string> = {
	'\\': '\\',
	"'": "'",
	'"': '"',
	n: '\n',
	r: '\r',
	t: '\t',
};

/** Inside {braces} only these are escapes; any other backslash is part of the field name. */
const FIELD_ESCAPES = new Set(['}', '\\', '{']);

// Letters in any script, so a single-word field such as Situação can be written without braces.
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{M}\p{N}_]/u;
const DIGIT = /[0-9]/;
const WHITESPACE = /\s/;

export function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const ch = source[i];
		const pos = i + 1;
		if (WHITESPACE.test(ch)) {
			i++;
		} else if (ch === "'" || ch === '"') {
			const { value, end } = readString(source, i);
			tokens.push({ kind: 'string', value, pos });
			i = end;
		} else if (ch === '{') {
			const { name, end } = readField(source, i);
			tokens.push({ kind: 'field', name, pos });
			i = end;
		} else if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(source[i + 1] ?? ''))) {
			const { value, end } = readNumber(source, i);
			tokens.push({ kind: 'number', value, pos });
			i = end;
		} else if (IDENT_START.test(ch)) {
			let end = i + 1;
			while (end < source.length && IDENT_PART.test(source[end])) end++;
			tokens.push({ kind: 'identifier', name: source.slice(i, end), pos });
			i = end;
		} else if (ch === '(') {
			tokens.push({ kind: 'lparen', pos });
			i++;
		} else if (ch === ')') {
			tokens.push({ kind: 'rparen', pos });
			i++;
		} else if (ch === ',') {
			tokens.push({ kind: 'comma', pos });
			i++;
		} else {
			const { op, length } = readOperator(source, i);
			tokens.push({ kind: 'operator', op, pos });
			i += length;
		}
	}
	tokens.push({ kind: 'end', pos: source.length + 1 });
	return tokens;
}

function readString(source: string, start: number): { value: string; end: number } {
	const quote = source[start];
	const parts: string[] = [];
	let chunkStart = start + 1;
	let i = start + 1;
	// Copies runs of plain characters in one slice, so long literals stay linear.
	while (i < source.length) {
		const ch = source[i];
		if (ch === quote) {
			parts.push(source.slice(chunkStart, i));
			return { value: parts.join(''), end: i + 1 };
		}
		if (ch === '\\') {
			parts.push(source.slice(chunkStart, i));
			const next = source[i + 1];
			if (next === undefined) break;
			const replacement = STRING_ESCAPES[next];
			if (replacement === undefined) {
				throw formulaError(
					`Unknown escape sequence \\${next} in a text value`,
					i + 1,
					`the supported escapes are \\' \\" \\\\ \\n \\r \\t; write \\\\ for a literal backslash`,
				);
			}
			parts.push(replacement);
			i += 2;
			chunkStart = i;
			continue;
		}
		i++;
	}
	throw formulaError(
		'Unterminated text value starting',
		start + 1,
		`add the closing ${quote} (a ${quote} inside the text is written \\${quote})`,
	);
}

function readField(source: string, start: number): { name: string; end: number } {
	const parts: string[] = [];
	let chunkStart = start + 1;
	let i = start + 1;
	while (i < source.length) {
		const ch = source[i];
		if (ch === '}') {
			parts.push(source.slice(chunkStart, i));
			const name = parts.join('');
			if (name === '') throw formulaError('Empty field reference {}', start + 1, 'write the field name inside the braces');
			return { name, end: i + 1 };
		}
		if (ch === '\\' && FIELD_ESCAPES.has(source[i + 1] ?? '')) {
			parts.push(source.slice(chunkStart, i), source[i + 1]);
			i += 2;
			chunkStart = i;
			continue;
		}
		i++;
	}
	throw formulaError('Unterminated field reference starting', start + 1, 'add the closing } (a } inside a field name is written \\})');
}

function readNumber(source: string, start: number): { value: number; end: number } {
	let end = start;
	while (end < source.length && DIGIT.test(source[end])) end++;
	if (source[end] === '.') {
		end++;
		if (!DIGIT.test(source[end] ?? '')) throw formulaError('Malformed number', start + 1, 'a decimal point must be followed by digits');
		while (end < source.length && DIGIT.test(source[end])) end++;
	}
	// "1e5", "12abc", "1.2.3": Airtable numbers are plain decimals.
	if (end < source.length && /[A-Za-z0-9_.]/.test(source[end])) {
		throw formulaError(
			`Malformed number ${JSON.stringify(source.slice(start, end + 1))}`,
			start + 1,
			'numbers are plain decimals such as 42 or 3.14',
		);
	}
	return { value: Number(source.slice(start, end)), end };
}

function readOperator(source: string, i: number): { op: BinaryOperator; length: number } {
	const ch = source[i];
	const next = source[i + 1];
	const pos = i + 1;
	switch (ch) {
		case '=':
			if (next === '=') throw formulaError("'==' is not an operator", pos, "use a single '=' to compare");
			return { op: '=', length: 1 };
		case '!':
			if (next === '=') return { op: '!=', length: 2 };
			throw formulaError("'!' is not an operator", pos, "use NOT(...) to negate or '!=' to compare");
		case '<':
			if (next === '=') return { op: '<=', length: 2 };
			if (next === '>') throw formulaError("'<>' is not an operator", pos, "use '!=' for 'not equal'");
			return { op: '<', length: 1 };
		case '>':
			if (next === '=') return { op: '>=', length: 2 };
			return { op: '>', length: 1 };
		case '&':
			if (next === '&') throw formulaError("'&&' is not an operator", pos, 'use AND(a, b); a single & joins text');
			return { op: '&', length: 1 };
		case '+':
		case '-':
		case '*':
		case '/':
			return { op: ch, length: 1 };
		case '|':
			throw formulaError("'|' is not an operator", pos, 'use OR(a, b)');
		case '\u2018':
		case '\u2019':
		case '\u201c':
		case '\u201d':
			throw formulaError(`Curly quote ${ch}`, pos, `use straight quotes ' or " around text`);
		case '}':
			throw formulaError("Unexpected '}'", pos, 'a field reference is written {Field Name}');
		default:
			throw formulaError(`Unexpected character ${JSON.stringify(ch)}`, pos);
	}
}
