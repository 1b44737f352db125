import { normalize } from './normalize';

/** Builds a task title from what is left once the date/time words are cut out. */

const S = String.raw`(?![\p{L}\p{N}])`;

/** Request wording before the task itself: "me lembra de", "lembrar de", "remind me to", "cria um lembrete pra". */
const LEADING_FILLERS: RegExp[] = [
	/^(?:oi|ola|opa|ei|hey|hi|hello|e ai|bom dia|boa tarde|boa noite)/u,
	/^(?:(?:vc|voce|ce|tu)\s+)?(?:pode|poderia|podia|consegue|conseguiria|could you|can you|would you)/u,
	/^(?:por favor|pfvr|pfv|pf|pls|plz|please)/u,
	/^(?:me\s+)?(?:lembra|lembre|lembrar|lembrete|recorda|recorde|recordar|avisa|avise|avisar|notifica|notifique|notificar)(?:\s+(?:me|mim))?/u,
	/^(?:cria|criar|crie|adiciona|adicionar|adicione|coloca|colocar|coloque|anota|anotar|anote|add|create|set|make)\s+(?:um\s+|uma\s+|a\s+)?(?:lembrete|tarefa|task|reminder)/u,
	/^(?:set\s+a\s+reminder|reminder|remind\s+me|remind|don'?t\s+forget|nao\s+(?:me\s+)?(?:deixa|deixe)\s+esquecer|nao\s+esquecer|nao\s+esquece)/u,
	/^(?:de|da|do|pra|para|que|q|to|about|that|of)/u,
].map((r) => new RegExp(r.source + S, 'u'));

/** Connectors and courtesy left dangling at the end: "reunião de", "ligar pro João, por favor". */
const TRAILING_FILLERS = new RegExp(
	String.raw`(?<![\p{L}\p{N}])(?:de|do|da|dos|das|pra|pro|para|em|no|na|a|as|ao|aos|at|on|e|ate|by|in|to|the|com|and|por favor|pfvr|pfv|pf|pls|plz|please|obrigad[oa]|obg|vlw|valeu|thanks|thx)$`,
	'u',
);

const COURTESY = /(?<![\p{L}\p{N}])(?:por favor|pfvr|pfv|pls|plz)(?![\p{L}\p{N}])/gu;

/** Punctuation, spaces and emoji trimmed from both ends, one code point at a time. */
const EDGE_CHAR = /^[\s,.;:!?\-–—…\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}]$/u;

/** A loop, not /[…]+$/: that regex is quadratic on long runs of punctuation. */
function trimEdges(text: string): string {
	let from = 0;
	while (from < text.length) {
		const ch = String.fromCodePoint(text.codePointAt(from) ?? 0);
		if (!EDGE_CHAR.test(ch)) break;
		from += ch.length;
	}
	let to = text.length;
	while (to > from) {
		const low = text.charCodeAt(to - 1);
		const width = low >= 0xdc00 && low <= 0xdfff && to - 2 >= from ? 2 : 1;
		if (!EDGE_CHAR.test(text.slice(to - width, to))) break;
		to -= width;
	}
	return text.slice(from, to);
}

function tidy(text: string): string {
	return trimEdges(collapse(text));
}

function collapse(text: string): string {
	return text
		.replace(/\s+/gu, ' ')
		.replace(/\(\s*\)|\[\s*\]/gu, ' ')
		.replace(/\s+([,.;:!?)\]])/gu, '$1')
		.replace(/([,;:])(?:\s*[,;:])+/gu, '$1')
		.replace(/\s+/gu, ' ');
}

/** Removes a filler matched on the folded text from the start of the original text. */
function stripLeading(text: string): string {
	// Fillers are short; folding only the head keeps long messages cheap.
	const norm = normalize(text.slice(0, 80));
	for (const filler of LEADING_FILLERS) {
		const m = filler.exec(norm.text);
		if (m && m[0].length > 0) return text.slice(norm.end[m[0].length - 1]);
	}
	return text;
}

function stripTrailing(text: string): string {
	// Only the tail can hold a trailing filler; searching the whole text is slow on long messages.
	const tailStart = Math.max(0, text.length - 40);
	const norm = normalize(text.slice(tailStart));
	const m = TRAILING_FILLERS.exec(norm.text);
	return m ? text.slice(0, tailStart + norm.start[m.index]) : text;
}

function stripCourtesy(text: string): string {
	const norm = normalize(text);
	let out = '';
	let last = 0;
	for (const m of norm.text.matchAll(COURTESY)) {
		const from = m.index ?? 0;
		out += text.slice(last, norm.start[from]) + ' ';
		last = norm.end[from + m[0].length - 1];
	}
	return out + text.slice(last);
}

/** `spans` are [start, end) ranges of the original text recognised as date/time. */
export function buildTitle(text: string, spans: ReadonlyArray<readonly [number, number]>): string | null {
	let rest = '';
	let last = 0;
	for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
		rest += text.slice(last, start) + ' ';
		last = Math.max(last, end);
	}
	rest = stripCourtesy(rest + text.slice(last));
	for (let guard = 0; guard < 20; guard++) {
		const before = rest;
		rest = tidy(stripTrailing(stripLeading(tidy(rest))));
		if (rest === before) break;
	}
	return rest === '' ? null : rest;
}
