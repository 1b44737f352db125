import { DAY_WORDS, periodOf } from '../lexicon';
import type { Facet, Rule } from '../types';
import { B, E, group, rx } from './shared';

/** Parts of the day with a default hour: "de manhã", "à tarde", "hoje à noite", "tonight", "amanhã cedo". */

const PERIOD = 'manha|tarde|noite|morning|afternoon|evening|night';
/** These name today's period, so a past default moves to the next hour instead of tomorrow. */
const TODAY_PREPS = /^(this|esta|essa|nesta|nessa|hoje\s+a|hj\s+a|hoje\s+de|hj\s+de)$/;

/** Checked on a short slice: a lookbehind with \s+ would rescan long runs of spaces. */
const DAY_BEFORE = new RegExp(String.raw`${B}(?:${DAY_WORDS})\s+$`, 'u');

function period(word: string, today: boolean): Facet[] {
	const facets: Facet[] = [{ kind: 'period', period: periodOf(word) }];
	if (today) facets.unshift({ kind: 'day', spec: { type: 'offset', days: 0 } });
	return facets;
}

export const periodRules: Rule[] = [
	{
		name: 'period',
		pattern: rx(
			String.raw`${B}(?<prep>de|a|pela|pelo|na|no|durante\s+a|in\s+the|at|this|esta|essa|nesta|nessa|hoje\s+a|hj\s+a|hoje\s+de|hj\s+de)\s+(?<per>${PERIOD})${E}`,
		),
		read(m) {
			const prep = (group(m, 'prep') ?? '').replace(/\s+/g, ' ');
			if (prep === 'at' && group(m, 'per') !== 'night') return null;
			return period(group(m, 'per') ?? '', TODAY_PREPS.test(prep));
		},
	},
	{
		name: 'period-after-day',
		// "amanhã cedo", "sexta noite", "tomorrow morning": the period word alone, right after a day word.
		pattern: rx(String.raw`${B}(?<per>${PERIOD}|(?:bem\s+)?cedo)${E}`),
		read(m, norm) {
			if (!DAY_BEFORE.test(norm.text.slice(Math.max(0, m.index - 20), m.index))) return null;
			return period(group(m, 'per') ?? '', false);
		},
	},
	{
		name: 'tonight',
		pattern: rx(String.raw`${B}(?:tonight|tonite)${E}`),
		read: () => period('noite', true),
	},
];
