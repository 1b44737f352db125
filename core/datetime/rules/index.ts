import type { Rule } from '../types';
import { dateSeparatorRules } from './date-separators';
import { dayWordRules } from './day-words';
import { dayRules } from './days';
import { durationRules } from './durations';
import { minutesBeforeRules } from './minutes-before';
import { monthDayRules } from './month-day';
import { pastRules } from './past';
import { periodRules } from './periods';
import { timeRules } from './times';
import { weekdayRules } from './weekdays';
import { weekRules } from './weeks';

/** The whole grammar. Order breaks ties between equally long matches at the same place. */
export const RULES: readonly Rule[] = [
	...durationRules,
	...pastRules,
	...dayRules,
	...weekdayRules,
	...weekRules,
	...dayWordRules,
	...monthDayRules,
	...dateSeparatorRules,
	...periodRules,
	...timeRules,
	...minutesBeforeRules,
];
