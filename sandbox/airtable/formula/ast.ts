/** The parsed shape of a formula. Every node keeps its 1-based source position for error messages. */

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';
export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type BinaryOperator = ComparisonOperator | ArithmeticOperator | '&';

export interface NumberLiteral {
	kind: 'number';
	value: number;
	pos: number;
}

export interface StringLiteral {
	kind: 'string';
	value: string;
	pos: number;
}

/** TRUE / FALSE written without parentheses. */
export interface BooleanLiteral {
	kind: 'boolean';
	value: boolean;
	pos: number;
}

export interface FieldReference {
	kind: 'field';
	name: string;
	pos: number;
	/** Written without braces (Status = 'done'), which Airtable allows for single-word names. */
	bare?: boolean;
}

export interface CallExpression {
	kind: 'call';
	/** Upper-cased: Airtable function names are case-insensitive. */
	name: string;
	args: Expr[];
	pos: number;
}

export interface UnaryExpression {
	kind: 'unary';
	op: '-';
	operand: Expr;
	pos: number;
}

export interface BinaryExpression {
	kind: 'binary';
	op: BinaryOperator;
	left: Expr;
	right: Expr;
	/** Position of the operator, where a type problem is reported. */
	pos: number;
}

export type Expr =
	| NumberLiteral
	| StringLiteral
	| BooleanLiteral
	| FieldReference
	| CallExpression
	| UnaryExpression
	| BinaryExpression;
