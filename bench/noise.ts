/**
 * A noisy copy of a labelled set, to measure how the classifier holds up against the way people actually type
 * on a phone: accents dropped, and typos (a neighbouring key, a letter missed, doubled, or two letters swapped).
 *
 * Deterministic: each message's noise comes from a PRNG seeded by the set's seed and a hash of the message, so
 * the copy is the same on every run and a message's noise does not depend on its neighbours.
 *
 * Per message, with the default options:
 * - accents (and ç) are dropped from the whole message with probability `dropAccents` (0.5);
 * - one word of 4+ letters always gets one typo, and every other such word with probability `typoRate` (0.15).
 * Markers such as emoji, digits and punctuation are never touched.
 */
import { fnv1a } from '../core/classifier/corpus';
import { seededRandom } from '../core/classifier/softmax';
import type { Intent } from '../core/intents/taxonomy';

export interface NoiseOptions {
	seed: number;
	/** Probability that a message loses all its accents. */
	dropAccents: number;
	/** Probability of a typo in each further word of 4+ letters, beyond the one every message gets. */
	typoRate: number;
}

export const DEFAULT_NOISE: NoiseOptions = { seed: 20261129, dropAccents: 0.5, typoRate: 0.15 };

/** Lower-case QWERTY (ABNT2 letters are the same) neighbours, for substitution typos. */
const NEIGHBOURS: Readonly<Record<string, string>> = {
	q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol',
	a: 'qsz', s: 'adwx', d: 'sfec', f: 'dgrv', g: 'fhtb', h: 'gjyn', j: 'hkum', k: 'jli', l: 'kop',
	z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

export function dropAccents(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

type Random = () => number;

/** One typo in a word of plain letters: substitute a neighbour key, delete, double, or swap two adjacent letters. */
export function typo(word: string, random: Random): string {
	const chars = [...word];
	const at = 1 + Math.floor(random() * (chars.length - 1)); // people rarely miss the first letter
	const kind = Math.floor(random() * 4);
	if (kind === 0) {
		const near = NEIGHBOURS[chars[at].toLowerCase()];
		if (near) chars[at] = near[Math.floor(random() * near.length)];
		else chars.splice(at, 1);
	} else if (kind === 1) {
		chars.splice(at, 1);
	} else if (kind === 2) {
		chars.splice(at, 0, chars[at]);
	} else {
		const j = at === chars.length - 1 ? at - 1 : at;
		[chars[j], chars[j + 1]] = [chars[j + 1], chars[j]];
	}
	const out = chars.join('');
	// A swap of two equal letters changes nothing: fall back to a deletion, so every typo is one.
	return out === word ? [...word].filter((_, i) => i !== at).join('') : out;
}

/** The message with its noise; see the file header. */
export function noisyText(text: string, options: NoiseOptions = DEFAULT_NOISE): string {
	const random = seededRandom((options.seed ^ fnv1a(text)) >>> 0);
	const base = random() < options.dropAccents ? dropAccents(text) : text;
	const words = [...base.matchAll(/\p{L}{4,}/gu)];
	if (words.length === 0) return base;
	const always = Math.floor(random() * words.length);
	let out = '';
	let last = 0;
	words.forEach((match, i) => {
		const index = match.index ?? 0;
		out += base.slice(last, index);
		out += i === always || random() < options.typoRate ? typo(match[0], random) : match[0];
		last = index + match[0].length;
	});
	return out + base.slice(last);
}

/** The noisy copy of a labelled set, same order, same labels. */
export function noisyCopy<T extends { text: string; intent: Intent }>(examples: readonly T[], options: NoiseOptions = DEFAULT_NOISE): T[] {
	return examples.map((e) => ({ ...e, text: noisyText(e.text, options) }));
}
