/** NOW TODAY IS_BEFORE IS_AFTER IS_SAME DATEADD DATETIME_DIFF DATETIME_FORMAT. */

import type { CallExpression } from '../ast';
import { DEFAULT_DATE_FORMAT, formatDate, unsupportedFormatTokens } from '../date-format';
import { addToDate, diffDates, normalizeUnit, startOf, startOfUtcDay, toDate, unitFromValue, UNIT_HELP } from '../dates';
import { formulaError } from '../errors';
import { toNumber, toText } from '../values';
import { eager, type FunctionSpec } from './types';

/** A unit written as a literal is checked when the formula is compiled, so a typo is a 422, not an empty result. */
function checkUnitLiteral(index: number) {
	return (call: CallExpression): void => {
		const arg = call.args[index];
		const literal = arg?.kind === 'string' || arg?.kind === 'number' || arg?.kind === 'boolean' ? String(arg.value) : undefined;
		if (arg && literal !== undefined && (arg.kind !== 'string' || !normalizeUnit(literal))) {
			throw formulaError(`Unknown date unit ${JSON.stringify(literal)} in ${call.name}`, arg.pos, `use ${UNIT_HELP}`);
		}
	};
}

/** Tokens the local store cannot print are refused rather than printed wrongly. */
export function assertFormatSupported(format: string, pos: number): void {
	const unsupported = unsupportedFormatTokens(format);
	if (unsupported.length > 0) {
		throw formulaError(
			`DATETIME_FORMAT token ${unsupported.map((t) => JSON.stringify(t)).join(', ')} is not supported by the local store`,
			pos,
			'use YYYY YY Q M MM MMM MMMM D DD Do DDD d ddd dddd W w H HH h hh k m mm s ss SSS A a X x Z ZZ L LL LLL LLLL LT LTS, or [literal text]',
		);
	}
}

export const DATETIME_FUNCTIONS: FunctionSpec[] = [
	eager('NOW', 0, 0, (_values, env) => new Date(env.now.getTime())),
	// Today's date at 00:00 UTC, Airtable's default (GMT) time zone.
	eager('TODAY', 0, 0, (_values, env) => startOfUtcDay(env.now)),
	eager('IS_BEFORE', 2, 2, ([a, b]) => toDate(a).getTime() < toDate(b).getTime()),
	eager('IS_AFTER', 2, 2, ([a, b]) => toDate(a).getTime() > toDate(b).getTime()),
	eager(
		'IS_SAME',
		2,
		3,
		([a, b, unit]) => {
			const da = toDate(a);
			const db = toDate(b);
			if (unit === undefined) return da.getTime() === db.getTime();
			const u = unitFromValue(unit);
			return startOf(da, u) === startOf(db, u);
		},
		checkUnitLiteral(2),
	),
	eager('DATEADD', 3, 3, ([date, count, unit]) => addToDate(toDate(date), toNumber(count), unitFromValue(unit)), checkUnitLiteral(2)),
	// DATETIME_DIFF(d1, d2) is d1 - d2; the default unit is seconds.
	eager(
		'DATETIME_DIFF',
		2,
		3,
		([a, b, unit]) => diffDates(toDate(a), toDate(b), unit === undefined ? 'second' : unitFromValue(unit)),
		checkUnitLiteral(2),
	),
	eager(
		'DATETIME_FORMAT',
		1,
		2,
		([date, format], _env, node) => {
			const pattern = format === undefined ? DEFAULT_DATE_FORMAT : toText(format);
			// A computed format is only known now; the check still refuses rather than guesses.
			assertFormatSupported(pattern, (node.args[1] ?? node).pos);
			return formatDate(toDate(date), pattern);
		},
		(call) => {
			const format = call.args[1];
			if (format?.kind === 'string') assertFormatSupported(format.value, format.pos);
		},
	),
];
