import { extractDateTime } from '../datetime';
import { wallClockAt, civilToInstant, formatInstant } from '../datetime/timezone';
import type { Intent } from '../intents/taxonomy';
import { onceQuestionId, type ButtonAnswer } from './buttons';
import type { ContextPatch } from './context';
import { planInboundMedia, voiceReplyKey, type VoiceNoteReason } from './media';
import { decidePrivacy, type PrivacyDecision } from './privacy';
import { decideChoice, decideCompletion, decideUndo, isTaskFollowUp, isUndoMessage, listTasks, shownKeys, taskListRequest, taskNumber, type TaskContext, type TaskListView } from './tasks';
import { RECENT_TEXTS } from './context';
import type { Turn } from './turn';

/**
 * Turn → Decide: what the assistant does with a turn, from the classifier's result and what
 * Remember knew. One action per turn; each is one output of the Decide node, so the workflow
 * shows every branch. Order of the rules (first match wins):
 *
 * 1. Privacy (core/assistant/privacy.ts): LGPD requests, the consent gate (before the user
 *    accepts, only the consent flow runs), opt-out, "voltar".
 * 2. A hand-off is open: the bot is paused, the turn is only logged.
 * 3. A tapped quick reply: resolved from its id (`<questionId>:<choice>`, see buttons.ts) alone,
 *    so a late tap still does what it offered; a second tap on a one-time question does nothing.
 * 4. The answer to a pending question ("amanhã às 9" after "quando devo te lembrar?").
 * 5. Follow-ups from the context: "e amanhã?" repeats the last list/agenda question for that
 *    day; "muda pra 10h" moves the reminder just created.
 * 6. The intent.
 */
export const ACTIONS = [
	'consent',
	'greeting',
	'smalltalk',
	'help',
	'task.create',
	'task.list',
	'task.complete',
	'task.undo',
	'reminder.create',
	'reminder.button',
	'human.handoff',
	'opt_out',
	'opt_in',
	'privacy.erase',
	'privacy.export',
	'privacy.answer',
	'coming_soon',
	'media',
	'silent',
	'unknown',
] as const;

export type Action = (typeof ACTIONS)[number];

/** The classifier's result, as the Intent Classifier node outputs it. */
export interface Classified {
	intent: Intent;
	confidence: number;
	entities: { datetime: string | null; title: string | null };
	engine?: string;
}

export interface Decision {
	action: Action;
	/** What the action's branch needs (see each rule), e.g. `{ title, due, taskKey }` for task.create. */
	params: Record<string, unknown>;
	/** Which rule decided: consent, paused, button, duplicate, pending, follow-up, intent. */
	reason: string;
	/** What the next turn should remember; Compose Reply saves it. */
	context: ContextPatch;
	/** Whether the turn may be stored (Messages row, user update): not before consent. */
	log: boolean;
}

export interface DecideOptions {
	now: Date;
	/** Before consent only the consent flow runs, and privacy requests are acted on (default true). */
	requireConsent?: boolean;
	/** The voice note's transcription failed, and why (the Transcribe Voice Note node's reason). */
	voiceFailure?: VoiceNoteReason;
}

/** Decide's output for each privacy action. */
const PRIVACY_OUTPUTS: Record<Exclude<PrivacyDecision['action'], 'pass'>, Action> = {
	consent: 'consent',
	opt_out: 'opt_out',
	opt_in: 'opt_in',
	erase: 'privacy.erase',
	export: 'privacy.export',
	erase_ask: 'privacy.answer',
	erase_cancel: 'privacy.answer',
};

