import type { Rule } from '../types';
import { dayRules } from './days';
import { durationRules } from './durations';
import { periodRules } from './periods';
import { timeRules } from './times';

/** The whole grammar. Order breaks ties between equally long matches at the same place. */
export const RULES: readonly Rule[] = [...durationRules, ...dayRules, ...periodRules, ...timeRules];
