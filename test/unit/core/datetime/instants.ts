/** Reference instants the date/time tests resolve against, fixed so expectations never drift. */

/** Friday 2026-11-20, 10:00 in São Paulo. */
export const FRIDAY_MORNING = '2026-11-20T13:00:00Z';
/** Friday 2026-11-20, 20:30 in São Paulo: bare times already past roll to tomorrow. */
export const FRIDAY_EVENING = '2026-11-20T23:30:00Z';
/** Tuesday 2026-12-15, 12:00 in São Paulo: January dates roll into 2027. */
export const DECEMBER_NOON = '2026-12-15T15:00:00Z';
/**
 * Tuesday 2013-02-12, 04:30 in São Paulo, then on summer time (UTC−02:00; it ended on 17 Feb 2013, so later days are
 * UTC−03:00). The reference of issue 10 §4 and of Duckling's corpus (github.com/facebook/duckling, Duckling/Time/PT/Corpus.hs).
 */
export const TUESDAY_SMALL_HOURS = '2013-02-12T06:30:00Z';
