/**
 * What the model reads of a message, beyond its tokens: which words are the request and which are only
 * mentioned. Two kinds of mention would otherwise pull a message to the wrong intent:
 *
 * - A quoted item: "adiciona 'agendar reunião com o RH' nas minhas tarefas" asks for a task; the quoted words
 *   name the item. Each quoted span becomes one QUOTE marker token.
 * - A request turned down: in "não quero cancelar a reunião, só queria saber o horário dela" the words between
 *   the negation and "só" (only, just) say what the user does NOT want. They become NOT-marked tokens ("~cancelar"),
 *   which the features read as words without stems or character n-grams, so they stop voting for their intent.
 */
import { MAX_CLASSIFIED_CHARS, tokenize } from './normalize';

/** Marker for a quoted span. Upper-case, like every marker, so it never collides with a word. */
export const QUOTE_TOKEN = 'QUOTE';
/** Prefix of a word inside a turned-down request. */
export const NEGATED_PREFIX = '~';

/**
 * A quote opens after a space, a colon or the start, and closes before a space, punctuation or the end, so
 * apostrophes inside words ("what's", "d'água") never count. Straight and curly quotes; 1–120 characters.
 */
const QUOTED = /(^|[\s:(])(?:'([^'\n]{1,120})'|"([^"\n]{1,120})"|“([^”\n]{1,120})”|‘([^’\n]{1,120})’)(?=$|[\s,.;:!?)])/gu;

const NEGATORS = new Set(['nao', 'not', 'dont', 'no', 'nem']);
const ONLY = new Set(['so', 'apenas', 'somente', 'just', 'only']);
/** What may follow "só" without being a request: "não quero mais receber, só isso". */
const NOT_A_REQUEST = new Set(['isso', 'obrigado', 'obrigada', 'that', 'thanks', '?']);

/**
 * Tokens of `text` with quoted spans as QUOTE (see normalize.ts for the rest of tokenisation). Reads only the
 * first MAX_CLASSIFIED_CHARS characters, like tokenize. Never throws; non-string input gives [].
 */
export function tokenizeWithQuotes(input: string): string[] {
	if (typeof input !== 'string') return [];
	const text = input.length > MAX_CLASSIFIED_CHARS ? input.slice(0, MAX_CLASSIFIED_CHARS) : input;
	const tokens: string[] = [];
	let last = 0;
	for (const match of text.matchAll(QUOTED)) {
		const start = (match.index ?? 0) + match[1].length;
		tokens.push(...tokenize(text.slice(last, start)), QUOTE_TOKEN);
		last = (match.index ?? 0) + match[0].length;
	}
	tokens.push(...tokenize(text.slice(last)));
	return tokens;
}

/**
 * Marks the words of a turned-down request: from a negator ("não", "not", "don't", "no") to the first "só"/"just"
 * after it, when what follows "só" is a request of at least two tokens. "não só a agenda" (not only) marks
 * nothing; "don't" arrives as "don" "t". Returns a new array.
 */
export function markNegatedScope(tokens: readonly string[]): string[] {
	const out = [...tokens];
	for (let i = 0; i < out.length; i++) {
		const negator = out[i] === 'don' && out[i + 1] === 't' ? 2 : NEGATORS.has(out[i]) ? 1 : 0;
		if (negator === 0) continue;
		const only = out.findIndex((t, j) => j > i && ONLY.has(t));
		if (only === -1) return out;
		const rest = out.slice(only + 1).filter((t) => !NOT_A_REQUEST.has(t));
		if (only > i + negator && rest.length >= 2) {
			for (let j = i + negator; j < only; j++) out[j] = `${NEGATED_PREFIX}${out[j]}`;
		}
		i = only;
	}
	return out;
}
