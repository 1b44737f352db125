/**
 * Recursive-descent parser over the lexer's tokens.
 * Precedence, lowest first: comparisons, &, + and -, * and /, unary minus. All binary operators are left-associative.
 */

import type { BinaryOperator, CallExpression, Expr } from './ast';
import { FormulaError, formulaError } from './errors';
import { tokenize, type Token } from './lexer';

const PRECEDENCE: Record<BinaryOperator, number> = {
	'=': 1,
	'!=': 1,
	'<': 1,
	'>': 1,
	'<=': 1,
	'>=': 1,
	// Below + and -, as in spreadsheets: "Total: " & {A} + {B} adds first, then joins.
	'&': 2,
	'+': 3,
	'-': 3,
	'*': 4,
	'/': 4,
};

/** Deep enough for any hand-written formula, shallow enough never to overflow the call stack. */
const MAX_DEPTH = 200;

export function parse(source: string): Expr {
	return new Parser(tokenize(source)).parseFormula();
}

class Parser {
	private index = 0;
	private depth = 0;

	constructor(private readonly tokens: Token[]) {}

	parseFormula(): Expr {
		if (this.peek().kind === 'end') throw new FormulaError('The formula is empty', 1);
		const expr = this.parseExpression(1);
		const next = this.peek();
		if (next.kind === 'rparen') {
			throw formulaError("Unbalanced parentheses: ')'", next.pos, "it has no matching '('");
		}
		if (next.kind !== 'end') {
			throw formulaError(`Unexpected ${describe(next)}`, next.pos, 'the formula should end here (a missing operator or comma?)');
		}
		return expr;
	}

	private parseExpression(minPrecedence: number): Expr {
		this.enter();
		let left = this.parseUnary();
		for (;;) {
			const token = this.peek();
			if (token.kind !== 'operator' || PRECEDENCE[token.op] < minPrecedence) break;
			this.index++;
			const right = this.parseExpression(PRECEDENCE[token.op] + 1);
			left = { kind: 'binary', op: token.op, left, right, pos: token.pos };
		}
		this.depth--;
		return left;
	}

	private parseUnary(): Expr {
		const token = this.peek();
		if (token.kind === 'operator' && token.op === '-') {
			this.index++;
			this.enter();
			const operand = this.parseUnary();
			this.depth--;
			return { kind: 'unary', op: '-', operand, pos: token.pos };
		}
		return this.parsePrimary();
	}

	private parsePrimary(): Expr {
		const token = this.next();
		switch (token.kind) {
			case 'number':
				return { kind: 'number', value: token.value, pos: token.pos };
			case 'string':
				return { kind: 'string', value: token.value, pos: token.pos };
			case 'field':
				return { kind: 'field', name: token.name, pos: token.pos };
			case 'identifier':
				return this.parseIdentifier(token.name, token.pos);
			case 'lparen': {
				const inner = this.parseExpression(1);
				this.expectClosing(token.pos, "expected ')'");
				return inner;
			}
			default:
				throw formulaError(`Expected a value but found ${describe(token)}`, token.pos);
		}
	}

	private parseIdentifier(name: string, pos: number): Expr {
		if (this.peek().kind === 'lparen') {
			const open = this.next();
			return this.parseCall(name.toUpperCase(), pos, open.pos);
		}
		const upper = name.toUpperCase();
		if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', pos };
		// A single-word field name needs no braces in Airtable: Status = 'done'.
		return { kind: 'field', name, pos, bare: true };
	}

	private parseCall(name: string, pos: number, openPos: number): CallExpression {
		const args: Expr[] = [];
		if (this.peek().kind === 'rparen') {
			this.index++;
			return { kind: 'call', name, args, pos };
		}
		for (;;) {
			args.push(this.parseExpression(1));
			const token = this.peek();
			if (token.kind === 'comma') {
				this.index++;
				continue;
			}
			this.expectClosing(openPos, "expected ',' or ')'");
			return { kind: 'call', name, args, pos };
		}
	}

	private expectClosing(openPos: number, expected: string): void {
		const token = this.next();
		if (token.kind === 'rparen') return;
		if (token.kind === 'end') {
			throw formulaError("Unbalanced parentheses: '('", openPos, `it is never closed (the formula ends at position ${token.pos})`);
		}
		throw formulaError(`Unexpected ${describe(token)}`, token.pos, `${expected} to close the '(' at position ${openPos}`);
	}

	private enter(): void {
		if (++this.depth > MAX_DEPTH) {
			throw formulaError('The formula is nested too deeply', this.peek().pos, `the limit is ${MAX_DEPTH} levels`);
		}
	}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private next(): Token {
		const token = this.tokens[this.index];
		// The 'end' token stays put, so reading past it keeps returning it.
		if (token.kind !== 'end') this.index++;
		return token;
	}
}

function describe(token: Token): string {
	switch (token.kind) {
		case 'number':
			return `number ${token.value}`;
		case 'string':
			return `text ${JSON.stringify(token.value.length > 20 ? `${token.value.slice(0, 20)}…` : token.value)}`;
		case 'field':
			return `field {${token.name}}`;
		case 'identifier':
			return `name ${token.name}`;
		case 'operator':
			return `operator '${token.op}'`;
		case 'lparen':
			return "'('";
		case 'rparen':
			return "')'";
		case 'comma':
			return "','";
		case 'end':
			return 'the end of the formula';
	}
}
