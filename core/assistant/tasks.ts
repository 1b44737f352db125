/**
 * The assistant's task turns, as pure decisions the BestStag Assistant node's Decide/Compose steps call:
 * what "minhas tarefas" shows (and which keys its numbers stand for), which task "concluí a 2" /
 * "terminei o relatório" / "feito" completes, when to ask instead of guessing, and what "desfazer"
 * reopens. Tasks come in as the AirtableCrm node's task list items; decisions go out as task keys for
 * the node's complete/reopen operations, a catalogue key with its parameters, and the next context.
 */
import { extractDateTime } from '../datetime';
import { addDays } from '../datetime/calendar';
import { assertTimeZone, civilToInstant, wallClockAt } from '../datetime/timezone';
import { truncateGraphemes } from '../text/graphemes';
import { WHATSAPP_MAX_QUICK_REPLIES, WHATSAPP_QUICK_REPLY_TITLE_LIMIT } from '../limits/whatsapp';
import { matchTitle } from './task-match';
import { fold, isUndoMessage, taskReference, type TaskReference } from './task-reference';
import type { QuickReply } from './catalogue/types';

export { isUndoMessage, taskReference, type TaskReference } from './task-reference';
export { matchTitle, titleWords } from './task-match';

/** At most this many tasks in one list reply; the rest are counted ("e mais N"). */
export const MAX_LISTED_TASKS = 10;

/** A task as the decisions need it. `key` is what the AirtableCrm complete/reopen operations take. */
export interface TaskRow {
	key: string;
	title: string;
	/** 'todo' | 'doing' | 'done' (a blank status reads as 'todo'). */
	status: string;
	/** ISO 8601 instant, or null when the task has no due date. */
	due: string | null;
}

/**
 * Reads the AirtableCrm node's task items (`task.list` in buffered mode: `{ key, id, fields: { Title,
 * Status, Due } }`; direct mode: `{ id, fields }`) into TaskRows; the key is the Task Key, else the record
 * id (rows typed in Airtable without a key). Items without a title or key are skipped (a failed item).
 */
export function taskRows(items: ReadonlyArray<{ key?: unknown; id?: unknown; fields?: Record<string, unknown> } | null | undefined>): TaskRow[] {
	const rows: TaskRow[] = [];
	for (const item of items) {
		const fields = item?.fields ?? {};
		const keyField = fields['Task Key'];
		const key = [item?.key, keyField, item?.id].find((k): k is string => typeof k === 'string' && k.trim() !== '');
		const title = typeof fields.Title === 'string' ? fields.Title.trim() : '';
		if (!key || !title) continue;
		const due = typeof fields.Due === 'string' && !Number.isNaN(Date.parse(fields.Due)) ? fields.Due : null;
		rows.push({ key, title, status: typeof fields.Status === 'string' && fields.Status ? fields.Status : 'todo', due });
	}
	return rows;
}

const isOpen = (task: TaskRow) => task.status !== 'done';
const dueMs = (task: TaskRow) => (task.due === null ? Infinity : Date.parse(task.due));

/**
 * A user's open tasks in list order: by due date, so overdue ones come first; undated last; ties keep
 * the input order. This order defines a task's number when no list is in the context.
 */
export function openTasksInOrder(tasks: readonly TaskRow[]): TaskRow[] {
	return tasks
		.map((task, index) => ({ task, index }))
		.filter(({ task }) => isOpen(task))
		.sort((a, b) => dueMs(a.task) - dueMs(b.task) || a.index - b.index)
		.map(({ task }) => task);
}

/** The number a task has in its user's open list (1-based), or undefined when it is not open. For the task.create confirmation. */
export function taskNumber(tasks: readonly TaskRow[], key: string): number | undefined {
	const index = openTasksInOrder(tasks).findIndex((t) => t.key === key);
	return index < 0 ? undefined : index + 1;
}

/** Which tasks a list shows: all open, due today, tomorrow, in the next 7 days, overdue, or on a given day ("e sexta?"). */
export type TaskListView = 'open' | 'today' | 'tomorrow' | 'week' | 'overdue' | 'day';

/**
 * The view a "list my tasks" message asks for: "atrasadas"/"vencidas"/"overdue"/"late" → overdue;
 * "amanhã"/"tomorrow" → tomorrow; "hoje"/"hj"/"today" → today; "semana"/"week" → week; anything else → open.
 * Never throws.
 */
