/**
 * Typo repair against the training lexicon: a word the model has never seen ("atendenet", "diggest", "lembar",
 * "tarefs") is replaced by the known word one edit away, so a short message whose only keyword is mistyped
 * still reaches its intent. Character n-grams alone leave such a message with too few shared features.
 *
 * - Distance is the optimal string alignment (restricted Damerau–Levenshtein) distance: insertion, deletion,
 *   substitution and the transposition of two adjacent letters each cost 1, so "lembar" is 1 from "lembra".
 *   https://en.wikipedia.org/wiki/Damerau%E2%80%93Levenshtein_distance#Optimal_string_alignment_distance
 * - Only one edit is repaired: two edits on a short word reach too many unrelated words.
 * - Only unseen words of MIN_FUZZY_LENGTH+ letters are repaired; a known word, or an unseen inflection of a
 *   known stem, is never changed.
 * - Lookup is a symmetric delete index (as in SymSpell, https://github.com/wolfgarbe/SymSpell): each lexicon
 *   word is filed under itself and its one-letter deletions, so a query costs a few map lookups, not a scan.
 * - Several candidates: the one seen in the most training messages wins, then the alphabetically first, so
 *   the repair is deterministic.
 */

/**
 * Words shorter than this are never repaired, nor offered as a repair: "oi" is not a typo of "ok", and
 * "flor" should not become "for". (Offering 3-letter words cost held-out accuracy in a comparison.)
 */
export const MIN_FUZZY_LENGTH = 4;

/**
 * Optimal string alignment distance between two strings, compared by UTF-16 code unit (tokens are folded
 * to ASCII before they get here). Returns a whole number ≥ 0. Never throws.
 */
export function osaDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[] = new Array<number>(rows * cols);
	for (let i = 0; i < rows; i++) d[i * cols] = i;
	for (let j = 0; j < cols; j++) d[j] = j;
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
			d[i * cols + j] = best;
		}
	}
	return d[rows * cols - 1];
}

function deletions(word: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
	return out;
}

export interface Lexicon {
	/** The known word one edit from `word`, or `word` itself when it is known, too short, or has no such neighbour. */
	repair(word: string): string;
}

/**
 * Builds the lexicon from word → how many training messages contain it. Candidates are the words found in at
 * least `minFrequency` messages and at least MIN_FUZZY_LENGTH letters long; any word in `frequency` counts as
 * known and is never repaired. With `stemOf` (the features' stemmer), an unseen word whose stem is the stem of
 * a known word is left alone too: the stem feature already carries it, and repairing inflections ("adiciono"
 * → "adiciona", "envie" → "envia") cost held-out accuracy in a comparison, while the guard lifted it.
 */
export function buildLexicon(frequency: ReadonlyMap<string, number>, minFrequency = 1, stemOf?: (word: string) => string): Lexicon {
	const stems = new Set<string>();
	if (stemOf) for (const word of frequency.keys()) stems.add(stemOf(word));
	const index = new Map<string, string[]>();
	const file = (key: string, word: string) => {
		const list = index.get(key);
		if (list) list.push(word);
		else index.set(key, [word]);
	};
	for (const word of frequency.keys()) {
		if ((frequency.get(word) ?? 0) < minFrequency || word.length < MIN_FUZZY_LENGTH || !/^[a-z]+$/.test(word)) continue;
		file(word, word);
		for (const deleted of new Set(deletions(word))) file(deleted, word);
	}
	return {
		repair(word) {
			if (frequency.has(word) || word.length < MIN_FUZZY_LENGTH || !/^[a-z]+$/.test(word)) return word;
			// An unseen inflection of a known stem ("adiciono" beside "adiciona") is a word, not a typo.
			if (stemOf && stemOf(word) !== word && stems.has(stemOf(word))) return word;
			const candidates = new Set<string>();
			for (const key of [word, ...deletions(word)]) for (const known of index.get(key) ?? []) candidates.add(known);
			let best: string | undefined;
			let bestCount = 0;
			for (const known of candidates) {
				if (osaDistance(word, known) !== 1) continue;
				const count = frequency.get(known) ?? 0;
				if (best === undefined || count > bestCount || (count === bestCount && known < best)) {
					best = known;
					bestCount = count;
				}
			}
			return best ?? word;
		},
	};
}
