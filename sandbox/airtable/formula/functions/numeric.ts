/**
 * ABS AVERAGE CEILING COUNT COUNTA COUNTALL EVEN EXP FLOOR INT LOG MAX MIN MOD ODD POWER ROUND
 * ROUNDDOWN ROUNDUP SQRT SUM VALUE, as Airtable's formula reference describes them
 * (https://support.airtable.com/docs/formula-field-reference). Lists (lookups, rollups) passed as
 * arguments count as their items.
 */

import { FormulaEvaluationError } from '../errors';
import { isBlank, toNumber, toText, tryNumber, type Value } from '../values';
import { eager, type FunctionSpec } from './types';

/** Every argument, with lists flattened into their items. */
function items(values: Value[]): Value[] {
	return values.flatMap((value) => (Array.isArray(value) ? items(value) : [value]));
}

/** The numbers among the arguments: numbers and numeric text; blanks and other text are skipped, as in a spreadsheet. */
function numbers(values: Value[]): number[] {
	return items(values).flatMap((item) => {
		if (isBlank(item) || typeof item === 'boolean') return [];
		const n = tryNumber(item);
		return n === undefined ? [] : [n];
	});
}

function finite(value: number): number {
	if (!Number.isFinite(value)) throw new FormulaEvaluationError('The result is not a finite number');
	return value === 0 ? 0 : value;
}

/** Rounds to `digits` decimals (negative digits round to tens, hundreds...), with `round` applied to the scaled value. */
function roundWith(value: number, digits: number, round: (x: number) => number): number {
	const places = Math.trunc(digits);
	const factor = 10 ** Math.abs(places);
	// Scaling can land a hair off (1.005 * 100 = 100.49999999999999); 15 significant digits undo that.
	const scaled = Number((places >= 0 ? value * factor : value / factor).toPrecision(15));
	const rounded = round(scaled);
	return finite(places >= 0 ? rounded / factor : rounded * factor);
}

/** The multiple of `significance` next to value in the direction `round` gives (CEILING, FLOOR). */
function toMultiple(value: number, significance: number, round: (x: number) => number): number {
	if (significance === 0) return 0;
	return finite(round(value / significance) * significance);
}

/** EVEN and ODD round away from zero to the next even or odd integer. */
function awayToParity(value: number, odd: boolean): number {
	const sign = value < 0 ? -1 : 1;
	let n = Math.ceil(Math.abs(value));
	if ((n % 2 === 1) !== odd) n += 1;
	if (odd && n === 0) n = 1;
	return sign * n;
}

export const NUMERIC_FUNCTIONS: FunctionSpec[] = [
	eager('ABS', 1, 1, ([value]) => Math.abs(toNumber(value))),
	eager('SUM', 1, Infinity, (values) => finite(numbers(values).reduce((a, b) => a + b, 0))),
	eager('AVERAGE', 1, Infinity, (values) => {
		const list = numbers(values);
		if (list.length === 0) throw new FormulaEvaluationError('AVERAGE of no numbers');
		return finite(list.reduce((a, b) => a + b, 0) / list.length);
	}),
	eager('MAX', 1, Infinity, (values) => {
		const list = numbers(values);
		return list.length === 0 ? 0 : Math.max(...list);
	}),
	eager('MIN', 1, Infinity, (values) => {
		const list = numbers(values);
		return list.length === 0 ? 0 : Math.min(...list);
	}),
	// COUNT counts numbers, COUNTA non-empty values, COUNTALL every value including blanks.
	eager('COUNT', 1, Infinity, (values) => items(values).filter((item) => typeof item === 'number').length),
	eager('COUNTA', 1, Infinity, (values) => items(values).filter((item) => !isBlank(item)).length),
	eager('COUNTALL', 1, Infinity, (values) => items(values).length),
	// Ties go up, toward +∞: ROUND(2.5) = 3 and ROUND(-2.5) = -2 (Airtable: "ties broken by rounding half up toward positive infinity").
	eager('ROUND', 2, 2, ([value, digits]) => roundWith(toNumber(value), toNumber(digits), Math.round)),
	// ROUNDUP away from zero, ROUNDDOWN toward zero.
	eager('ROUNDUP', 2, 2, ([value, digits]) => roundWith(toNumber(value), toNumber(digits), (x) => (x < 0 ? Math.floor(x) : Math.ceil(x)))),
	eager('ROUNDDOWN', 2, 2, ([value, digits]) => roundWith(toNumber(value), toNumber(digits), Math.trunc)),
	eager('CEILING', 1, 2, ([value, significance]) => toMultiple(toNumber(value), significance === undefined ? 1 : toNumber(significance), Math.ceil)),
	eager('FLOOR', 1, 2, ([value, significance]) => toMultiple(toNumber(value), significance === undefined ? 1 : toNumber(significance), Math.floor)),
	// The greatest integer less than or equal to the value: INT(-1.5) = -2.
	eager('INT', 1, 1, ([value]) => Math.floor(toNumber(value)) || 0),
	eager('EVEN', 1, 1, ([value]) => awayToParity(toNumber(value), false)),
	eager('ODD', 1, 1, ([value]) => awayToParity(toNumber(value), true)),
	eager('EXP', 1, 1, ([power]) => finite(Math.exp(toNumber(power)))),
	eager('LOG', 1, 2, ([value, base]) => {
		const n = toNumber(value);
		const b = base === undefined ? 10 : toNumber(base);
		if (n <= 0 || b <= 0 || b === 1) throw new FormulaEvaluationError('LOG needs a positive number and a positive base other than 1');
		return finite(Math.log(n) / Math.log(b));
	}),
	// The remainder takes the sign of the dividend, as JavaScript's %: MOD(-7, 2) = -1.
	eager('MOD', 2, 2, ([value, divisor]) => {
		const d = toNumber(divisor);
		if (d === 0) throw new FormulaEvaluationError('MOD by zero');
		return finite(toNumber(value) % d);
	}),
	eager('POWER', 2, 2, ([base, power]) => finite(toNumber(base) ** toNumber(power))),
	eager('SQRT', 1, 1, ([value]) => {
		const n = toNumber(value);
		if (n < 0) throw new FormulaEvaluationError('SQRT of a negative number');
		return Math.sqrt(n);
	}),
	// VALUE("$1,000") = 1000: currency signs, spaces and thousands separators are dropped.
	eager('VALUE', 1, 1, ([text]) => {
		if (typeof text === 'number') return text;
		const cleaned = toText(text).replace(/[\s,$€£R]/g, '');
		const n = cleaned === '' ? undefined : tryNumber(cleaned);
		if (n === undefined) throw new FormulaEvaluationError(`${JSON.stringify(toText(text))} is not a number`);
		return n;
	}),
];
