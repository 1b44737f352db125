import type { Fields } from './types';

/**
 * What a turn asks the replica, answered in plain code over replica records (the replica keeps a
 * user's records by owner; these pick and order them). They mirror the formulas the direct mode
 * sends to Airtable (core/airtable/crm), so both modes list the same rows.
 */
export type TaskFilter = 'open' | 'overdue' | 'done' | 'all';

interface WithFields {
	fields: Fields;
}

function dueMs(record: WithFields, field: string): number | undefined {
	const value = record.fields[field];
	if (typeof value !== 'string') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/** Sorts by a date field ascending; records without one go last, ties keep their order. */
function byDate<T extends WithFields>(records: readonly T[], field: string): T[] {
	return records
		.map((record, index) => ({ record, index, at: dueMs(record, field) }))
		.sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || a.index - b.index)
		.map((x) => x.record);
}

/**
 * A user's tasks for "minhas tarefas": open = status not done; overdue = open with Due before
 * `now` (ms); done; all. Ordered by Due ascending (undated last), at most `limit`.
 */
export function selectTasks<T extends WithFields>(records: readonly T[], filter: TaskFilter, now: number, limit: number): T[] {
	const done = (r: T) => r.fields.Status === 'done';
	const picked = records.filter((r) => {
		switch (filter) {
			case 'open':
				return !done(r);
			case 'overdue': {
				const due = dueMs(r, 'Due');
				return !done(r) && due !== undefined && due < now;
			}
			case 'done':
				return done(r);
			case 'all':
				return true;
		}
	});
	return byDate(picked, 'Due').slice(0, Math.max(0, limit));
}

/** A user's scheduled reminders, soonest first. */
export function pendingReminders<T extends WithFields>(records: readonly T[]): T[] {
	return byDate(
		records.filter((r) => r.fields.Status === 'scheduled'),
		'Due At',
	);
}

/** A user's hand-offs not yet closed (open or assigned), oldest first. */
export function openHandoffs<T extends WithFields>(records: readonly T[]): T[] {
	return byDate(
		records.filter((r) => r.fields.Status !== 'closed'),
		'Opened At',
	);
}
