/**
 * Cardinal numbers written as words, in folded form (lower case, no accents), pt-BR and English: the grammar uses
 * them for days of the month ("cinco de maio"), hours ("às dezoito"), minutes ("onze e quarenta e cinco") and
 * quantities ("em vinte e quatro horas").
 */

const PT_UNITS: Record<string, number> = { um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9 };
/** pt-BR spellings plus the pt-PT ones Brazilians also type ("dezasseis"), and the one-s typo ("dezeseis"). */
const PT_TEENS: Record<string, number> = {
	dez: 10,
	onze: 11,
	doze: 12,
	treze: 13,
	quatorze: 14,
	catorze: 14,
	quinze: 15,
	dezesseis: 16,
	dezasseis: 16,
	dezeseis: 16,
	dezessete: 17,
	dezassete: 17,
	dezesete: 17,
	dezoito: 18,
	dezenove: 19,
	dezanove: 19,
};
const PT_TENS: Record<string, number> = { vinte: 20, trinta: 30, quarenta: 40, cinquenta: 50 };

const EN_UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const EN_TEENS: Record<string, number> = {
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
};
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50 };

/** Longest first, so an alternation never stops at a prefix ("dez" inside "dezoito"). */
function alternation(words: Iterable<string>): string {
	return [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');
}

/** Words that are numbers only in one place: "primeiro" (of the month), "zero" (hora). */
const SPECIAL: Record<string, number> = { primeiro: 1, zero: 0 };

const keys = (...maps: Record<string, number>[]): string[] => maps.flatMap((m) => Object.keys(m));

/** pt "vinte e cinco", en "twenty-five" / "twenty five"; the spaces are \s+ so any run of blanks matches. */
const PT_COMPOUND = String.raw`(?:${alternation(keys(PT_TENS))})\s+e\s+(?:${alternation(keys(PT_UNITS))})`;
const EN_COMPOUND = String.raw`(?:${alternation(keys(EN_TENS))})(?:-|\s+)(?:${alternation(keys(EN_UNITS))})`;

/** Any whole number 1–59 in words, pt-BR or English ("um" … "cinquenta e nove", "one" … "fifty-nine"). */
export const NUMBER_WORDS_1_59 = `${PT_COMPOUND}|${EN_COMPOUND}|${alternation(keys(PT_TEENS, PT_TENS, PT_UNITS, EN_TEENS, EN_TENS, EN_UNITS))}`;

/** Days of the month in words, 1–31, with "primeiro" ("primeiro de março"); Portuguese only. */
export const DAY_NUMBER_WORDS = String.raw`primeiro|(?:vinte)\s+e\s+(?:${alternation(keys(PT_UNITS))})|trinta\s+e\s+(?:um|uma)|${alternation(keys(PT_TEENS, PT_UNITS))}|vinte|trinta`;

/** Clock hours in words: pt 0–23 ("às zero hora") ("às dezoito", "às vinte e duas"), English 1–12 ("at three"). */
export const HOUR_NUMBER_WORDS = String.raw`zero|vinte\s+e\s+(?:uma|um|duas|dois|tres)|vinte|${alternation([...keys(PT_TEENS, PT_UNITS, EN_UNITS), 'ten', 'eleven', 'twelve'])}`;

/**
 * The value of a number written in words, as matched by the patterns above (folded text, any blanks or a hyphen
 * between parts). Returns undefined when the text is not such a number, e.g. "vinte e dez" or "quinze e um".
 */
export function parseNumberWords(text: string): number | undefined {
	const parts = text.trim().split(/\s+e\s+|-|\s+/u);
	if (parts.length === 1) {
		const w = parts[0];
		return PT_UNITS[w] ?? PT_TEENS[w] ?? PT_TENS[w] ?? EN_UNITS[w] ?? EN_TEENS[w] ?? EN_TENS[w] ?? SPECIAL[w];
	}
	if (parts.length !== 2) return undefined;
	const [tens, unit] = parts;
	if (PT_TENS[tens] !== undefined && PT_UNITS[unit] !== undefined) return PT_TENS[tens] + PT_UNITS[unit];
	if (EN_TENS[tens] !== undefined && EN_UNITS[unit] !== undefined) return EN_TENS[tens] + EN_UNITS[unit];
	return undefined;
}
