/**
 * The title entity: what extractDateTime leaves once the date words are gone, minus the command that the
 * intent already says ("anota aí", "dá baixa no", "marca uma", "cancela a"). "anota aí comprar pão" → "comprar pão",
 * "marca uma reunião com o João amanhã às 15h" → "reunião com o João".
 */
import type { Intent } from '../intents/taxonomy';

const W = String.raw`(?![\p{L}\p{N}])`;
/** Optional words that pad a command: "anota aí pra mim", "coloca pfv", "cria também". */
const PAD = String.raw`(?:\s+(?:a[ií]|ae|isso|essa|esta|pra\s+mim|para\s+mim|pfv|pf|por\s+favor|tb|tamb[eé]m|s[oó]|rapidinho|uma\s+coisa)${W})*`;
const LIST = String.raw`(?:\s+(?:na|nas|no|nos|[àa]s?|ao|em|to|on|in)\s+(?:(?:minha|minhas|meu|meus|my|the)\s+)?(?:lista|tarefas|pend[eê]ncias|to-?do(?:\s+list)?|list|tasks|agenda|calend[aá]rio|calendar|shopping\s+list)${W}(?:\s+(?:de|do|da)\s+(?:tarefas|compras|pend[eê]ncias|mercado|supermercado)${W})?)?`;
/** What is being created: "uma nova tarefa", "um evento", "a reminder". */
const KIND = String.raw`(?:\s+(?:um|uma|a|an|o)${W})?(?:\s+(?:nova|novo|new)${W})?(?:\s+(?:tarefa|pend[eê]ncia|to-?do|task|evento|event|compromisso|lembrete|reminder)${W})?(?:\s+(?:urgente|importante|chamad[ao]|called)${W})?`;

function command(verbs: string, kind = KIND): RegExp {
	return new RegExp(String.raw`^(?:${verbs})${W}${PAD}${LIST}${kind}${PAD}\s*[:\-–]?\s*`, 'iu');
}

const COMMANDS: Partial<Record<Intent, RegExp[]>> = {
	'task.create': [
		command(
			String.raw`anota[rei]?|anote|adiciona[r]?|adicione|add|adc|coloca[r]?|coloque|bota|p[oõ]e|p[oô]r|inclui[r]?|registra[r]?|salva[r]?|guarda|cri[ae]r?|put|note\s+down|jot\s+down|create`,
		),
		command(String.raw`(?:nova|mais\s+uma|outra)\s+(?:tarefa|pend[eê]ncia)|tarefa(?:\s+nova)?|to-?do|new\s+task|task`),
	],
	'task.complete': [
		command(
			String.raw`d[aá]r?\s+baixa(?:\s+(?:no|na|em|nos|nas))?|baixa\s+(?:no|na|em)|marca[r]?\s+como\s+(?:feit[ao]|conclu[ií]d[ao])(?:\s+a\s+tarefa)?|pode\s+riscar|riscar?(?:\s+da\s+lista)?|conclu[ií]r?|termin(?:ei|ar)|finaliz(?:ei|ar)|acabei|completei|completar?|check\s+off|tick\s+off|cross\s+off|mark|dar\s+check\s+em|check\s+no`,
		),
	],
	'calendar.create': [
		command(
			String.raw`marca[r]?|marque|agenda[r]?|agende|cria[r]?|crie|coloca[r]?|p[oõ]e|bota|adiciona[r]?|inclui|salva|anota|bloqueia|reserva|encaixa|tenho|vou\s+ter|schedule|book|set\s+up|add|put`,
		),
	],
	// No KIND: what is cancelled is the title ("cancela o lembrete" → "lembrete").
	'calendar.cancel': [
		command(
			String.raw`cancela[r]?|cancele|desmarca[r]?|desmarque|tira(?:\s+da\s+(?:minha\s+)?agenda)?|remove[r]?(?:\s+da\s+agenda)?|apaga[r]?|exclui[r]?|deleta[r]?|cancel|delete|remove|call\s+off|clear`,
			'',
		),
	],
	// No KIND either: what is moved is the title; "muda o horário da call" → "call".
	'calendar.update': [
		command(
			String.raw`remarca[r]?|remarque|reagenda[r]?|reagende|adia[r]?|adie|muda[r]?|mude|passa[r]?|empurra[r]?|joga|antecipa[r]?|atrasa[r]?|troca[r]?|transfere|transferir|altera[r]?|ajusta[r]?|atualiza[r]?|move|reschedule|push|postpone|delay|shift|bump|change`,
			String.raw`(?:\s+(?:o|a)\s+(?:hor[aá]rio|dia|data|local)\s+(?:d[aoe]s?)${W})?`,
		),
	],
	'reminder.create': [
		/^(?:me\s+)?(?:cutuca|avisa|chama|alerta|acorda|d[aá]\s+um\s+toque)(?![\p{L}\p{N}])(?:\s+(?:pra|para|de|que|q)(?![\p{L}\p{N}]))?\s*/iu,
	],
};

