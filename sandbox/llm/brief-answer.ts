import { briefAnswerLocale, type BriefAnswer } from '../../core/assistant/brief-answer';
import type { Locale } from '../../core/assistant/locale';

/**
 * What the stand-ins answer to a brief-answer request (core/assistant/brief-answer.ts's schema): no model
 * runs, so the answer is one of a few fixed texts, in the language the system prompt names (pt-BR when it
 * names none). It never quotes the user's message, so nothing written to the stand-in comes back as
 * instructions. A message that is obviously off-topic (the probes below) is declined with onTopic false,
 * as the prompt asks of a real model.
 */

/** Obviously outside BestStag's purpose: what a general-purpose chatbot would be asked. */
const OFF_TOPIC = [
	/\bpoema|\bpoem\b|\bpoesia|\bpoetry/i,
	/\breceitas?\b|\brecipes?\b/i,
	/\bcapital (da|do|de|of)\b/i,
	/\bpiadas?\b|\bjokes?\b/i,
	/\bredação|\bessay\b|\bhomework\b|\bliç(ão|ões) de casa/i,
	/\bfutebol\b|\bfootball\b|\bsoccer\b/i,
	/\b(javascript|python|código|source code)\b/i,
	/\bquem (foi|é|descobriu|ganhou)\b|\bwho (was|is|won|discovered)\b/i,
];

const TEXTS: Record<Locale, Record<'onTopic' | 'offTopic', string>> = {
	'pt-BR': {
		onTopic: 'Por aqui eu cuido das suas *tarefas* e *lembretes*. Experimente: "me lembra amanhã às 9h de ligar pro João" ou "anota comprar pão".',
		offTopic: 'Isso foge do que eu faço: cuido de *tarefas* e *lembretes*. Digite *menu* para ver as opções.',
	},
	en: {
		onTopic: 'Here I take care of your *to-dos* and *reminders*. Try: "remind me tomorrow at 9 to call John" or "add buy milk".',
		offTopic: "That's outside what I do: I handle *to-dos* and *reminders*. Send *menu* to see the options.",
	},
};

/** True for a message one of the off-topic probes matches. */
export function looksOffTopic(message: string): boolean {
	return OFF_TOPIC.some((pattern) => pattern.test(message));
}

/**
 * The stand-in's brief answer to `message` (already read out of the prompt's framing) under the system
 * prompt `system`: a fixed text in the locale the prompt names, declining obviously off-topic probes.
 */
export function standInBriefAnswer(message: string, system: string): BriefAnswer {
	const locale = briefAnswerLocale(system) ?? 'pt-BR';
	const onTopic = !looksOffTopic(message);
	return { answer: TEXTS[locale][onTopic ? 'onTopic' : 'offTopic'], onTopic };
}
