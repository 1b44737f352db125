/**
 * Which task a completion message points at, read from the words alone (no task list needed):
 * list numbers ("concluí a 2", "feito 3", "a segunda", "1 e 3"), the task just mentioned ("essa",
 * "feito", "pronto", "done"), the last one shown ("a última"), or words of its title ("terminei o
 * relatório"). The Intent Classifier's title entity is not used: it keeps command words such as
 * "feito 3" or "dei baixa no boleto" and drops weekday words a title may hold.
 */

/** What a completion message refers to. Numbers are 1-based list positions; -1 means the last one shown. */
export type TaskReference = { kind: 'numbers'; numbers: number[] } | { kind: 'last' } | { kind: 'title'; query: string };

/**
 * Lower case without accents, one UTF-16 unit per code point of the (NFC) input, so positions map back to
 * it; a stray combining mark or an emoji becomes a space.
 */
function foldChars(text: string): string[] {
	return Array.from(text, (ch) => {
		const folded = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
		return folded.length === 1 ? folded : folded.length > 1 && ch.length === 1 ? folded[0] : ' ';
	});
}

/** Folds a text for comparison: lower case, no accents ("Relatório" → "relatorio"). */
export function fold(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const W = String.raw`(?![a-z0-9])`;

/** Commands and their padding that open a completion message; matched on folded text, repeatedly. */
const LEADING = new RegExp(
	String.raw`^(?:` +
		[
			String.raw`(?:eu|i|ja|already|acabei\s+de|just|ta|esta|obrigad[ao]|valeu|vlw|thanks|pronto\s+ja)`,
			String.raw`(?:pode\s+|por\s+favor\s+|pfv\s+)?(?:d[ae]r?|dei|da)\s+(?:um\s+)?(?:baixa|check)(?:\s+(?:n[oa]s?|em))?`,
			String.raw`(?:pode\s+)?risca(?:r)?(?:\s+(?:da|na)\s+lista)?`,
			String.raw`(?:pode\s+)?marca(?:r)?(?:\s+como\s+(?:feit[ao]s?|conclu[i]d[ao]s?|pront[ao]s?))?`,
			String.raw`(?:mark|tick|cross|check)(?:\s+off)?(?:\s+as\s+(?:done|complete|completed|finished))?`,
			String.raw`conclu(?:i|ir|ida|ido|idas|idos)`,
			String.raw`termin(?:ei|ar|ada|ado|adas|ados|amos)`,
			String.raw`finaliz(?:ei|ar|ada|ado|adas|ados)`,
			String.raw`complet(?:ei|ar|ada|ado|e|ed)`,
			String.raw`(?:acabei|fiz|fizemos|feit[ao]s?|pront[ao]s?|resolvid[ao]s?|resolvi|ok|okay|blz|beleza|done|did|finished|finish|complete|checked|sorted)`,
			String.raw`(?:with|com)`,
		].join('|') +
		String.raw`)${W}[\s,.:;!-]*`,
);

/** Words that follow the reference: "… como feita", "… as done", "… já", "… tá feito". */
const TRAILING = new RegExp(
	String.raw`(?:^|[\s,.:;!-]+)(?:(?:como|as|ta|esta|is|it'?s|(?:ja\s+)?(?:foi|era))\s+)?(?:feit[ao]s?|conclu[i]d[ao]s?|pront[ao]s?|done|complete|completed|finished|ja|ok|obrigad[ao]|valeu|vlw|thanks|pfv|por\s+favor|please|(?:ja\s+)?foi)$`,
);

const LAST_WORDS = /^(?:(?:a|o)\s+)?(?:n?essa|n?esta|n?esse|n?este|isso|isto|nisso|nisto|ela|ele|aquela|aquele|mesma|mesmo|this|that|it|this\s+one|that\s+one|the\s+one|(?:a\s+)?tarefa|(?:the\s+)?task|(?:essa|esta|this|that)\s+(?:tarefa|task|ai|aqui|ae))$/;

const ORDINALS: Record<string, number> = {
	primeira: 1, primeiro: 1, segunda: 2, segundo: 2, terceira: 3, terceiro: 3, quarta: 4, quarto: 4, quinta: 5, quinto: 5,
	sexta: 6, sexto: 6, setima: 7, setimo: 7, oitava: 8, oitavo: 8, nona: 9, nono: 9, decima: 10, decimo: 10,
	first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
	// Not "um"/"uma"/"one": "concluí uma tarefa" names no position.
	dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10,
	two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
	ultima: -1, ultimo: -1, last: -1,
};

/** Words allowed around numbers: articles, "tarefa", "número", "nº", connectors ("1 e 3", "2, 3"). */
const NUMBER_FILLER = new Set(['a', 'o', 'as', 'os', 'the', 'tarefa', 'tarefas', 'task', 'tasks', 'item', 'itens', 'items', 'numero', 'numeros', 'number', 'numbers', 'n', 'no', 'nr', 'num', 'e', 'and', 'da', 'de', 'do', 'lista', 'list', 'one', 'ones']);

function numberOf(token: string): number | undefined {
	const digits = /^#?(\d{1,3})(?:a|o|st|nd|rd|th)?$/.exec(token);
	if (digits) return Number(digits[1]);
	return ORDINALS[token];
}

/** Reads the numbers of "1 e 3", "a segunda", "nº 2", "#4", "2ª", "the second one" when the text holds nothing else. */
function numbersOnly(rest: string): number[] | undefined {
	const tokens = rest.split(/[\s,;&/+]+|(?<=\d)(?=[a-z]{3,})/).filter(Boolean);
	const numbers: number[] = [];
	for (const token of tokens) {
		const n = numberOf(token);
		if (n !== undefined) numbers.push(n);
		else if (!NUMBER_FILLER.has(token)) return undefined;
	}
	return numbers.length > 0 && numbers.every((n) => n === -1 || n >= 1) ? [...new Set(numbers)] : undefined;
}

/**
 * What a completion message refers to.
 *
 * - Numbers: "concluí a 2", "feito 3", "a segunda", "2ª", "#2", "nº 2", "1 e 3", "done with 2",
 *   "the second one", "a última" (-1: the last one shown). A weekday word counts as an ordinal only when it is
 *   the whole reference ("a sexta"); inside a title ("a reunião de sexta") it stays a word.
 * - Last mentioned: nothing left after the command ("feito", "pronto", "concluí", "✅", "done") or a pointer
 *   ("essa", "isso", "this one").
 * - Otherwise the title words as the user wrote them, command words removed ("terminei o relatório" →
 *   "relatório"); their matching against tasks is task-match.ts's job.
 *
 * Never throws; a non-string is read as an empty message (last mentioned).
 */
export function taskReference(text: unknown): TaskReference {
	const raw = typeof text === 'string' ? text.normalize('NFC').replace(/[✅✔☑✓]\u{FE0F}?/gu, ' feito ') : '';
	const original = Array.from(raw);
	const folded = foldChars(raw).join('');
	let start = 0;
	let end = folded.length;
	// Emoji, quotes and punctuation around the words.
	const trimStart = () => {
		while (start < end && !/[a-z0-9#]/.test(folded[start])) start++;
	};
	const trimEnd = () => {
		while (end > start && !/[a-z0-9#]/.test(folded[end - 1])) end--;
	};
	trimStart();
	trimEnd();
	for (let guard = 0; guard < 8; guard++) {
		const m = LEADING.exec(folded.slice(start, end));
		if (!m || m[0].length === 0) break;
		start += m[0].length;
		trimStart();
	}
	for (let guard = 0; guard < 4; guard++) {
		const m = TRAILING.exec(folded.slice(start, end));
		if (!m) break;
		end -= m[0].length;
		trimEnd();
	}
	const rest = folded.slice(start, end).replace(/\s+/g, ' ').trim();
	if (rest === '' || LAST_WORDS.test(rest)) return { kind: 'last' };
	const numbers = numbersOnly(rest);
	if (numbers) return { kind: 'numbers', numbers };
	const query = original
		.slice(start, end)
		.join('')
		.replace(/^(?:(?:o|a|os|as|the|my|minha|meu|na|no|nas|nos|em|de|da|do)\s+)+/iu, '')
		.replace(/\s+/g, ' ')
		.trim();
	return { kind: 'title', query };
}

const UNDO = /^(?:(?:por\s+favor|pfv|opa|ops|oops|ih|eita)[\s,!.]*)?(?:desfaz(?:er)?|desfaca|desfazer\s+isso|desfaz\s+isso|desfaz\s+a(?:\s+ultima)?|reabr(?:e|a|ir)(?:\s+(?:a|essa|esta)(?:\s+tarefa)?)?|nao\s+era\s+(?:essa|esta|pra\s+concluir)|(?:foi|era)\s+engano|undo(?:\s+that|\s+it)?|reopen(?:\s+(?:it|that|the\s+task))?|wrong\s+one)(?:[\s,!.]*(?:por\s+favor|pfv|please|pls))?$/;

/**
 * Whether a message asks to undo the last completion: "desfazer", "desfaz", "reabre essa",
 * "não era essa", "foi engano", "undo", "reopen it". Not "voltar" (it re-subscribes after SAIR).
 * Never throws.
 */
export function isUndoMessage(text: unknown): boolean {
	if (typeof text !== 'string') return false;
	const folded = fold(text)
		.replace(/[^\p{L}\p{N}\s,!.]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\s,!.]+$/, '');
	return UNDO.test(folded);
}
