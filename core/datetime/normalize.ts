import type { NormalizedText } from './types';

/** Typographic marks users' keyboards insert that the grammar spells in ASCII. */
const PUNCTUATION_FOLDS: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201c': '"',
	'\u201d': '"',
	'\u2010': '-',
	'\u2011': '-',
	'\u2013': '-',
	'\u2014': '-',
};

function fold(ch: string): string {
	const mapped = PUNCTUATION_FOLDS[ch];
	if (mapped) return mapped;
	// NFKD turns "ª"/"º" into letters and splits accents off so they can be dropped.
	return ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Lower-cases and strips accents per code point, so matches can be mapped back to the user's spelling. */
export function normalize(original: string): NormalizedText {
	let text = '';
	const start: number[] = [];
	const end: number[] = [];
	let index = 0;
	for (const ch of original) {
		const folded = fold(ch);
		for (let k = 0; k < folded.length; k++) {
			start.push(index);
			end.push(index + ch.length);
		}
		text += folded;
		index += ch.length;
	}
	return { original, text, start, end };
}

/** Maps a [from, to) range of normalized text to the original string. */
export function originalRange(norm: NormalizedText, from: number, to: number): [number, number] {
	if (to <= from) {
		const at = from < norm.start.length ? norm.start[from] : norm.original.length;
		return [at, at];
	}
	return [norm.start[from], norm.end[to - 1]];
}
