import { formulaString } from '../formula-escape';
import { CrmInputError } from './input-error';
import { compact, instant, optionalText, phone, requiredClippedText, userLink } from './values';

export interface ReminderInput {
	text: unknown;
	phone: unknown;
	dueAt: unknown;
	taskId?: unknown;
}

const RECORD_ID = /^rec[A-Za-z0-9]{14}$/;

/**
 * Fields for a scheduled reminder at an absolute instant (ISO 8601 with an offset), its text cut at 1000 UTF-16 units.
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function newReminderFields(input: ReminderInput, now: Date): Record<string, unknown> {
	const dueAt = instant(input.dueAt, 'Due At');
	if (!dueAt) throw new CrmInputError('Due At', 'Due At is required: when should the reminder go out?');
	// A minute of slack: "em 1 min" computed a moment ago is still fine.
	if (Date.parse(dueAt) < now.getTime() - 60_000) {
		throw new CrmInputError('Due At', `Due At ${dueAt} is in the past; a reminder must be for a future time.`);
	}
	const taskId = optionalText(input.taskId, 'Task ID', 17);
	if (taskId !== undefined && !RECORD_ID.test(taskId)) throw new CrmInputError('Task ID', `Task ID must be an Airtable record id (rec...); got "${taskId}".`);
	return compact({
		Text: requiredClippedText(input.text, 'Text', 1000),
		User: userLink(phone(input.phone, 'Phone')),
		'Due At': dueAt,
		Status: 'scheduled',
		Task: taskId ? [taskId] : undefined,
	});
}

/**
 * Scheduled reminders due by `until` (default now): what the reminder workflow sends each minute.
 * @throws CrmInputError when `until` is given and is not a date
 */
export function remindersDueFormula(until?: unknown): string {
	const limit = instant(until, 'Due Until');
	const bound = limit ? formulaString(limit) : 'NOW()';
	return `AND({Status} = 'scheduled', NOT(IS_AFTER({Due At}, ${bound})))`;
}