export function taskListView(text: unknown): TaskListView {
	const t = typeof text === 'string' ? fold(text) : '';
	if (/\b(?:atrasad[ao]s?|vencid[ao]s?|em\s+atraso|pendentes?\s+de\s+antes|overdue|late|past\s+due)\b/.test(t)) return 'overdue';
	if (/\b(?:amanha|amnh|amn|tomorrow|tmrw)\b/.test(t)) return 'tomorrow';
	if (/\b(?:hoje|hj|hje|today|tonight)\b/.test(t)) return 'today';
	if (/\b(?:semana|week|7\s+dias|7\s+days)\b/.test(t)) return 'week';
	return 'open';
}

/**
 * What a "list my tasks" message asks for, with a named day read too: taskListView's views first ("amanhã",
 * "atrasadas", "semana"), then any day the message names ("tarefas de sexta", "o que tenho pro dia 10") as
 * the 'day' view, else every open task. Feed the result to listTasks(tasks, view, now, timeZone, limit, day).
 * @param now the turn's instant (ms); @param timeZone the user's IANA zone
 * @throws RangeError when the time zone is unknown
 */
export function taskListRequest(text: unknown, now: number, timeZone: string): { view: TaskListView; day?: string } {
	const view = taskListView(text);
	if (view !== 'open' || typeof text !== 'string') return { view };
	const day = extractDateTime(text, { now: new Date(now), timeZone }).datetime;
	return day === null ? { view } : { view: 'day', day };
}

/** One numbered line of a task list as the catalogue renders it. */
export interface ListedTask {
	number: number;
	title: string;
	due: string | null;
	overdue: boolean;
}

/** A list reply's content: the lines, how many more were left out, and the keys its numbers stand for. */
export interface TaskListing {
	view: TaskListView;
	/** For the 'day' view: an instant on that day (ISO), e.g. the classifier's datetime of "e sexta?". */
	day?: string;
	items: ListedTask[];
	/** Tasks of the view beyond MAX_LISTED_TASKS ("e mais N"). */
	more: number;
	/** The keys of `items`, in order: what the context keeps so "concluí a 2" means line 2. */
	keys: string[];
}

/**
 * The tasks a view shows, numbered 1..n in list order (openTasksInOrder), at most `limit`.
 * today / tomorrow: due on that calendar day in the user's zone; week: due from now's day through the 6th
 * day after; overdue: due before `now`; day: due on the calendar day of `day`; open: every open task.
 * @param now the turn's instant (ms); @param timeZone the user's IANA zone
 * @param day for the 'day' view, an ISO instant on that day
 * @throws RangeError when the time zone is unknown, or the 'day' view has no valid `day`
 */
export function listTasks(tasks: readonly TaskRow[], view: TaskListView, now: number, timeZone: string, limit: number = MAX_LISTED_TASKS, day?: string): TaskListing {
	const zone = assertTimeZone(timeZone);
	const dayMs = view === 'day' ? Date.parse(day ?? '') : NaN;
	if (view === 'day' && Number.isNaN(dayMs)) throw new RangeError(`The 'day' view needs an ISO 8601 instant on that day; got ${JSON.stringify(day)}.`);
	const wall = wallClockAt(view === 'day' ? dayMs : now, zone);
	const dayStart = (offset: number) => civilToInstant(addDays({ year: wall.year, month: wall.month, day: wall.day }, offset), 0, 0, zone);
	const within = (task: TaskRow, from: number, to: number) => task.due !== null && dueMs(task) >= from && dueMs(task) < to;
	const picked = openTasksInOrder(tasks).filter((task) => {
		switch (view) {
			case 'today':
				return within(task, dayStart(0), dayStart(1));
			case 'tomorrow':
				return within(task, dayStart(1), dayStart(2));
			case 'week':
				return within(task, dayStart(0), dayStart(7));
			case 'day':
				return within(task, dayStart(0), dayStart(1));
			case 'overdue':
				return task.due !== null && dueMs(task) < now;
			case 'open':
				return true;
		}
	});
	const shown = picked.slice(0, Math.max(0, limit));
	return {
		view,
		...(view === 'day' ? { day } : {}),
		items: shown.map((task, i) => ({ number: i + 1, title: task.title, due: task.due, overdue: task.due !== null && dueMs(task) < now })),
		more: picked.length - shown.length,
		keys: shown.map((task) => task.key),
	};
}

