/**
 * SET_TIMEZONE SET_LOCALE DATETIME_PARSE DATESTR TIMESTR YEAR MONTH DAY HOUR MINUTE SECOND WEEKDAY
 * WEEKNUM (https://support.airtable.com/docs/formula-field-reference). Parts are read on the date's
 * wall clock: UTC, or the zone SET_TIMEZONE gave it.
 */

import type { CallExpression } from '../ast';
import { compileParseFormat, parseWithFormat, PARSE_TOKENS } from '../date-parse';
import { formatDate } from '../date-format';
import { toDate } from '../dates';
import { formulaError, FormulaEvaluationError } from '../errors';
import { toText, type Value } from '../values';
import { canonicalTimeZone, wallClock, ZonedDate } from '../zones';
import { eager, type FunctionSpec } from './types';

function part(read: (local: Date) => number) {
	return ([date]: Value[]) => read(wallClock(toDate(date)).local);
}

/** The zone's canonical name; #ERROR! for a computed name that is not an IANA zone. */
function zoneOf(value: Value): string {
	const zone = canonicalTimeZone(toText(value));
	if (!zone) throw new FormulaEvaluationError(`${JSON.stringify(toText(value))} is not an IANA time zone such as "America/Sao_Paulo"`);
	return zone;
}

function checkZoneLiteral(call: CallExpression): void {
	const arg = call.args[1];
	if (arg?.kind === 'string' && !canonicalTimeZone(arg.value)) {
		throw formulaError(`Unknown time zone ${JSON.stringify(arg.value)} in SET_TIMEZONE`, arg.pos, 'use an IANA name such as "America/Sao_Paulo" or "UTC"');
	}
}

/** The store prints and parses English only; another locale would change month and weekday names it cannot produce. */
function isEnglish(locale: string): boolean {
	return /^en(?:[-_]us)?$/i.test(locale.trim());
}

function localeProblem(locale: string, pos: number): Error {
	return formulaError(
		`Locale ${JSON.stringify(locale)} is not supported by the local store`,
		pos,
		'it prints and parses English ("en") only; leave the locale out or use "en"',
	);
}

function checkLocaleLiteral(index: number) {
	return (call: CallExpression): void => {
		const arg = call.args[index];
		if (arg?.kind === 'string' && !isEnglish(arg.value)) throw localeProblem(arg.value, arg.pos);
	};
}

function requireEnglish(value: Value | undefined, node: CallExpression, index: number): void {
	if (value !== undefined && !isEnglish(toText(value))) throw localeProblem(toText(value), node.args[index].pos);
}

/** Day of the week, 0-based from the start day: Sunday by default, or Monday. */
function weekday(local: Date, start: Value | undefined): number {
	const day = local.getUTCDay();
	return startsMonday(start) ? (day + 6) % 7 : day;
}

function startsMonday(start: Value | undefined): boolean {
	if (start === undefined || start === null) return false;
	const name = toText(start).trim().toLowerCase();
	if (name === 'monday') return true;
	if (name === 'sunday' || name === '') return false;
	throw new FormulaEvaluationError(`The start day must be "Sunday" or "Monday", got ${JSON.stringify(toText(start))}`);
}

function checkStartDay(call: CallExpression): void {
	const arg = call.args[1];
	if (arg?.kind === 'string' && !/^(sunday|monday)$/i.test(arg.value.trim())) {
		throw formulaError(`Unknown start day ${JSON.stringify(arg.value)} in ${call.name}`, arg.pos, 'use "Sunday" or "Monday"');
	}
}

export const DATE_PART_FUNCTIONS: FunctionSpec[] = [
	// The instant is kept; the zone changes what DATETIME_FORMAT and the part functions print.
	eager('SET_TIMEZONE', 2, 2, ([date, zone]) => new ZonedDate(toDate(date).getTime(), zoneOf(zone)), checkZoneLiteral),
	eager(
		'SET_LOCALE',
		2,
		2,
		([date, locale], _env, node) => {
			requireEnglish(locale, node, 1);
			return toDate(date);
		},
		checkLocaleLiteral(1),
	),
	eager(
		'DATETIME_PARSE',
		1,
		3,
		([text, format, locale], env, node) => {
			requireEnglish(locale, node, 2);
			if (format === undefined) return toDate(text);
			const compiled = compileParseFormat(toText(format));
			if ('unsupported' in compiled) {
				throw formulaError(`DATETIME_PARSE token ${compiled.unsupported.join(', ')} is not supported by the local store`, node.args[1].pos, `use ${PARSE_TOKENS}`);
			}
			const date = parseWithFormat(toText(text), compiled, env.now);
			if (!date) throw new FormulaEvaluationError(`${JSON.stringify(toText(text))} does not match the format ${JSON.stringify(toText(format))}`);
			return date;
		},
		(call) => {
			const format = call.args[1];
			if (format?.kind === 'string') {
				const compiled = compileParseFormat(format.value);
				if ('unsupported' in compiled) {
					throw formulaError(`DATETIME_PARSE token ${compiled.unsupported.join(', ')} is not supported by the local store`, format.pos, `use ${PARSE_TOKENS}`);
				}
			}
			checkLocaleLiteral(2)(call);
		},
	),
	eager('DATESTR', 1, 1, ([date]) => formatDate(toDate(date), 'YYYY-MM-DD')),
	eager('TIMESTR', 1, 1, ([date]) => formatDate(toDate(date), 'HH:mm:ss')),
	eager('YEAR', 1, 1, part((d) => d.getUTCFullYear())),
	// 1 to 12.
	eager('MONTH', 1, 1, part((d) => d.getUTCMonth() + 1)),
	eager('DAY', 1, 1, part((d) => d.getUTCDate())),
	eager('HOUR', 1, 1, part((d) => d.getUTCHours())),
	eager('MINUTE', 1, 1, part((d) => d.getUTCMinutes())),
	eager('SECOND', 1, 1, part((d) => d.getUTCSeconds())),
	// 0 (Sunday) to 6; with "Monday", Monday is 0.
	eager('WEEKDAY', 1, 2, ([date, start]) => weekday(wallClock(toDate(date)).local, start), checkStartDay),
	// The week containing January 1 is week 1; weeks start on Sunday, or on Monday when asked. WEEKNUM("2013-02-17") = 8.
	eager(
		'WEEKNUM',
		1,
		2,
		([date, start]) => {
			const local = wallClock(toDate(date)).local;
			const jan1 = new Date(Date.UTC(local.getUTCFullYear(), 0, 1));
			const dayOfYear = Math.floor((Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - jan1.getTime()) / 86_400_000);
			return Math.floor((dayOfYear + weekday(jan1, start)) / 7) + 1;
		},
		checkStartDay,
	),
];
