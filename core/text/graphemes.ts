/**
 * Text measured and cut the way people read it: a cut only ever falls between grapheme clusters
 * (Intl.Segmenter), so a flag 🇧🇷, a skin-tone 👍🏽 or a family 👨‍👩‍👧 is never split into broken halves.
 * Limits are measured with the count the receiving service uses (see core/limits).
 * Source for the segmentation rules: https://unicode.org/reports/tr29/#Grapheme_Cluster_Boundaries
 */

/** How a service counts the length of a text (e.g. UTF-16 code units for Twilio). */
export type TextMeasure = (text: string) => number;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text's grapheme clusters, in order; joining them gives the text back. */
export function graphemes(text: string): string[] {
	return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Characters as people count them: the number of grapheme clusters. */
export function graphemeLength(text: string): number {
	let count = 0;
	for (const segment of segmenter.segment(text)) if (segment.segment) count++;
	return count;
}

/**
 * Offsets (UTF-16 indices) where a cut may fall: 0, every grapheme boundary, and text.length.
 * A cut at one of these never splits a surrogate pair or a grapheme cluster.
 */
export function graphemeBoundaries(text: string): number[] {
	const offsets = Array.from(segmenter.segment(text), (s) => s.index);
	offsets.push(text.length);
	return offsets;
}

/**
 * The longest prefix of `text` whose measure is at most `limit`, ending on a grapheme boundary.
 * Returns its length in UTF-16 code units (0 when even the first grapheme does not fit).
 * @param measure how the service counts (default: UTF-16 code units); it must add up over
 *   graphemes (code units, code points and graphemes all do), so each grapheme is measured once
 */
export function fittingPrefixLength(text: string, limit: number, measure: TextMeasure = (t) => t.length): number {
	// Segment a window, not the whole (possibly huge) text; widen it while everything in it fits.
	for (let size = Math.max(64, limit * 4); ; size *= 2) {
		const window = text.slice(0, size);
		let used = 0;
		let fit = 0;
		let overflowed = false;
		for (const { segment, index } of segmenter.segment(window)) {
			used += measure(segment);
			if (used > limit) {
				overflowed = true;
				break;
			}
			fit = index + segment.length;
		}
		// A boundary before the first grapheme that does not fit is a boundary of the whole text too.
		if (overflowed || window.length === text.length) return fit;
	}
}

/**
 * `text` shortened to at most `limit` (as `measure` counts), cut on a grapheme boundary, with
 * `ellipsis` appended when it was cut (the ellipsis counts toward the limit).
 * @throws RangeError when the ellipsis alone exceeds the limit
 */
export function truncateGraphemes(text: string, limit: number, ellipsis = '…', measure: TextMeasure = (t) => t.length): string {
	if (measure(text) <= limit) return text;
	const room = limit - measure(ellipsis);
	if (room < 0) throw new RangeError(`The ellipsis "${ellipsis}" alone is longer than the limit ${limit}.`);
	return text.slice(0, fittingPrefixLength(text, room, measure)) + ellipsis;
}
