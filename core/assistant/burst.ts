import type { Intent } from '../intents/taxonomy';

/**
 * Bursts: people write "oi" / "tudo bem?" / "me lembra amanhã de pagar o boleto" as three
 * messages within two seconds and expect one answer. The rule, per user:
 *
 * - A message that only opens a conversation (a prelude: a greeting or smalltalk, short, no button,
 *   no media, not the answer to a question the assistant asked) is HELD for a window.
 * - A message that asks for something (anything else) never waits: it takes every held message of
 *   the user at once and answers them all in one reply (a greeting prefix, then its own answer).
 * - A held message whose window ends while it is still the newest held one answers for every held
 *   message ("oi" + "tudo bem?" → one greeting). One that a newer message took, or that a newer
 *   prelude now stands behind, ends without a reply.
 *
 * So only greetings ever wait (by the window, configurable), actionable turns keep the data path's
 * latency, and whatever the order of arrival each message is answered exactly once. Holding is keyed
 * on the prelude's looks alone (no model call, no Airtable), which Redis-backed lists make atomic
 * across n8n processes.
 */

/** Intents that open a conversation rather than ask for something. */
export const PRELUDE_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['greeting', 'smalltalk']);

/** Longer messages are answered at once even when they read as smalltalk. */
export const PRELUDE_MAX_WORDS = 8;

/** How long a prelude waits for the rest of its burst, by default (ms). */
export const DEFAULT_BURST_WINDOW_MS = 2_000;

/** One message as the burst list keeps it. */
export interface HeldMessage {
	messageSid: string;
	text: string;
	/** ISO time the webhook arrived. */
	receivedAt: string;
	/** Whether it greets ("oi", "bom dia"), so the answer can greet back. */
	greeting: boolean;
}

export interface PreludeInput {
	text: string;
	intent: Intent;
	hasButton: boolean;
	hasMedia: boolean;
	/** Whether the assistant is waiting on an answer (then "sim", "2", "ok" are answers, not preludes). */
	questionPending: boolean;
}

/** Whether a message only opens the conversation and may wait for the rest of its burst. */
export function isPrelude(input: PreludeInput): boolean {
	if (input.hasButton || input.hasMedia || input.questionPending) return false;
	if (!PRELUDE_INTENTS.has(input.intent)) return false;
	const words = input.text.trim().split(/\s+/).filter(Boolean).length;
	return words > 0 && words <= PRELUDE_MAX_WORDS;
}

/** What one answer covers: every message of the burst, oldest first, and whether any greeted. */
export interface Burst {
	messageSids: string[];
	texts: string[];
	greeted: boolean;
	/** ISO arrival of the first message of the burst. */
	firstReceivedAt: string;
}

/**
 * The burst a turn answers: the held messages it took (any order; sorted by arrival, duplicates
 * dropped) and its own message last.
 */
export function gatherBurst(held: readonly HeldMessage[], current: HeldMessage): Burst {
	const seen = new Set<string>([current.messageSid]);
	const earlier = [...held]
		.filter((m) => !seen.has(m.messageSid) && seen.add(m.messageSid))
		.sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
	const all = [...earlier, current];
	return {
		messageSids: all.map((m) => m.messageSid),
		texts: all.map((m) => m.text),
		greeted: all.some((m) => m.greeting),
		firstReceivedAt: all[0].receivedAt,
	};
}
