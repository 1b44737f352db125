/**
 * REGEX_MATCH REGEX_EXTRACT REGEX_REPLACE. Airtable runs RE2 (https://github.com/google/re2/wiki/Syntax,
 * named in https://support.airtable.com/docs/formula-field-reference); the store runs JavaScript's
 * RegExp, so it translates what differs (leading (?i) flags, (?P<name>...)) and refuses with 422 what
 * RE2 does not have (lookaround, backreferences) or what it cannot translate, rather than matching differently.
 */

import type { CallExpression } from '../ast';
import { FormulaError, FormulaEvaluationError, formulaError } from '../errors';
import { toText, type Value } from '../values';
import { eager, type FunctionSpec } from './types';

const cache = new Map<string, RegExp>();

/** Why RE2 would not accept this pattern, or undefined. */
function re2Problem(pattern: string): string | undefined {
	if (/\(\?<?[=!]/.test(pattern)) return 'lookahead and lookbehind ((?=...), (?!...), (?<=...), (?<!...)) do not exist in RE2';
	if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences (\\1, \\k<name>) do not exist in RE2';
	if (/\(\?[a-zA-Z]*U/.test(pattern)) return "the ungreedy flag (?U) is not supported by the local store";
	return undefined;
}

/** The pattern as a JavaScript RegExp; throws FormulaError (422) at `pos` for what the store cannot run like RE2. */
export function compileRegex(pattern: string, pos: number): RegExp {
	const cached = cache.get(pattern);
	if (cached) return cached;
	const problem = re2Problem(pattern);
	if (problem) throw formulaError(`Regular expression ${JSON.stringify(pattern)} is refused`, pos, problem);
	let source = pattern.replace(/\(\?P</g, '(?<');
	let flags = 'g';
	const leading = /^\(\?([ims]+)\)/.exec(source);
	if (leading) {
		flags += [...new Set(leading[1])].join('');
		source = source.slice(leading[0].length);
	}
	if (/\(\?[a-zA-Z]+[):]/.test(source)) {
		throw formulaError(`Regular expression ${JSON.stringify(pattern)} is refused`, pos, 'flags such as (?i) are supported only at the start of the pattern');
	}
	let regex: RegExp | undefined;
	// Unicode mode makes "." match a whole character, as RE2 does; some escapes RE2 allows are only valid without it.
	for (const mode of ['u', '']) {
		try {
			regex = new RegExp(source, flags + mode);
			break;
		} catch {
			// try the next mode
		}
	}
	if (!regex) throw formulaError(`Invalid regular expression ${JSON.stringify(pattern)}`, pos, 'check its brackets and escapes (RE2 syntax)');
	if (cache.size > 500) cache.clear();
	cache.set(pattern, regex);
	return regex;
}

/** A literal pattern is checked when the formula is compiled, so a typo is a 422 rather than an empty result. */
function checkPattern(call: CallExpression): void {
	const arg = call.args[1];
	if (arg?.kind === 'string') compileRegex(arg.value, arg.pos);
}

function patternOf(value: Value, node: CallExpression): RegExp {
	try {
		return compileRegex(toText(value), node.args[1].pos);
	} catch (error) {
		if (error instanceof FormulaError) throw error;
		throw new FormulaEvaluationError(String(error));
	}
}

export const REGEX_FUNCTIONS: FunctionSpec[] = [
	eager('REGEX_MATCH', 2, 2, ([text, pattern], _env, node) => {
		const regex = patternOf(pattern, node);
		regex.lastIndex = 0;
		return regex.test(toText(text));
	}, checkPattern),
	// The first match; #ERROR! when there is none (guard it with IF(REGEX_MATCH(...), ...)).
	eager('REGEX_EXTRACT', 2, 2, ([text, pattern], _env, node) => {
		const regex = patternOf(pattern, node);
		regex.lastIndex = 0;
		const match = regex.exec(toText(text));
		if (!match) throw new FormulaEvaluationError('REGEX_EXTRACT found no match');
		return match[0];
	}, checkPattern),
	// Every match is replaced; $1, $2... in the replacement insert capture groups.
	eager('REGEX_REPLACE', 3, 3, ([text, pattern, replacement], _env, node) => {
		const regex = patternOf(pattern, node);
		regex.lastIndex = 0;
		return toText(text).replace(regex, toText(replacement));
	}, checkPattern),
];