/** The keys a listing's numbers stand for (1 → keys[0]); the hub stores them as `listedTaskKeys`. */
export function shownKeys(listing: TaskListing): string[] {
	return [...listing.keys];
}

/** A completion "desfazer" can undo: the task and the status it had before. */
export interface CompletedTask {
	key: string;
	title: string;
	/** 'todo' or 'doing': what reopening restores. */
	previousStatus: string;
}

/**
 * The task part of what the hub keeps per conversation between turns (its context store, with a TTL).
 * Field names are the hub's ConversationContext's (listedTaskKeys, lastTaskKey) plus lastCompleted for
 * undo; a decision's `context` is a patch in applyContextPatch's sense: a field given replaces the old
 * one, null clears it, a missing one is kept.
 */
export interface TaskContext {
	/** The keys whose numbers the user last saw (a list, a question), 1 → listedTaskKeys[0]. */
	listedTaskKeys?: string[];
	/** The task last created, completed or singled out: what "essa" / "feito" mean. */
	lastTaskKey?: string | null;
	/** The last completion, for "desfazer"; null once undone. */
	lastCompleted?: CompletedTask[] | null;
}

/** The next context after a list was shown. */
export function contextAfterList(context: TaskContext, listing: TaskListing): TaskContext {
	return { ...context, listedTaskKeys: shownKeys(listing) };
}

/** The next context after a task was created: "essa" / "feito" now mean it. */
export function contextAfterCreate(context: TaskContext, key: string): TaskContext {
	return { ...context, lastTaskKey: key };
}

/** One choice in a "which one?" question. */
export interface CandidateTask {
	number: number;
	key: string;
	title: string;
	due: string | null;
}

/** What a completion turn does. Every decision carries the context to store and the reply to compose. */
export type CompletionDecision =
	/** Complete these tasks (AirtableCrm task.complete by key, one item per key). Reply: tasks.completed. */
	| { action: 'complete'; tasks: TaskRow[]; context: TaskContext; reply: { key: 'tasks.completed'; params: { titles: string[] } } }
	/** Ask which one, with buttons (the hub records `question` as its pending question). Nothing is written. */
	| { action: 'ask'; candidates: CandidateTask[]; question: { id: string; kind: 'tasks.complete_which'; keys: string[] }; context: TaskContext; reply: { key: 'tasks.complete_which'; params: { questionId: string; candidates: CandidateTask[]; timeZone: string; now: number } } }
	/** Nothing matched: say so and show the open list. Nothing is written. */
	| { action: 'not_found'; context: TaskContext; reply: { key: 'tasks.complete_not_found'; params: { query: string | null; number: number | null; listing: TaskListing; timeZone: string; now: number } } }
	/** The task named is already done (a second tap, an old number). Nothing is written. */
	| { action: 'already_done'; tasks: TaskRow[]; context: TaskContext; reply: { key: 'tasks.already_done'; params: { titles: string[] } } };

/** Inputs of a completion decision. */
export interface CompletionInput {
	/** The message as the user wrote it. */
	text: string;
	/** The user's tasks (open ones at least; done ones let a repeat say "already done"), e.g. taskRows(list items). */
	tasks: readonly TaskRow[];
	context?: TaskContext;
	/** An id for a question this turn may ask (unique per turn, no ':'), e.g. the inbound Message SID. */
	questionId: string;
	/** The turn's instant (ms), for the list shown when nothing matches. */
	now: number;
	timeZone: string;
}

/** Titles within this score of the best are equally plausible: asked about, never picked. */
const AMBIGUITY_MARGIN = 0.3;
/** A title must match at least half the typed words to be a candidate. */
const MIN_TITLE_SCORE = 0.5;

function completeDecision(done: TaskRow[], context: TaskContext): CompletionDecision {
	const open = done.filter(isOpen);
	if (open.length === 0) {
		return { action: 'already_done', tasks: done, context: { ...context, lastTaskKey: done[0]?.key ?? context.lastTaskKey ?? null }, reply: { key: 'tasks.already_done', params: { titles: done.map((t) => t.title) } } };
	}
	const completed = open.map((t) => ({ key: t.key, title: t.title, previousStatus: t.status === 'doing' ? 'doing' : 'todo' }));
	const next: TaskContext = { ...context, lastTaskKey: open[0].key, lastCompleted: completed };
	return { action: 'complete', tasks: open, context: next, reply: { key: 'tasks.completed', params: { titles: open.map((t) => t.title) } } };
}

