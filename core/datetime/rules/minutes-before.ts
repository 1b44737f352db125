import { followedByConnector } from '../guards';
import { AMBIGUOUS_PM_MAX_HOUR, HOUR_WORDS } from '../lexicon';
import type { Rule } from '../types';
import { B, E, group, rx } from './shared';
import { PERIOD_SUFFIX, PREP, meridiem, number, time } from './times';

/**
 * Minutes before the hour: "quinze para o meio-dia" (11:45), "5 para as 3" (14:55), "quinze pras 3",
 * "dez pro meio dia", "vinte para a meia-noite", "um quarto para as oito", "dez para as oito da noite",
 * "a quarter to five", "ten to noon".
 */

/** People count down only in round steps of the clock, which keeps "2 pra 1" (a score) out. */
const MINUTES = String.raw`(?<m>5|05|10|15|20|25|cinco|dez|quinze|vinte|vinte\s+e\s+cinco|um\s+quarto|(?:a\s+)?quarter|five|ten|twenty|twenty(?:-|\s+)five)`;
const TO = String.raw`(?<to>pras|pros|pra|pro|para\s+(?:as|a|o)|para|to|till|til)`;
const TARGET = String.raw`(?:(?:(?:o|a|the)\s+)?(?:(?<noon>meio\s*-?\s*dia|noon|midday)|(?<midnight>meia\s*-?\s*noite|midnight))|(?<h>\d{1,2}|${HOUR_WORDS})(?:\s*(?:h|hs|hrs)|\s+horas)?)`;

function minutesOf(word: string): number {
	return /quarter|quarto/.test(word) ? 15 : number(word);
}

export const minutesBeforeRules: Rule[] = [
	{
		name: 'minutes-before-the-hour',
		pattern: rx(String.raw`${B}${PREP}${MINUTES}\s+${TO}\s+${TARGET}${PERIOD_SUFFIX}${E}`),
		read(m, norm) {
			// "5 pra 10 pessoas", "10 to 15 people": digits joined by a bare "pra"/"to" are a range unless nothing but a connector follows.
			const bareTo = /^(pra|para|to|till|til)$/.test(group(m, 'to') ?? '');
			if (bareTo && /^\d/.test(group(m, 'm') ?? '') && !followedByConnector(norm.text, m.index + m[0].length)) return null;
			const before = minutesOf((group(m, 'm') ?? '').replace(/\s+/g, ' '));
			if (!Number.isInteger(before) || before <= 0 || before >= 60) return null;
			if (group(m, 'noon')) return time(11, 60 - before, { fixed: true });
			if (group(m, 'midnight')) return time(23, 60 - before, { fixed: true });
			const hour = number(group(m, 'h'));
			if (!Number.isInteger(hour) || hour < 1 || hour > 24) return null;
			const reading = (hour + 23) % 24;
			const per = meridiem(m);
			if (per) {
				if (hour > 12) return null;
				return time(reading, 60 - before, { meridiem: per });
			}
			// The afternoon guess follows the hour said ("quinze pras 3" is 14:45, "5 para a 1" 12:55), not the hour computed.
			const afternoonLikely = hour >= 1 && hour <= AMBIGUOUS_PM_MAX_HOUR;
			return time(afternoonLikely ? reading % 12 : reading, 60 - before, afternoonLikely ? { afternoonLikely } : {});
		},
	},
];
