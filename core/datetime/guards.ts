import { CONNECTORS, DAY_WORDS, WORD_START } from './lexicon';
import type { NormalizedText } from './types';

/** Context checks rules use to reject ambiguous tokens that are not dates or times. */

/** True when the next word after `end` is absent, not a word, or a connector ("segunda de manhã", not "segunda vez"). */
export function followedByConnector(text: string, end: number): boolean {
	const rest = text.slice(end, end + 40).replace(/^\s+/u, '');
	if (rest === '') return true;
	const word = /^\p{L}+/u.exec(rest);
	if (!word) return true;
	return CONNECTORS.has(word[0]);
}

const TIME_CUE =
	/^\s*[.,]?\s*(?:\d{1,2}\s*(?:h|:\d{2}|am|pm|\/\d)|(?:as|a|at|ao)\s+\d|dia\s+\d|de\s+(?:manha|tarde|noite)|a\s+(?:tarde|noite)|pela\s+manha|meio[\s-]*dia|meia[\s-]*noite|que\s+vem|q\s+vem|(?:desta|dessa|nesta|nessa|da)\s+semana|(?:this|last)\s+week)/u;

/** True when a time or date follows ("sex 15h", "ter às 9", "seg que vem", "sex desta semana"). */
export function followedByTimeCue(text: string, end: number): boolean {
	return TIME_CUE.test(text.slice(end, end + 40));
}

const DAY_BEFORE = new RegExp(
	String.raw`(?:${WORD_START}(?:${DAY_WORDS})|\d{1,2}\s*\/\s*\d{1,2}(?:\s*\/\s*\d{2,4})?|${WORD_START}dia\s+\d{1,2})[\s,]*$`,
	'u',
);

/** True when a day expression ends right before `start` ("amanhã as 9"). */
export function precededByDayWord(text: string, start: number): boolean {
	return DAY_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}

/** True when the user wrote the crase ("às", "à"), which makes "as 9" unambiguous. */
export function hasCrase(norm: NormalizedText, index: number): boolean {
	const ch = norm.original.slice(norm.start[index], norm.end[index]);
	return ch.normalize('NFC').toLowerCase() === 'à';
}

const STREET_BEFORE = /(?<![\p{L}\p{N}])(?:rua|r\.|avenida|av\.?|praca|travessa|tv\.?|alameda|al\.|estrada|rodovia|largo|viaduto|ponte|escola|colegio|hospital)\s+(?:d[aeo]s?\s+)?$/u;

/** True when a street or place name ends right before `start` ("Rua Sete de Setembro", "Av. 25 de Março"): a name, not a date. */
export function precededByPlaceWord(text: string, start: number): boolean {
	return STREET_BEFORE.test(text.slice(Math.max(0, start - 20), start));
}
