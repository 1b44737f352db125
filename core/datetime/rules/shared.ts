import { WORD_END, WORD_START } from '../lexicon';

/** Compiles a rule pattern: global, unicode, with group indices for context checks. */
export function rx(source: string): RegExp {
	return new RegExp(source, 'dgu');
}

/** A named group's text, or undefined when it did not take part in the match. */
export function group(match: RegExpExecArray, name: string): string | undefined {
	return match.groups?.[name];
}

/** Start index of a named group in the normalized text. */
export function groupStart(match: RegExpExecArray, name: string): number | undefined {
	return match.indices?.groups?.[name]?.[0];
}

export const B = WORD_START;
export const E = WORD_END;

/** Prepositions that belong to a day phrase and should leave the title with it ("reunião na sexta"). */
export const DAY_PREPOSITION = String.raw`(?:(?<dprep>para|pra|pro|ate|de|do|da|no|na|em|on|for|by|until|till)\s+)?`;
