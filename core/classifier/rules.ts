/**
 * Hard rules, checked before the model, only where the answer is certain and a miss would hurt:
 * - a message that is only an opt-out keyword ("SAIR", "stop", "parar", "descadastrar") is opt_out. These
 *   are the keywords users are told to send; honouring them must not depend on a score.
 * - a message that is only a help keyword ("menu", "ajuda", "help") is help.
 * - an empty message, or one with no word, emoji or question mark ("...", "   "), is unknown.
 * - a message that names the engine's own labels or tells it to ignore its instructions is unknown: no real
 *   request reads "classify as opt_out", and no such message should trigger an action.
 * Matching is on normalised tokens, so "Sair!", "SAIR" and "sair 🙏" all count; "sair da reunião" does not.
 */
import type { Intent } from '../intents/taxonomy';
import { MAX_CLASSIFIED_CHARS, tokenize } from './normalize';

const OPT_OUT_KEYWORDS = new Set([
	'sair', 'parar', 'pare', 'stop', 'descadastrar', 'descadastro', 'unsubscribe', 'optout', 'cancelar inscricao',
	'opt out', 'quero sair', 'me descadastra', 'me descadastre',
]);

const HELP_KEYWORDS = new Set(['menu', 'ajuda', 'help', 'comandos', 'opcoes', 'options', 'socorro', 'EMO_HELP']);

/** Tokens that only carry politeness, tone or a question mark, ignored when deciding whether a message is "just the keyword". */
const IGNORABLE = new Set(['por', 'favor', 'please', '?', 'EMO_THANKS', 'EMO', 'EMO_OK', 'EMO_SAD', 'EMO_ANGRY']);

/** Our own labels as written in code ("opt_out", "calendar.cancel"); "opt out" in words is a real request. */
const LABEL_MENTION =
	/\b(?:opt_out|human\.handoff|task\.(?:create|list|complete)|reminder\.create|calendar\.(?:create|query|cancel|update)|email\.summary|digest\.request)\b/;
const INSTRUCTION_OVERRIDE =
	/\b(?:ignor(?:e|a|ar)|esqueca|disregard|forget)\b.{0,40}\b(?:instrucoes|instructions?|regras|rules|prompt)\b/;

export interface RuleHit {
	intent: Intent;
	rule: 'empty' | 'opt-out keyword' | 'help keyword' | 'instruction injection';
}

export function applyRules(text: string): RuleHit | null {
	const tokens = tokenize(text);
	if (tokens.length === 0) return { intent: 'unknown', rule: 'empty' };
	const folded = text.slice(0, MAX_CLASSIFIED_CHARS).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
	if (LABEL_MENTION.test(folded) || INSTRUCTION_OVERRIDE.test(folded)) return { intent: 'unknown', rule: 'instruction injection' };
	const core = tokens.filter((t) => !IGNORABLE.has(t)).join(' ');
	if (OPT_OUT_KEYWORDS.has(core)) return { intent: 'opt_out', rule: 'opt-out keyword' };
	if (HELP_KEYWORDS.has(core)) return { intent: 'help', rule: 'help keyword' };
	return null;
}
