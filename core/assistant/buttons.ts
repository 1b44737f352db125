/**
 * Quick-reply ids: `<questionId>:<choice>`. Twilio hands the tapped button's id back as the
 * ButtonPayload, so the id alone says which question it answers and how, even when the tap comes
 * late (the context moved on) or twice. A question id is its kind (`menu`, `consent`,
 * `task.pick`...) and, for a question asked once, `#` and a nonce: `task.pick#k3f9a1:tk_SM12`.
 * Ids stay under 200 characters, the Content API's limit for an action id
 * (https://www.twilio.com/docs/content/twilio-quick-reply).
 */
export interface ButtonAnswer {
	/** The whole question id, e.g. "task.pick#k3f9a1" or "menu". */
	questionId: string;
	/** The question's kind, e.g. "task.pick". */
	kind: string;
	/** Whether the question was asked once (a nonce): a second tap on it is a duplicate. */
	once: boolean;
	choice: string;
}

export const MAX_BUTTON_ID_LENGTH = 200;

/** A button id for a choice of a question. @throws RangeError when it would exceed 200 characters or the parts are empty. */
export function buttonId(questionId: string, choice: string): string {
	const id = `${questionId}:${choice}`;
	if (!questionId || !choice || id.length > MAX_BUTTON_ID_LENGTH) throw new RangeError(`A quick-reply id needs a question id and a choice, at most ${MAX_BUTTON_ID_LENGTH} characters; got "${id.slice(0, 60)}".`);
	return id;
}

/** A one-time question id of a kind: `<kind>#<nonce>`; the nonce is any short stable text (e.g. from the turn's MessageSid). */
export function onceQuestionId(kind: string, nonce: string): string {
	return `${kind}#${nonce}`;
}

/** The answer a ButtonPayload carries, or null when it is not one of ours (no `:`, empty parts). */
export function parseButtonId(payload: unknown): ButtonAnswer | null {
	if (typeof payload !== 'string') return null;
	const cut = payload.indexOf(':');
	if (cut <= 0 || cut === payload.length - 1) return null;
	const questionId = payload.slice(0, cut);
	const choice = payload.slice(cut + 1);
	const hash = questionId.indexOf('#');
	const kind = hash === -1 ? questionId : questionId.slice(0, hash);
	if (!kind) return null;
	return { questionId, kind, once: hash !== -1, choice };
}
