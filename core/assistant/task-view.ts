import { selectTasks } from '../datapath/queries';
import { dayDistance } from './when';

/** A task as the assistant shows it. */
export interface TaskView {
	key: string;
	title: string;
	/** ISO instant, or null when undated. */
	due: string | null;
}

/** A task record (replica or Airtable: `{ key | id, fields: { Title, Due, Status } }`) as a TaskView; null when it is not one. */
export function taskView(record: unknown): TaskView | null {
	if (!record || typeof record !== 'object') return null;
	const r = record as { key?: unknown; id?: unknown; fields?: Record<string, unknown> };
	const key = typeof r.key === 'string' && r.key ? r.key : typeof r.id === 'string' && r.id ? r.id : null;
	const title = r.fields?.Title;
	if (!key || typeof title !== 'string') return null;
	const due = typeof r.fields?.Due === 'string' && r.fields.Due ? r.fields.Due : null;
	return { key, title, due };
}

/**
 * Open tasks in the order the list shows them (by due date, overdue first, undated last), so
 * "a 2" and the number a confirmation gives mean the same task.
 */
export function orderTasks(tasks: readonly TaskView[]): TaskView[] {
	return selectTasks(
		tasks.map((t) => ({ ...t, fields: { Due: t.due } })),
		'all',
		0,
		Number.MAX_SAFE_INTEGER,
	).map(({ key, title, due }) => ({ key, title, due }));
}

/** The 1-based number of task `key` among `open` tasks plus itself, as the list would number it. */
export function taskNumber(open: readonly TaskView[], task: TaskView): number {
	const all = orderTasks([...open.filter((t) => t.key !== task.key), task]);
	return all.findIndex((t) => t.key === task.key) + 1;
}

/** The tasks due on the calendar day of `dayIso` in `timeZone`, in list order. */
export function tasksOnDay(tasks: readonly TaskView[], dayIso: string, timeZone: string): TaskView[] {
	const day = Date.parse(dayIso);
	return orderTasks(tasks).filter((t) => t.due !== null && dayDistance(Date.parse(t.due), day, timeZone) === 0);
}
