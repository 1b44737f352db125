import { formulaString } from '../formula-escape';
import { attachmentsText } from './attachments';
import { TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from './choices';
import { choice, compact, instant, optionalText, phone, requiredClippedText, requiredText, userLink } from './values';

export interface TaskInput {
	title: unknown;
	phone: unknown;
	due?: unknown;
	priority?: unknown;
	source?: unknown;
	notes?: unknown;
	/** Links of the photos and documents sent with the message that created it (attachments.ts). */
	attachments?: unknown;
}

export interface TaskChanges {
	title?: unknown;
	status?: unknown;
	due?: unknown;
	priority?: unknown;
	notes?: unknown;
}

/**
 * Fields for a new task: open unless a status is given, the title cut at 500 UTF-16 units on a grapheme boundary.
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function newTaskFields(input: TaskInput): Record<string, unknown> {
	return compact({
		Title: requiredClippedText(input.title, 'Title', 500),
		User: userLink(phone(input.phone, 'Phone')),
		Status: 'todo',
		Due: instant(input.due, 'Due'),
		Priority: choice(input.priority, 'Priority', TASK_PRIORITIES) ?? 'normal',
		Source: choice(input.source, 'Source', TASK_SOURCES) ?? 'whatsapp',
		Notes: optionalText(input.notes, 'Notes'),
		Attachments: attachmentsText(input.attachments),
	});
}

/**
 * Only the given changes; moving to done stamps Completed At, moving away clears it.
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function taskChangeFields(changes: TaskChanges, now: Date): Record<string, unknown> {
	const status = choice(changes.status, 'Status', TASK_STATUSES);
	return compact({
		Title: optionalText(changes.title, 'Title', 500),
		Status: status,
		Due: instant(changes.due, 'Due'),
		Priority: choice(changes.priority, 'Priority', TASK_PRIORITIES),
		Notes: optionalText(changes.notes, 'Notes'),
		'Completed At': status === 'done' ? now.toISOString() : status ? null : undefined,
	});
}

export type TaskListFilter = 'open' | 'overdue' | 'done' | 'all';
export const TASK_LIST_FILTERS: readonly TaskListFilter[] = ['open', 'overdue', 'done', 'all'];

/**
 * The formula selecting one user's tasks; user text only ever enters as an escaped literal.
 * @throws CrmInputError when the phone is not a phone number or the filter is not one of TASK_LIST_FILTERS
 */
export function taskListFormula(phoneInput: unknown, filter: TaskListFilter): string {
	const owner = `ARRAYJOIN({User}) = ${formulaString(phone(phoneInput, 'Phone'))}`;
	switch (filter) {
		case 'open':
			return `AND(${owner}, {Status} != 'done')`;
		case 'overdue':
			return `AND(${owner}, {Status} != 'done', {Due}, IS_BEFORE({Due}, NOW()))`;
		case 'done':
			return `AND(${owner}, {Status} = 'done')`;
		case 'all':
			return owner;
	}
}

/**
 * Finds an open task of the user by its exact title, for "dá baixa no relatório".
 * @throws CrmInputError when the phone is not a phone number or the title is blank
 */
export function openTaskByTitleFormula(phoneInput: unknown, title: unknown): string {
	return `AND(ARRAYJOIN({User}) = ${formulaString(phone(phoneInput, 'Phone'))}, {Status} != 'done', LOWER({Title}) = LOWER(${formulaString(requiredText(title, 'Title', 500))}))`;
}

/**
 * Finds one task of the user by its stable key: the Task Key BestStag gave it, or, for a row typed in
 * Airtable without one, its record id (the replica keys such rows by record id). User text only ever
 * enters as an escaped literal.
 * @throws CrmInputError when the phone is not a phone number or the key is blank
 */
export function taskByKeyFormula(phoneInput: unknown, key: unknown): string {
	const literal = formulaString(requireTaskKey(key));
	return `AND(ARRAYJOIN({User}) = ${formulaString(phone(phoneInput, 'Phone'))}, OR({Task Key} = ${literal}, RECORD_ID() = ${literal}))`;
}

/** The statuses a reopened task may go back to (an undo restores the one it had). */
export const REOPEN_STATUSES = ['todo', 'doing'] as const;

/**
 * Fields that reopen a done task: back to `status` (default todo) with Completed At cleared.
 * @throws CrmInputError when the status is not todo or doing
 */
export function reopenTaskFields(status: unknown): Record<string, unknown> {
	return { Status: choice(status === undefined || status === '' ? 'todo' : status, 'Status', REOPEN_STATUSES), 'Completed At': null };
}

/**
 * A task key as the complete/reopen/update operations take it (trimmed).
 * @throws CrmInputError when it is blank or longer than 500 characters
 */
export function requireTaskKey(key: unknown): string {
	return requiredText(key, 'Task Key', 500);
}
