/**
 * Bag-of-features for one message: word unigrams and bigrams, a crude stem of each word, character
 * 2–4-grams inside words (so "reuniao", "reunião" and "reuiao" share most features), and the message length.
 * Word and character groups are each scaled to unit length, so neither drowns the other.
 */
import { tokenize } from './normalize';

/** Feature name → weight, before the vocabulary maps names to indices. */
export type FeatureBag = Map<string, number>;

export interface FeatureOptions {
	/** Weight of the character group against the word group (1). */
	charWeight: number;
	/** Longest character n-gram. */
	maxCharGram: number;
}

/** Tuned by cross-validation on the train split (the held-out split plays no part). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charWeight: 0.8, maxCharGram: 4 };

/**
 * Whether a word occurs in the training corpus. Lets the model learn that a message made of words it has never
 * seen ("asdfgh", "kjhkjh") is probably out of scope. Training passes a leave-one-out check (the word occurs in
 * some other training message), so a word seen once reads as unseen there, just as a new word does later.
 */
export type KnownWord = (word: string) => boolean;

/**
 * Longest first, a crude Portuguese suffix stripper: enough to join "lembra", "lembre", "lembrar" and
 * "agenda", "agendar", "agendei". Character n-grams cover what it misses.
 */
const SUFFIXES = [
	'amente', 'mente', 'coes', 'cao', 'ando', 'endo', 'indo', 'aram', 'eram', 'iram', 'ados', 'adas', 'idos', 'idas',
	'ado', 'ada', 'ido', 'ida', 'ar', 'er', 'ir', 'ou', 'ei', 'as', 'es', 'os', 'a', 'e', 'o', 's',
];

export function stem(word: string): string {
	for (const suffix of SUFFIXES) {
		if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
	}
	return word;
}

function add(bag: FeatureBag, name: string, weight = 1): void {
	bag.set(name, (bag.get(name) ?? 0) + weight);
}

/** Scales counts to 1 + ln(count) and the group to unit length. */
function scaleGroup(bag: FeatureBag, factor: number): FeatureBag {
	let norm = 0;
	for (const [name, count] of bag) {
		const value = 1 + Math.log(count);
		bag.set(name, value);
		norm += value * value;
	}
	const scale = norm > 0 ? factor / Math.sqrt(norm) : 0;
	for (const [name, value] of bag) bag.set(name, value * scale);
	return bag;
}

/** Markers (and words of a turned-down request, "~cancelar": see scope.ts) get no stem or character n-grams. */
function isMarker(token: string): boolean {
	return token === 'NUM' || token === 'LAUGH' || token === '?' || token === 'QUOTE' || token.startsWith('EMO') || token.startsWith('~');
}

/** How much of the message the training corpus has seen, in four coarse buckets. */
function familiarity(tokens: readonly string[], known: KnownWord): string | null {
	const words = tokens.filter((t) => !isMarker(t));
	if (words.length === 0) return null;
	const ratio = words.filter(known).length / words.length;
	if (ratio === 0) return 'known:none';
	if (ratio < 0.5) return 'known:few';
	return ratio < 1 ? 'known:most' : 'known:all';
}

function lengthBucket(n: number): string {
	if (n <= 1) return 'len:1';
	if (n <= 3) return 'len:2-3';
	if (n <= 8) return 'len:4-8';
	return 'len:9+';
}

export function extractFeatures(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS, known?: KnownWord): FeatureBag {
	return featuresOf(tokenize(text), options, known);
}

/** The same, from tokens already computed (training tokenizes each message once). */
export function featuresOf(tokens: readonly string[], options: FeatureOptions = DEFAULT_FEATURE_OPTIONS, known?: KnownWord): FeatureBag {
	const words: FeatureBag = new Map();
	const chars: FeatureBag = new Map();
	if (tokens.length === 0) return words;

	add(words, lengthBucket(tokens.length));
	if (tokens.every(isMarker)) add(words, 'only-markers');
	const seen = known ? familiarity(tokens, known) : null;
	if (seen) add(words, seen);
	const padded = ['<s>', ...tokens, '</s>'];
	for (let i = 0; i < padded.length; i++) {
		const token = padded[i];
		if (i > 0) add(words, `b:${padded[i - 1]} ${token}`);
		if (i === 0 || i === padded.length - 1) continue;
		add(words, `w:${token}`);
		if (isMarker(token)) continue;
		const root = stem(token);
		if (root !== token) add(words, `s:${root}`);
		const wrapped = `<${token}>`;
		for (let n = 2; n <= options.maxCharGram; n++) {
			for (let j = 0; j + n <= wrapped.length; j++) add(chars, `c:${wrapped.slice(j, j + n)}`);
		}
	}
	const bag = scaleGroup(words, 1);
	for (const [name, value] of scaleGroup(chars, options.charWeight)) bag.set(name, value);
	return bag;
}
