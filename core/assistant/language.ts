import type { Locale } from './locale';

/**
 * Which language a message is clearly written in, for switching the reply language. Function
 * words and a few chat words each language uses and the other does not; words both share
 * ("me", "a", "menu", "ok", "app") count for neither. Short or mixed messages decide nothing, so
 * one "hi" from a Brazilian, or a task title in English inside a Portuguese sentence, keeps the
 * stored language.
 */
const ENGLISH = new Set(
	'i im i\'m my you your the is are was what please remind reminder tomorrow today tonight tasks task list show hello hi hey thanks thank can could do does have has need want to of and for with this that it at on in how when where who why will would should my mine our buy call pay get let me\'s morning afternoon evening next week yes no not don\'t dont good great fine doing'.split(
		' ',
	),
);
const PORTUGUESE = new Set(
	'eu você voce vc tu o os as um uma de do da dos das que é e não nao sim meu minha meus minhas tarefa tarefas amanhã amanha hoje lembra lembre lembrete anota anote anotar oi olá ola obrigado obrigada valeu por favor pra para pro com tudo bem bom boa dia tarde noite quero preciso posso está esta estou tá ta tô to fazer comprar ligar pagar quais qual quando onde como semana próxima proxima depois agora aí ai ainda já ja isso essa esse'.split(
		' ',
	),
);
// Words both languages write the same way: they never tip the balance.
const SHARED = new Set(['a', 'me', 'to', 'no', 'e', 'do', 'as']);

/** How many words were counted for each language in `text`. */
export function languageScores(text: string): { en: number; pt: number } {
	const words = (typeof text === 'string' ? text : '')
		.toLowerCase()
		.normalize('NFC')
		.split(/[^\p{L}']+/u)
		.filter(Boolean);
	let en = 0;
	let pt = 0;
	for (const word of words) {
		if (SHARED.has(word)) continue;
		if (ENGLISH.has(word)) en++;
		if (PORTUGUESE.has(word)) pt++;
	}
	return { en, pt };
}

/**
 * The language `text` is clearly written in, or null when it is not clear (too short, mixed,
 * neither). Clear means at least two words of one language and more than twice as many as of
 * the other.
 */
export function detectLanguage(text: string): Locale | null {
	const { en, pt } = languageScores(text);
	if (en >= 2 && en > 2 * pt) return 'en';
	if (pt >= 2 && pt > 2 * en) return 'pt-BR';
	return null;
}

/**
 * The reply language after this message: English once the user clearly writes English, back to
 * pt-BR once they clearly write Portuguese, else the stored one. `changed` says whether to store it.
 */
export function nextLocale(stored: Locale, text: string): { locale: Locale; changed: boolean } {
	const detected = detectLanguage(text);
	if (!detected || detected === stored) return { locale: stored, changed: false };
	return { locale: detected, changed: true };
}
