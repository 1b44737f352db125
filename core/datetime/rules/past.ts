import { parseQuantity } from '../lexicon';
import type { Rule } from '../types';
import { QUANTITY, UNIT, offsetFacet, unitKind } from './durations';
import { B, DAY_PREPOSITION as P, E, group, rx } from './shared';

/**
 * The past, for questions like "o que eu tinha anteontem?": "anteontem", "antes de ontem", "faz 3 dias",
 * "há 2 semanas", "3 dias atrás", "mês passado", "2 hours ago", "last month". Minutes and hours ago are exact
 * ("faz 2 horas" is 2 hours before now); days and longer move the calendar day and take the text's time or the
 * default hour, as "em 3 dias" does forward. "terça passada" is in rules/weekdays.ts, "semana passada" in rules/weeks.ts.
 */

const AGO_LEAD = String.raw`(?:faz|fazem|faziam|fazia|ha|havia)\s+(?:(?:uns|umas|cerca\s+de|quase|mais\s+de|about|around)\s+)?`;

function ago(text: string | undefined, unit: string | undefined): ReturnType<Rule['read']> {
	const n = parseQuantity(text ?? '');
	if (!Number.isFinite(n) || n <= 0) return null;
	const facet = offsetFacet(-n, unitKind(unit ?? ''));
	return facet ? [facet] : null;
}

export const pastRules: Rule[] = [
	{
		name: 'day-before-yesterday',
		pattern: rx(String.raw`${B}${P}(?:anteontem|ante-ontem|antes\s+de\s+ontem|antes\s+d'ontem|(?:the\s+)?day\s+before\s+yesterday)${E}`),
		read: () => [{ kind: 'day', spec: { type: 'offset', days: -2 } }],
	},
	{
		// "faz 3 dias", "há 2 semanas", "há 2 dias atrás" (the redundant form people write too).
		name: 'ago-leading',
		pattern: rx(String.raw`${B}${AGO_LEAD}${QUANTITY}\s*${UNIT}(?:\s+atras)?${E}`),
		read: (m) => ago(group(m, 'n'), group(m, 'unit')),
	},
	{
		// "3 dias atrás", "uma semana atrás", "2 hours ago".
		name: 'ago-trailing',
		pattern: rx(String.raw`${B}${QUANTITY}\s*${UNIT}\s+(?:atras|ago|back)${E}`),
		read: (m) => ago(group(m, 'n'), group(m, 'unit')),
	},
	{
		name: 'last-month-year',
		pattern: rx(
			String.raw`${B}${P}(?:(?<month>mes\s+passado|mes\s+anterior|ultimo\s+mes|(?:the\s+)?(?:last|previous)\s+month)|(?<year>ano\s+passado|ano\s+anterior|(?:the\s+)?(?:last|previous)\s+year))${E}`,
		),
		read: (m) => [{ kind: 'day', spec: { type: 'months', months: group(m, 'year') ? -12 : -1 } }],
	},
];
