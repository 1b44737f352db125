/**
 * How well a few words a user typed ("relatório", "liguei pro joão", "relatoio") name a task title
 * ("Enviar relatório mensal", "Ligar pro João"): accents, case, verb endings and one-letter typos do
 * not matter. Pure scoring; choosing among tasks (and asking when several fit) is tasks.ts's job.
 */
import { osaDistance } from '../classifier/fuzzy';
import { fold } from './task-reference';

/** Words that carry no meaning of their own in a task title, in both languages. */
const STOPWORDS = new Set(
	(
		'o a os as um uma uns umas de do da dos das d no na nos nas em pra pro pras pros para por com e ou que ao aos ' +
		'meu minha meus minhas seu sua seus suas esse essa este esta isso tarefa tarefas ' +
		'the an to of for my with and on in at it this that task tasks'
	).split(' '),
);

/** Endings dropped to compare words by stem: verb forms (enviei/enviar/enviando), plurals, gender. */
const ENDINGS = ['ando', 'endo', 'indo', 'aram', 'eram', 'iram', 'amos', 'emos', 'imos', 'ados', 'adas', 'idos', 'idas', 'ado', 'ada', 'ido', 'ida', 'ing', 'ed', 'ei', 'ou', 'eu', 'iu', 'ar', 'er', 'ir', 'es', 'os', 'as', 'a', 'o', 'e', 's'];

/** The meaningful folded words of a text: "Ligar pro João!" → ["ligar", "joao"]. */
export function titleWords(text: string): string[] {
	return fold(text)
		.split(/[^a-z0-9]+/)
		.filter((w) => w !== '' && !STOPWORDS.has(w));
}

/** A crude stem: the word less its longest known ending, keeping at least 3 letters. */
export function stem(word: string): string {
	for (const ending of ENDINGS) {
		if (word.length - ending.length >= 3 && word.endsWith(ending)) return word.slice(0, -ending.length);
	}
	return word;
}

/**
 * How well one typed word matches one title word, 0 to 1: the same word 1; the same stem (enviei/enviar,
 * relatórios/relatório) 0.9; one stem the other's start within a letter (liguei/ligar) 0.85; a typo (one edit,
 * two from 7 letters on; words of 4+ letters) 0.75; otherwise 0. Numbers match only themselves.
 */
export function wordScore(typed: string, title: string): number {
	if (typed === title) return 1;
	if (/\d/.test(typed) || /\d/.test(title)) return 0;
	const a = stem(typed);
	const b = stem(title);
	if (a === b) return 0.9;
	const [short, long] = a.length <= b.length ? [a, b] : [b, a];
	if (short.length >= 3 && long.startsWith(short) && long.length - short.length <= 1) return 0.85;
	const shortest = Math.min(typed.length, title.length);
	if (shortest >= 4) {
		const distance = Math.min(osaDistance(typed, title), osaDistance(a, b));
		if (distance <= (shortest >= 7 ? 2 : 1)) return 0.75;
	}
	return 0;
}

/** A title's match against typed words: `score` is the share of typed words found (0–1), `exact` whether the words are the title's words. */
export interface TitleMatch {
	score: number;
	exact: boolean;
}

/**
 * Scores a title against the words a user typed: each typed word counts its best match among the title's
 * words (wordScore), and the score is their mean, so "relatório" fits "Enviar relatório mensal" fully and
 * "relatório anual" fits it half. `exact` is true when both hold the same meaningful words in the same order.
 * No meaningful typed words score 0. Never throws.
 */
export function matchTitle(typed: string, title: string): TitleMatch {
	const query = titleWords(typed);
	const words = titleWords(title);
	if (query.length === 0 || words.length === 0) return { score: 0, exact: false };
	const total = query.reduce((sum, q) => sum + Math.max(...words.map((w) => wordScore(q, w))), 0);
	return { score: total / query.length, exact: query.join(' ') === words.join(' ') };
}