/** Asking before the command: "quero cancelar", "preciso marcar", "vc pode anotar"; and the "mim:" extractDateTime leaves of "pra mim:". */
const REQUEST = /^(?:(?:eu\s+)?(?:quero|queria|preciso|gostaria\s+de|pode|poderia|consegue|d[aá]\s+pra)\s+|mim\s*:\s*)+/iu;

/** A command said after the item: "comprar carregador, anota aí", "dentista quinta 15h, põe na agenda", "buy milk to my list". */
const TRAILING_COMMAND =
	/[\s,;.\-–]+(?:anota|anote|coloca|coloque|p[oõ]e|bota|adiciona|agenda|marca|cancela|desmarca|d[aá]\s+baixa|remove|apaga|tira)(?:\s+(?:a[ií]|ae|pra\s+mim|pfv|por\s+favor|isso|como\s+tarefa|(?:na|da|nas|das)\s+(?:minha\s+|minhas\s+)?(?:lista|agenda|tarefas)(?:\s+de\s+tarefas)?))*\s*$/iu;
const TRAILING_LIST = /\s+(?:to|on|in|from)\s+(?:my|the)\s+(?:to-?do\s+list|list|tasks|task\s+list|shopping\s+list|calendar|schedule)\s*$/iu;
const TRAILING_DONE = /\s+(?:as\s+(?:done|complete|completed|finished)|como\s+(?:feit[ao]|conclu[ií]d[ao]))\s*$/iu;
/** A preposition the date left behind ("reunião pras" of "reunião pras 10h"), or "pra mim" at the end. */
const TRAILING_PREPOSITION = /\s+(?:pra|para|pro|pros|pras|to|(?:pra|para)\s+mim|for\s+me)\s*$/iu;
/** "…, mesmo horário" / "same time" qualifies a move, not the event's name. */
const TRAILING_SAME_SLOT = /[\s,;]+(?:(?:no|n[oa]|at\s+the)\s+)?(?:mesm[oa]\s+(?:hor[aá]rio|hora|dia)|same\s+time)\s*$/iu;

/** Leading articles and the preposition a command leaves behind: "no relatório", "a reunião". */
const LEADING_ARTICLE = /^(?:(?:no|na|nos|nas|em|o|a|os|as|minha|meu|minhas|meus|the|my)\s+)+/iu;

export function cleanTitle(intent: Intent, title: string | null): string | null {
	const commands = COMMANDS[intent];
	if (title === null || commands === undefined) return title;
	let rest = title.replace(REQUEST, '');
	for (const re of commands) {
		const m = re.exec(rest);
		if (m && m[0].length > 0 && m[0].length < rest.length) {
			rest = rest.slice(m[0].length);
			break;
		}
	}
	rest = rest.replace(TRAILING_COMMAND, '').replace(TRAILING_LIST, '').replace(TRAILING_DONE, '').replace(TRAILING_SAME_SLOT, '').replace(TRAILING_PREPOSITION, '').replace(LEADING_ARTICLE, '').replace(/^[\s,:;\-–"'“”]+|[\s,:;\-–"'“”]+$/gu, '');
	return rest === '' ? null : rest;
}
