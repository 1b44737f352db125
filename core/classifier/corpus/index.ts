/**
 * The versioned training corpus (data files: intents/<intent>.json and home-assistant.json; README.md is the
 * labelling guide) and its one train/held-out split, shared by the engine, the tests and the
 * benchmark so every number is measured on the same messages.
 *
 * - Messages the classifier cannot tell apart (same normalised tokens) count once; the first wins.
 * - The split is per intent: the project's own examples are ordered by a hash of their normalised text and
 *   the first HELD_OUT_FRACTION of each intent is held out. Adding an example never needs a random seed.
 * - Home Assistant sentences are training material only, so the held-out set is all realistic chat,
 *   and a sentence that duplicates one of ours is dropped, so nothing held out leaks into training.
 */
import { INTENTS, isIntent, type Intent } from '../../intents/taxonomy';
import { normalizedKey } from '../normalize';
import homeAssistant from './home-assistant.json';
import calendarCancel from './intents/calendar.cancel.json';
import calendarCreate from './intents/calendar.create.json';
import calendarQuery from './intents/calendar.query.json';
import calendarUpdate from './intents/calendar.update.json';
import digestRequest from './intents/digest.request.json';
import emailSummary from './intents/email.summary.json';
import greeting from './intents/greeting.json';
import help from './intents/help.json';
import humanHandoff from './intents/human.handoff.json';
import optOut from './intents/opt_out.json';
import reminderCreate from './intents/reminder.create.json';
import smalltalk from './intents/smalltalk.json';
import taskComplete from './intents/task.complete.json';
import taskCreate from './intents/task.create.json';
import taskList from './intents/task.list.json';
import unknown from './intents/unknown.json';
import type { HomeAssistantFile, IntentFile, LabelledExample } from './types';

export type { HomeAssistantFile, HomeAssistantRow, IntentFile, LabelledExample } from './types';

/**
 * One data file per intent, imported statically (no fs): the compiler checks that every intent of the
 * taxonomy has its file, and the build ships the JSON beside the compiled code.
 */
export const INTENT_FILES: Readonly<Record<Intent, IntentFile>> = {
	greeting,
	help,
	smalltalk,
	'task.create': taskCreate,
	'task.list': taskList,
	'task.complete': taskComplete,
	'reminder.create': reminderCreate,
	'calendar.create': calendarCreate,
	'calendar.query': calendarQuery,
	'calendar.cancel': calendarCancel,
	'email.summary': emailSummary,
	'digest.request': digestRequest,
	'human.handoff': humanHandoff,
	opt_out: optOut,
	unknown,
	'calendar.update': calendarUpdate,
};

/** The Home Assistant sentences (CC-BY-4.0) with our labels; see ATTRIBUTION.md. */
export const HOME_ASSISTANT: HomeAssistantFile = homeAssistant;

export const HELD_OUT_FRACTION = 0.2;

export const OWN_SOURCE = 'beststag';
export const HOME_ASSISTANT_SOURCE_PREFIX = 'home-assistant:';

/** Every example the project wrote, intent by intent in taxonomy order, before de-duplication. */
export function rawOwnExamples(): LabelledExample[] {
	const out: LabelledExample[] = [];
	for (const intent of INTENTS) {
		const file = INTENT_FILES[intent];
		for (const text of file.pt) out.push({ text, intent, lang: 'pt', source: OWN_SOURCE });
		for (const text of file.en) out.push({ text, intent, lang: 'en', source: OWN_SOURCE });
	}
	return out;
}

/**
 * The Home Assistant rows as examples, each with its source file. Throws RangeError on a row whose label is
 * not in the taxonomy (a data-file bug the unit tests catch first), so a bad label can never train the model.
 */
export function rawHomeAssistantExamples(): LabelledExample[] {
	return HOME_ASSISTANT.rows.map(({ text, intent, source }) => {
		if (!isIntent(intent)) throw new RangeError(`home-assistant.json labels "${text}" with "${intent}", which is not in the taxonomy (core/intents/taxonomy.ts).`);
		return { text, intent, lang: 'pt', source: `${HOME_ASSISTANT_SOURCE_PREFIX}${source}` };
	});
}

/** Normalised texts that carry two different labels: a corpus bug, reported by the tests. */
export function findLabelConflicts(examples: readonly LabelledExample[]): string[] {
	const seen = new Map<string, Intent>();
	const conflicts: string[] = [];
	for (const { text, intent } of examples) {
		const key = normalizedKey(text);
		const before = seen.get(key);
		if (before !== undefined && before !== intent) conflicts.push(`"${text}" is ${intent} but also ${before}`);
		else seen.set(key, intent);
	}
	return conflicts;
}

function dedupe(examples: readonly LabelledExample[], taken: Set<string>, keyOf: (text: string) => string): LabelledExample[] {
	return examples.filter(({ text }) => {
		const key = keyOf(text);
		if (taken.has(key)) return false;
		taken.add(key);
		return true;
	});
}

/** FNV-1a over UTF-16 code units: a fixed, dependency-free hash, so the split is the same everywhere. */
export function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

export interface CorpusSplit {
	train: LabelledExample[];
	heldOut: LabelledExample[];
}

let cached: CorpusSplit | undefined;

export function splitCorpus(): CorpusSplit {
	if (cached) return cached;
	const keys = new Map<string, string>();
	const keyOf = (text: string) => {
		let key = keys.get(text);
		if (key === undefined) keys.set(text, (key = normalizedKey(text)));
		return key;
	};
	const taken = new Set<string>();
	const own = dedupe(rawOwnExamples(), taken, keyOf);
	const homeAssistant = dedupe(rawHomeAssistantExamples(), taken, keyOf);
	const train: LabelledExample[] = [];
	const heldOut: LabelledExample[] = [];
	for (const intent of INTENTS) {
		const ranked = own
			.filter((e) => e.intent === intent)
			.map((e) => ({ e, hash: fnv1a(keyOf(e.text)) }))
			.sort((a, b) => a.hash - b.hash);
		const cut = Math.round(ranked.length * HELD_OUT_FRACTION);
		ranked.forEach(({ e }, i) => (i < cut ? heldOut : train).push(e));
	}
	train.push(...homeAssistant);
	cached = { train, heldOut };
	return cached;
}