function notFound(input: CompletionInput, context: TaskContext, query: string | null, number: number | null): CompletionDecision {
	const listing = listTasks(input.tasks, 'open', input.now, input.timeZone);
	return { action: 'not_found', context: contextAfterList(context, listing), reply: { key: 'tasks.complete_not_found', params: { query, number, listing, timeZone: input.timeZone, now: input.now } } };
}

function ask(input: CompletionInput, context: TaskContext, candidates: TaskRow[]): CompletionDecision {
	const listed: CandidateTask[] = candidates.slice(0, MAX_LISTED_TASKS).map((t, i) => ({ number: i + 1, key: t.key, title: t.title, due: t.due }));
	const keys = listed.map((c) => c.key);
	return {
		action: 'ask',
		candidates: listed,
		question: { id: input.questionId, kind: 'tasks.complete_which', keys },
		context: { ...context, listedTaskKeys: keys },
		reply: { key: 'tasks.complete_which', params: { questionId: input.questionId, candidates: listed, timeZone: input.timeZone, now: input.now } },
	};
}

/** The tasks the numbers stand for: the list in the context, else the open list as it is now. */
function byNumbers(input: CompletionInput, context: TaskContext, numbers: number[]): CompletionDecision {
	const keys = context.listedTaskKeys && context.listedTaskKeys.length > 0 ? context.listedTaskKeys : openTasksInOrder(input.tasks).map((t) => t.key);
	const picked: TaskRow[] = [];
	for (const n of numbers) {
		const key = n === -1 ? keys[keys.length - 1] : keys[n - 1];
		const task = key === undefined ? undefined : input.tasks.find((t) => t.key === key);
		if (!task) return notFound(input, context, null, n === -1 ? keys.length : n);
		if (!picked.includes(task)) picked.push(task);
	}
	return completeDecision(picked, context);
}

function byTitle(input: CompletionInput, context: TaskContext, query: string): CompletionDecision {
	const open = openTasksInOrder(input.tasks);
	const scored = open.map((task) => ({ task, ...matchTitle(query, task.title) })).filter((s) => s.score >= MIN_TITLE_SCORE);
	if (scored.length === 0) return notFound(input, context, query, null);
	const exact = scored.filter((s) => s.exact);
	if (exact.length === 1) return completeDecision([exact[0].task], context);
	const best = Math.max(...scored.map((s) => s.score));
	// Stable sort: equal scores keep list order.
	const plausible = scored.filter((s) => s.score >= best - AMBIGUITY_MARGIN + 1e-9).sort((a, b) => b.score - a.score);
	if (plausible.length === 1) return completeDecision([plausible[0].task], context);
	return ask(input, context, plausible.map((s) => s.task));
}

/**
 * Decides what a completion message completes. Never guesses: when two or more tasks fit about as well it
 * asks (buttons `<questionId>:<taskKey>`), when none fits it says so with the open list.
 *
 * - By number: "concluí a 2", "feito 3", "a segunda", "1 e 3", "a última": the numbers of the list last shown
 *   (context.listedTaskKeys), else of the open list now (openTasksInOrder). A number past the list: not_found.
 * - By title: "terminei o relatório" fits "Enviar relatório mensal" (accents, verb endings, typos tolerated,
 *   task-match.ts). One exact title, or one clearly best match, completes; several close ones ask.
 * - Last mentioned: "feito", "essa", "pronto", "✅": context.lastTaskKey (already_done when it is done); without
 *   one, asks among the open tasks rather than guessing.
 * - A task already done (a number that still points at it): already_done, nothing written.
 * - No open tasks at all: not_found with an empty list.
 *
 * @throws RangeError when the time zone is unknown
 */
export function decideCompletion(input: CompletionInput): CompletionDecision {
	assertTimeZone(input.timeZone);
	const context = input.context ?? {};
	const reference: TaskReference = taskReference(input.text);
	switch (reference.kind) {
		case 'numbers':
			return byNumbers(input, context, reference.numbers);
		case 'title':
			return byTitle(input, context, reference.query);
		case 'last': {
			const last = context.lastTaskKey ? input.tasks.find((t) => t.key === context.lastTaskKey) : undefined;
			// The one just completed, said again ("feito" twice): already done, not a new guess.
			if (last) return completeDecision([last], context);
			const open = openTasksInOrder(input.tasks);
			if (open.length === 0) return notFound(input, context, null, null);
			return ask(input, context, open);
		}
	}
}

