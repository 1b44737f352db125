/**
 * For calendar.update, the part of a message that names the new slot. "remarca a reunião de quinta pra sexta"
 * names two days, and the event moves TO the second: the date is read from what follows the last "pra", "para",
 * "pro", "pras", "to" or "until"/"até" ("move my 3pm meeting to 4pm" → "4pm"). A message without one
 * ("adia a call em 30 min") names only the new slot, so the whole text is used.
 */
const MOVE_TARGET = /(?:^|\s)(?:pra|para|pro|pros|pras|p\/|to|until|at[eé])\s+(?=\S)/giu;

/** The text after the last move preposition, or null when there is none. Never throws. */
export function newSlotText(text: string): string | null {
	let last: number | null = null;
	for (const match of text.matchAll(MOVE_TARGET)) last = (match.index ?? 0) + match[0].length;
	return last === null ? null : text.slice(last);
}
