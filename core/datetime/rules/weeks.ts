import { WEEKDAY_ABBREVIATIONS, WEEKDAY_FULL } from '../lexicon';
import type { Rule } from '../types';
import { B, E, rx } from './shared';

/**
 * Which Monday-to-Sunday week a weekday is in: "terça desta semana", "quinta dessa semana", "sexta da semana
 * passada", "domingo da semana anterior"; and "semana passada" / "last week" alone (7 days ago). "semana que vem"
 * lives with the other forward phrases in rules/days.ts.
 */

/** A weekday word ends right before the phrase (checked on a short slice, not with a lookbehind). */
const WEEKDAY_BEFORE = new RegExp(
	String.raw`${B}(?:(?:${WEEKDAY_FULL})s?(?:\s*-?\s*feiras?)?|[2-6]a\s*-?\s*feira|(?:${WEEKDAY_ABBREVIATIONS})\.?)[\s,]*$`,
	'u',
);

export const weekRules: Rule[] = [
	{
		name: 'this-week',
		pattern: rx(String.raw`${B}(?:(?:desta|dessa|nesta|nessa|esta|essa)\s+semana|this\s+week)${E}`),
		read(m, norm) {
			// Alone, "esta semana" names no day; after a weekday it pins that weekday to this week.
			if (!WEEKDAY_BEFORE.test(norm.text.slice(Math.max(0, m.index - 30), m.index))) return null;
			return [{ kind: 'day', spec: { type: 'week', weeks: 0 } }];
		},
	},
	{
		name: 'last-week',
		pattern: rx(
			String.raw`${B}(?:(?:da|na|de|do)\s+)?(?:semana\s+(?:passada|anterior)|(?:ultima|passada)\s+semana)${E}|${B}(?:the\s+)?(?:last|past|previous)\s+week${E}`,
		),
		read: () => [{ kind: 'day', spec: { type: 'week', weeks: -1 } }],
	},
];