/** Splits a quick-reply id `<questionId>:<taskKey>` (at the first ':'); undefined for any other payload. */
export function parseTaskChoice(payload: unknown): { questionId: string; key: string } | undefined {
	if (typeof payload !== 'string') return undefined;
	const at = payload.indexOf(':');
	if (at <= 0 || at === payload.length - 1) return undefined;
	return { questionId: payload.slice(0, at), key: payload.slice(at + 1) };
}

/** The quick replies of a "which one?" question: the first 3 candidates, titles cut to WhatsApp's 20 characters. */
export function choiceButtons(questionId: string, candidates: readonly CandidateTask[]): QuickReply[] {
	return candidates.slice(0, WHATSAPP_MAX_QUICK_REPLIES).map((c) => ({
		id: `${questionId}:${c.key}`,
		title: truncateGraphemes(`${c.number}. ${c.title}`, WHATSAPP_QUICK_REPLY_TITLE_LIMIT),
	}));
}

/**
 * Resolves a tapped "which one?" button. The payload names the task itself, so a late tap (another question
 * asked since) or a second tap still acts on the task it showed: completed once, then already_done. A key
 * that is not one of this user's tasks (forged or foreign) is not_found and writes nothing.
 * @returns undefined when the payload is not a task choice (another slice's button)
 * @throws RangeError when the time zone is unknown
 */
export function decideChoice(payload: unknown, input: Omit<CompletionInput, 'text'>): CompletionDecision | undefined {
	const choice = parseTaskChoice(payload);
	if (!choice) return undefined;
	assertTimeZone(input.timeZone);
	const context = input.context ?? {};
	const task = input.tasks.find((t) => t.key === choice.key);
	if (!task) return notFound({ ...input, text: '' }, context, null, null);
	return completeDecision([task], context);
}

/** What "desfazer" does. */
export type UndoDecision =
	/** Reopen these tasks (AirtableCrm task.reopen by key, with the status each had). Reply: tasks.reopened. */
	| { action: 'reopen'; tasks: CompletedTask[]; context: TaskContext; reply: { key: 'tasks.reopened'; params: { titles: string[] } } }
	/** Nothing to undo (no completion in the context, or it was undone already). Reply: tasks.nothing_to_undo. */
	| { action: 'nothing'; context: TaskContext; reply: { key: 'tasks.nothing_to_undo'; params: Record<string, never> } };

/**
 * Undoes the last completion kept in the context (once: the context forgets it). Tasks the user reopened or
 * deleted meanwhile are skipped (only tasks still done in `tasks` are reopened, when `tasks` has them).
 */
export function decideUndo(context: TaskContext | undefined, tasks: readonly TaskRow[] = []): UndoDecision {
	const ctx = context ?? {};
	const reopen = (ctx.lastCompleted ?? []).filter((c) => {
		const task = tasks.find((t) => t.key === c.key);
		return task === undefined || !isOpen(task);
	});
	const next: TaskContext = { ...ctx, lastCompleted: null };
	if (reopen.length === 0) return { action: 'nothing', context: next, reply: { key: 'tasks.nothing_to_undo', params: {} } };
	return { action: 'reopen', tasks: reopen, context: { ...next, lastTaskKey: reopen[0].key }, reply: { key: 'tasks.reopened', params: { titles: reopen.map((t) => t.title) } } };
}

/**
 * Whether a message that the classifier did not call task.complete is still a follow-up on the tasks in
 * context: "a segunda", "essa", "2" right after a list or a question, or "desfazer" after a completion.
 * The hub's Decide routes such a message to task.complete (or undo) instead of smalltalk/unknown.
 */
export function isTaskFollowUp(text: unknown, context: TaskContext | undefined): 'complete' | 'undo' | undefined {
	const ctx = context ?? {};
	if (isUndoMessage(text) && (ctx.lastCompleted?.length ?? 0) > 0) return 'undo';
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const reference = taskReference(text);
	if (reference.kind === 'numbers' && (ctx.listedTaskKeys?.length ?? 0) > 0) return 'complete';
	// Only pointers and bare confirmations, not any short text: "ok" alone after a list is not a completion.
	if (reference.kind === 'last' && ctx.lastTaskKey && /^(?:essa|esta|isso|feito|feita|pronto|pronta|conclui|concluido|concluida|terminei|done|finished|this one|that one)\W*$/.test(fold(text.trim()).replace(/[✅✔☑]/gu, 'feito'))) return 'complete';
	return undefined;
}