/** A reminder time this far in the past is "past" (a minute of slack, as the CRM's check). */
const PAST_SLACK_MS = 60_000;
const FOLLOW_UP_ACTIONS = new Set<string>(['task.list', 'coming_soon']);
const COMING_SOON: Partial<Record<Intent, 'calendar' | 'email' | 'digest'>> = {
	'calendar.create': 'calendar',
	'calendar.query': 'calendar',
	'calendar.cancel': 'calendar',
	'calendar.update': 'calendar',
	'email.summary': 'email',
	'digest.request': 'digest',
};
const FOLLOW_UP = /^\s*(e|and|what about|e pra|e para|e no|e na|e o|e a)\b/i;
/** "tudo bem?" inside a greeting: the answer says how it is going too. */
const HOW_ARE_YOU = /\b(tudo (bem|bom|certo|tranquilo|joia)|como (vai|voc[eê] est[aá]|est[aá]s?)|beleza|how are you|how's it going)\b/i;
const MOVE = /\b(muda|mude|mudar|troca|troque|trocar|passa|passe|adia|adie|move|change|reschedule|make it)\b/i;

/** Quick replies whose meaning needs no stored question: their kind says what to do. */
const TAPS: Record<string, (answer: ButtonAnswer) => { action: Action; params: Record<string, unknown> } | null> = {
	menu: ({ choice }) => {
		if (choice === 'tasks') return { action: 'task.list', params: {} };
		if (choice === 'reminder') return { action: 'reminder.create', params: { text: null, dueAt: null, problem: 'missing' } };
		if (choice === 'human') return { action: 'human.handoff', params: {} };
		return null;
	},
};

function wordCount(text: string): number {
	return text.trim().split(/\s+/).filter(Boolean).length;
}

/** The reminder's text and instant from a message, or why there is no instant: missing or past. */
function reminderParams(text: string | null, dueAt: string | null, now: Date): { text: string | null; dueAt: string | null; problem: 'missing' | 'past' | null } {
	if (!dueAt) return { text, dueAt: null, problem: 'missing' };
	if (Date.parse(dueAt) < now.getTime() - PAST_SLACK_MS) return { text, dueAt: null, problem: 'past' };
	return { text, dueAt, problem: null };
}

/**
 * A new time for an existing reminder: a message that names only a time keeps the reminder's day
 * ("muda pra 10h" moves 09:00 tomorrow to 10:00 tomorrow); one that names a day reads as usual.
 */
export function movedInstant(text: string, previousDueAt: string, timeZone: string, now: Date): string | null {
	const plain = extractDateTime(text, { now, timeZone });
	if (!plain.datetime) return null;
	const day = wallClockAt(Date.parse(previousDueAt), timeZone);
	const startOfDay = new Date(civilToInstant(day, 0, 0, timeZone));
	const sameDay = extractDateTime(text, { now: startOfDay, timeZone });
	if (sameDay.datetime) {
		const moved = wallClockAt(Date.parse(sameDay.datetime), timeZone);
		if (moved.year === day.year && moved.month === day.month && moved.day === day.day && Date.parse(sameDay.datetime) > now.getTime()) {
			return formatInstant(Date.parse(sameDay.datetime), timeZone);
		}
	}
	return plain.datetime;
}

/** The task part of the conversation context. */
function taskContext(turn: Turn): TaskContext {
	return { listedTaskKeys: turn.context.listedTaskKeys, lastTaskKey: turn.context.lastTaskKey, lastCompleted: turn.context.lastCompleted };
}

/** task.list: the listing (tasks.ts) and the keys its numbers now mean. */
function listDecision(turn: Turn, view: TaskListView, day: string | undefined, now: Date, reason: string, base: ContextPatch): Decision {
	const listing = listTasks(turn.tasks, view, now.getTime(), turn.timeZone, undefined, day);
	return decision('task.list', { listing }, reason, { ...base, lastIntent: 'task.list', lastAction: 'task.list', pending: null, listedTaskKeys: shownKeys(listing) });
}

/** task.complete from text: by number, title or "essa" (tasks.ts), asking when unsure. */
function completionDecision(turn: Turn, text: string, now: Date, reason: string, base: ContextPatch): Decision {
	const completion = decideCompletion({ text, tasks: turn.tasks, context: taskContext(turn), questionId: onceQuestionId('task.pick', turn.messageSid.slice(-8)), now: now.getTime(), timeZone: turn.timeZone });
	return decision('task.complete', { completion }, reason, { ...base, ...completion.context, lastAction: 'task.complete', pending: null });
}

function undoDecision(turn: Turn, reason: string, base: ContextPatch): Decision {
	const undo = decideUndo(taskContext(turn), turn.tasks);
	return decision('task.undo', { undo }, reason, { ...base, ...undo.context, lastAction: 'task.undo', pending: null });
}

function decision(action: Action, params: Record<string, unknown>, reason: string, context: ContextPatch = {}): Decision {
	return { action, params, reason, context, log: true };
}

/** What a message with a tap does; null lets the tapped title be read as text. */
function fromTap(turn: Turn, now: Date): Decision | null {
	const answer = turn.button?.answer;
	if (!answer) return null;
	if (answer.once && !turn.button!.firstTap) return decision('silent', { reason: 'duplicate' }, 'duplicate');
	// A reminder's Feito / Adiar 1h / Amanhã: the reminder node resolves it (late or twice too).
	if (answer.kind === 'reminder') return decision('reminder.button', { payload: turn.button!.payload }, 'button', { lastAction: 'reminder.button', pending: null });
	if (answer.kind === 'task.pick') {
		const completion = decideChoice(turn.button!.payload, { tasks: turn.tasks, context: taskContext(turn), questionId: answer.questionId, now: now.getTime(), timeZone: turn.timeZone });
		if (completion) return decision('task.complete', { completion }, 'button', { ...completion.context, lastAction: 'task.complete', pending: null });
	}
	const mapped = TAPS[answer.kind]?.(answer);
	if (!mapped) return null;
	// A list needs its listing (and the keys behind its numbers), as when the list is asked for in words.
	if (mapped.action === 'task.list') return listDecision(turn, 'open', undefined, now, 'button', {});
	return decision(mapped.action, mapped.params, 'button', { lastAction: mapped.action, pending: null });
}

/** The action for a classified turn (see the rules above). Pure; never throws for any turn. */
export function decide(turn: Turn, classified: Classified, options: DecideOptions): Decision {
	const now = options.now;
	const text = turn.text ?? '';
	const intent = classified.intent;
	const entities = classified.entities ?? { datetime: null, title: null };
	const base: ContextPatch = { lastIntent: intent, lastEntities: entities, recentTexts: [...turn.context.recentTexts, ...turn.texts].slice(-RECENT_TEXTS) };

	if (options.requireConsent ?? true) {
		const privacy = decidePrivacy({ user: turn.userFields, text, buttonPayload: turn.button?.payload, intent, now });
		if (privacy.action !== 'pass') {
			// Nothing of a turn the privacy step says not to store is remembered either.
			return { action: PRIVACY_OUTPUTS[privacy.action], params: { privacy }, reason: 'privacy', context: privacy.storeTurn ? { ...base, pending: null } : { pending: null }, log: privacy.storeTurn };
		}
	}
	if (turn.handoffOpen) return decision('silent', { reason: 'paused' }, 'paused');

	const tap = fromTap(turn, now);
	if (tap) return { ...tap, context: { ...base, ...tap.context } };

	if (options.voiceFailure) {
		return decision('media', { key: voiceReplyKey(options.voiceFailure) ?? 'media.voice.transcription_unavailable', params: {} }, 'media', { ...base, lastAction: 'media', pending: null });
	}
	const { attachments } = planInboundMedia(turn.media);
	if (attachments.length > 0 && text.trim() === '') {
		const type = attachments[0].contentType.toLowerCase();
		const kind = type.startsWith('image/') ? 'image' : type.startsWith('video/') ? 'video' : 'document';
		return decision('media', { key: 'media.attachment.saved', params: { kind, count: attachments.length } }, 'media', { ...base, lastAction: 'media', pending: null });
	}

	const pending = turn.context.pending;
	if (pending?.kind === 'reminder.time') {
		const extracted = extractDateTime(text, { now, timeZone: turn.timeZone });
		if (extracted.datetime) {
			const saved = typeof pending.params.text === 'string' ? pending.params.text : null;
			const params = reminderParams(saved ?? extracted.title, extracted.datetime, now);
			return reminderDecision(turn, params, 'pending', base);
		}
	}

	const context = turn.context;
	if (FOLLOW_UP.test(text) && wordCount(text) <= 4 && context.lastAction && FOLLOW_UP_ACTIONS.has(context.lastAction)) {
		const extracted = extractDateTime(text, { now, timeZone: turn.timeZone });
		if (extracted.datetime) {
			if (context.lastAction === 'task.list') return listDecision(turn, 'day', extracted.datetime, now, 'follow-up', base);
			const feature = COMING_SOON[(context.lastIntent ?? '') as Intent] ?? 'calendar';
			return decision('coming_soon', { feature }, 'follow-up', { ...base, lastIntent: context.lastIntent, lastAction: 'coming_soon', pending: null });
		}
	}
	if (MOVE.test(text) && context.lastReminder && context.lastAction === 'reminder.create') {
		const moved = movedInstant(text, context.lastReminder.dueAt, turn.timeZone, now);
		if (moved) {
			const params = reminderParams(context.lastReminder.text, moved, now);
			return reminderDecision(turn, { ...params, reminderKey: context.lastReminder.key, moved: true }, 'follow-up', base);
		}
	}

	// "a 2" after a list, "essa" after a create, "desfazer" after a completion (tasks.ts).
	const followUp = isTaskFollowUp(text, taskContext(turn));
	if (followUp === 'undo' || (isUndoMessage(text) && (intent === 'unknown' || intent === 'smalltalk'))) return undoDecision(turn, 'follow-up', base);
	if (followUp === 'complete' && intent !== 'task.create' && intent !== 'reminder.create') return completionDecision(turn, text, now, 'follow-up', base);

	const done = (action: Action, params: Record<string, unknown> = {}, extra: ContextPatch = {}) => decision(action, params, 'intent', { ...base, lastAction: action, pending: null, ...extra });
	switch (intent) {
		case 'greeting':
			return done('greeting', { smalltalk: HOW_ARE_YOU.test(turn.texts.join('\n')) });
		case 'smalltalk':
			return turn.greeted ? done('greeting', { smalltalk: true }) : done('smalltalk');
		case 'help':
			return done('help');
		case 'task.create': {
			const taskKey = `tk_${turn.messageSid}`;
			const title = entities.title?.trim() || text.trim();
			const number = taskNumber([...turn.tasks, { key: taskKey, title, status: 'todo', due: entities.datetime }], taskKey) ?? null;
			return done('task.create', { title, due: entities.datetime, taskKey, number }, { lastTaskKey: taskKey });
		}
		case 'task.list': {
			const request = taskListRequest(text, now.getTime(), turn.timeZone);
			return listDecision(turn, request.view, request.day, now, 'intent', base);
		}
		case 'task.complete':
			return completionDecision(turn, text, now, 'intent', base);
		case 'reminder.create':
			return reminderDecision(turn, reminderParams(entities.title, entities.datetime, now), 'intent', base);
		case 'human.handoff':
			return done('human.handoff', { text });
		case 'opt_out':
			return done('opt_out');
		case 'unknown':
			return done('unknown');
		default: {
			const feature = COMING_SOON[intent];
			if (feature) return done('coming_soon', { feature });
			return done('unknown');
		}
	}
}

/**
 * reminder.create: `{ text, dueAt, problem, reminderKey, moved }`. With a problem (no time, a past
 * time) the branch asks again, and the context keeps what was understood as a pending question.
 */
function reminderDecision(turn: Turn, params: { text: string | null; dueAt: string | null; problem: 'missing' | 'past' | null; reminderKey?: string; moved?: boolean }, reason: string, base: ContextPatch): Decision {
	const reminderKey = params.reminderKey ?? `rm_${turn.messageSid}`;
	// Without a title ("me lembra amanhã às 9h") the reminder says what the user wrote.
	const text = params.text?.trim() || (params.problem ? null : turn.text.trim());
	params = { ...params, text };
	const full = { text: params.text, dueAt: params.dueAt, problem: params.problem, reminderKey, moved: params.moved ?? false };
	if (params.problem) {
		const pending = { id: onceQuestionId('reminder.time', turn.messageSid.slice(-8)), kind: 'reminder.time', options: [], params: { text: params.text }, askedAt: turn.receivedAt };
		return decision('reminder.create', full, reason, { ...base, lastAction: 'reminder.create', pending });
	}
	return decision('reminder.create', full, reason, { ...base, lastAction: 'reminder.create', pending: null, lastReminder: { key: reminderKey, text: params.text ?? '', dueAt: params.dueAt! } });
}
