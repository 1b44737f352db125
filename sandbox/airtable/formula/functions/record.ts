/** RECORD_ID CREATED_TIME LAST_MODIFIED_TIME: facts about the record rather than its fields. */

import { toDate } from '../dates';
import { fromField } from '../values';
import { eager, type FunctionSpec } from './types';

export const RECORD_FUNCTIONS: FunctionSpec[] = [
	eager('RECORD_ID', 0, 0, (_values, env) => fromField(env.record.id)),
	eager('CREATED_TIME', 0, 0, (_values, env) => toDate(fromField(env.record.createdTime))),
	// With no field arguments: the last change to any field; a record never changed was last modified when created.
	eager('LAST_MODIFIED_TIME', 0, 0, (_values, env) => toDate(fromField(env.record.lastModifiedTime ?? env.record.createdTime))),
];
