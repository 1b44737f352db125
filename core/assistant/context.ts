import type { QuickReply } from './catalogue/types';
import type { Locale } from './locale';
import type { CompletedTask } from './tasks';

/**
 * What the assistant remembers about a conversation between turns (kept in Redis with a TTL by
 * the Assistant node): enough to resolve "e amanhã?", "essa", "a 2", "muda pra 10h" and the
 * answer to a question it asked. Plain JSON, so it survives any store.
 */
export interface ConversationContext {
	/** The intent and action of the last answered turn, e.g. "task.list" / "task.list". */
	lastIntent: string | null;
	lastAction: string | null;
	/** The entities of the last turn (ISO datetime, title), for follow-ups. */
	lastEntities: { datetime: string | null; title: string | null } | null;
	/** Stable keys of the tasks the last list showed, in the numbers shown (index 0 is "1."). */
	listedTaskKeys: string[];
	/** The task the conversation last named (created, completed, picked). */
	lastTaskKey: string | null;
	/** The reminder the conversation last created, so "muda pra 10h" moves it. */
	lastReminder: { key: string; text: string; dueAt: string } | null;
	/** The question the assistant is waiting on, if any. */
	pending: PendingQuestion | null;
	/** The last completion, for "desfazer" (tasks.ts); null once undone. */
	lastCompleted: CompletedTask[] | null;
	/** The user's last few texts, oldest first: a hand-off's summary. */
	recentTexts: string[];
	/** The reply language of the conversation: kept here too, so it holds before consent lets it be stored on the user. */
	locale: Locale | null;
	/** ISO time of the last change. */
	updatedAt: string | null;
}

/** A question the assistant asked: its id (button ids are `<id>:<choice>`), what it is about, its buttons. */
export interface PendingQuestion {
	id: string;
	/** What answers it does, e.g. "reminder.time" or the catalogue key that asked it. */
	kind: string;
	options: QuickReply[];
	/** What was understood so far (e.g. the reminder's text while asking when). */
	params: Record<string, unknown>;
	askedAt: string;
}

/** A change to the context: each field given replaces the old one (null clears it). */
export type ContextPatch = Partial<Omit<ConversationContext, 'updatedAt'>>;

/** How many of the user's last texts the context keeps. */
export const RECENT_TEXTS = 5;

/** How long a conversation's context is kept after its last turn, by default (1 hour). */
export const DEFAULT_CONTEXT_TTL_SECONDS = 60 * 60;

/** The context of a conversation with no history. */
export function emptyContext(): ConversationContext {
	return { lastIntent: null, lastAction: null, lastEntities: null, listedTaskKeys: [], lastTaskKey: null, lastReminder: null, pending: null, lastCompleted: null, recentTexts: [], locale: null, updatedAt: null };
}

/**
 * A stored context read back: anything missing or of the wrong shape falls back to empty, so a
 * context written by an older version (or garbage) never breaks a turn.
 */
export function parseContext(raw: unknown): ConversationContext {
	const base = emptyContext();
	if (!raw || typeof raw !== 'object') return base;
	const value = raw as Record<string, unknown>;
	const text = (v: unknown) => (typeof v === 'string' ? v : null);
	const pending = value.pending as PendingQuestion | null | undefined;
	const reminder = value.lastReminder as ConversationContext['lastReminder'] | undefined;
	const entities = value.lastEntities as ConversationContext['lastEntities'] | undefined;
	return {
		lastIntent: text(value.lastIntent),
		lastAction: text(value.lastAction),
		lastEntities: entities && typeof entities === 'object' ? { datetime: text(entities.datetime), title: text(entities.title) } : null,
		listedTaskKeys: Array.isArray(value.listedTaskKeys) ? value.listedTaskKeys.filter((k): k is string => typeof k === 'string') : [],
		lastTaskKey: text(value.lastTaskKey),
		lastReminder: reminder && typeof reminder === 'object' && typeof reminder.key === 'string' && typeof reminder.dueAt === 'string' ? { key: reminder.key, text: String(reminder.text ?? ''), dueAt: reminder.dueAt } : null,
		pending: pending && typeof pending === 'object' && typeof pending.id === 'string' && typeof pending.kind === 'string' ? { id: pending.id, kind: pending.kind, options: Array.isArray(pending.options) ? pending.options : [], params: pending.params && typeof pending.params === 'object' ? pending.params : {}, askedAt: String(pending.askedAt ?? '') } : null,
		lastCompleted: Array.isArray(value.lastCompleted) ? (value.lastCompleted as CompletedTask[]).filter((c) => c && typeof c.key === 'string') : null,
		recentTexts: Array.isArray(value.recentTexts) ? value.recentTexts.filter((t): t is string => typeof t === 'string').slice(-RECENT_TEXTS) : [],
		locale: value.locale === 'en' || value.locale === 'pt-BR' ? value.locale : null,
		updatedAt: text(value.updatedAt),
	};
}

/** The context after a turn: the patch's fields replace the old ones; `now` stamps it. */
export function applyContextPatch(context: ConversationContext, patch: ContextPatch, now: Date): ConversationContext {
	const next: ConversationContext = { ...context, updatedAt: now.toISOString() };
	for (const [field, value] of Object.entries(patch)) if (value !== undefined) (next as unknown as Record<string, unknown>)[field] = value;
	return parseContext(next);
}
