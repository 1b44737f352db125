import { followedByConnector, followedByTimeCue } from '../guards';
import { ORDINAL_WEEKDAYS, WEEKDAY_ABBREVIATIONS, WEEKDAY_FULL, weekdayIndex } from '../lexicon';
import type { Rule, WeekdayPick } from '../types';
import { B, DAY_PREPOSITION as P, E, group, rx } from './shared';

/**
 * Weekdays: "sexta", "sexta-feira", "2ª feira", "seg", "sáb", "próxima terça", "terça que vem", "essa segunda",
 * "terça passada", "domingo passado", "last friday", "toda terça". Which week they fall in with "desta semana" or
 * "da semana passada" is added by rules/weeks.ts.
 */

/** Abbreviations that are no other common word: a weekday wherever they stand ("seg", "qua", "qui", "sáb"). */
const UNAMBIGUOUS_ABBREVIATIONS = new Set(['seg', 'qua', 'qui', 'sab', 'mon', 'tue', 'tues', 'thu', 'thur', 'thurs', 'fri']);
/** "ter" is the verb "to have" ("vou ter que sair"): never a weekday on its own, even as the whole message. */
const NEVER_ALONE = new Set(['ter']);
/** "sex" is Friday to a Brazilian unless English follows ("sex and the city"): at the end or before a pt connector it is the day. */
const FRIDAY_ABBREVIATION = 'sex';
const ENGLISH_CONNECTORS = new Set('to at on in for with and or by before after from the a an is'.split(' '));

function sexIsFriday(text: string, end: number): boolean {
	const next = /^\s*(\p{L}+)/u.exec(text.slice(end, end + 30));
	return !next || (!ENGLISH_CONNECTORS.has(next[1]) && followedByConnector(text, end));
}

/** After these, an ambiguous abbreviation ("na ter", "no dom") is a weekday even with no time after it; "até sex" too, but not "pra ter". */
const STRONG_WEEKDAY_PREPOSITIONS = new Set(['na', 'no', 'on']);
/** After these, "segunda" … "sexta" are days, not ordinals ("até sexta", "pra segunda"). */
const DAY_ONLY_PREPOSITIONS = new Set(['ate', 'para', 'pra', 'until', 'till', 'by']);

const NEXT_WEEK_MOD = /^(proxim|prox|next)/;
const PREVIOUS_MOD = /^(ultim|last|past)/;
const THIS_MOD = /^(this|essa|esta|nessa|nesta|neste|nesse|este|esse)$/;

/** "5 seg" is five seconds, not Monday. */
const AFTER_NUMBER = /\d\s*$/u;

function pickOf(mod: string | undefined, suffix: string | undefined, every: boolean): WeekdayPick {
	if (suffix && /vem$/.test(suffix)) return 'next-week';
	if (suffix && /passad/.test(suffix)) return 'previous';
	if (mod && NEXT_WEEK_MOD.test(mod)) return 'next-week';
	if (mod && PREVIOUS_MOD.test(mod)) return 'previous';
	if ((mod && THIS_MOD.test(mod)) || every) return 'this';
	return 'coming';
}

export const weekdayRules: Rule[] = [
	{
		name: 'weekday',
		pattern: rx(
			// "toda terça", "todas as segundas": a recurrence the caller handles; here, the next occurrence.
			String.raw`${B}${P}(?<every>(?:toda|todo|todas\s+as|todos\s+os|every)\s+)?` +
				String.raw`(?:(?<mod>proxima|proximo|prox\.?|next|this|coming|essa|esta|nessa|nesta|neste|nesse|este|esse|ultima|ultimo|last|past)\s+)?` +
				String.raw`(?:(?<full>${WEEKDAY_FULL})s?(?<feira>\s*-?\s*feiras?)?|(?<num>[2-6]a)\s*-?\s*feira|(?<abbr>${WEEKDAY_ABBREVIATIONS})(?<dot>\.)?)` +
				String.raw`(?<suffix>\s+(?:que|q)\s+vem|\s+passad[oa])?${E}`,
		),
		read(m, norm) {
			const full = group(m, 'full');
			const abbr = group(m, 'abbr');
			const mod = group(m, 'mod');
			const suffix = group(m, 'suffix');
			const prep = group(m, 'dprep');
			const end = m.index + m[0].length;
			if (abbr && !group(m, 'dot') && !mod && !suffix && !prep) {
				if (AFTER_NUMBER.test(norm.text.slice(Math.max(0, m.index - 4), m.index))) return null;
			}
			if (abbr && !group(m, 'dot') && !mod && !suffix && !UNAMBIGUOUS_ABBREVIATIONS.has(abbr)) {
				// "ter" is also "to have", "dom" a gift, "sex" and "sat" English words: only with a day preposition,
				// a time right after, or as the whole message ("dom?").
				const alone = !NEVER_ALONE.has(abbr) && norm.text.replace(/[^\p{L}\p{N}]+/gu, '') === abbr;
				const strongPrep = prep !== undefined && (STRONG_WEEKDAY_PREPOSITIONS.has(prep) || (DAY_ONLY_PREPOSITIONS.has(prep) && !NEVER_ALONE.has(abbr)));
				const friday = abbr === FRIDAY_ABBREVIATION && sexIsFriday(norm.text, end);
				if (!alone && !strongPrep && !friday && !followedByTimeCue(norm.text, end)) return null;
			}
			if (full && ORDINAL_WEEKDAYS.has(full) && !group(m, 'feira') && !mod && !suffix && !group(m, 'every')) {
				if (!(prep && DAY_ONLY_PREPOSITIONS.has(prep)) && !followedByConnector(norm.text, end)) return null;
			}
			const word = full ?? abbr ?? group(m, 'num') ?? '';
			const pick = pickOf(mod, suffix, Boolean(group(m, 'every')));
			return [{ kind: 'day', spec: { type: 'weekday', weekday: weekdayIndex(word), pick } }];
		},
	},
];
