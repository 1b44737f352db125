/** The data path's pure core: outbox entries, merging, flush planning, the window, failures, external changes. */
export { describeRecord, recordId, type Fields, type FlushRequest, type OutboxEntry, type PendingRecord, type RecordRef } from './types';
export { changedFields, mergeEntries } from './merge';
export { COARSE_FIELDS, dropSmallMoves } from './coarse';
export { planFlush, splitRequest, upsertBody } from './plan';
export { DEFAULT_FLUSH_WINDOW, flushDecision, largestGroup, recordsToSend, windowStart, withoutHeld, type FlushDecision, type FlushWindow } from './window';
export { AIRTABLE_RATE_LIMIT_PAUSE_MS, classifyFailure, type FailureAction, type FlushFailure } from './failures';
export { applyExternal, type ExternalChange, type ReplicaRecordState } from './external';
export { openHandoffs, pendingReminders, selectTasks, type TaskFilter } from './queries';
