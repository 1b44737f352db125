/**
 * The fixed intent taxonomy. Workflows route on these exact labels and Airtable stores them, so a
 * label is never renamed; a new intent is added at the end.
 */
export const INTENTS = [
	'greeting',
	'help',
	'smalltalk',
	'task.create',
	'task.list',
	'task.complete',
	'reminder.create',
	'calendar.create',
	'calendar.query',
	'calendar.cancel',
	'email.summary',
	'digest.request',
	'human.handoff',
	'opt_out',
	'unknown',
	// Added after the first release: moving or changing an event that already exists.
	'calendar.update',
] as const;

export type Intent = (typeof INTENTS)[number];

export function isIntent(value: unknown): value is Intent {
	return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}
