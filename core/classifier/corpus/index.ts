/**
 * The versioned training corpus and its one train/held-out split, shared by the engine, the tests and the
 * benchmark so every number is measured on the same messages.
 *
 * - Messages the classifier cannot tell apart (same normalised tokens) count once; the first wins.
 * - The split is per intent: the project's own examples are ordered by a hash of their normalised text and
 *   the first HELD_OUT_FRACTION of each intent is held out. Adding an example never needs a random seed.
 * - Home Assistant sentences are training material only, so the held-out set is all realistic chat,
 *   and a sentence that duplicates one of ours is dropped, so nothing held out leaks into training.
 */
import { INTENTS, type Intent } from '../../intents/taxonomy';
import { normalizedKey } from '../normalize';
import { CALENDAR } from './calendar';
import { CONVERSATION } from './conversation';
import { EMAIL_DIGEST } from './email-digest';
import { HOME_ASSISTANT_ROWS } from './home-assistant';
import { TASKS } from './tasks';
import type { CorpusSection, LabelledExample } from './types';
import { UNKNOWN } from './unknown';

export type { LabelledExample } from './types';

export const HELD_OUT_FRACTION = 0.2;

const OWN_SECTIONS: readonly CorpusSection[] = [CONVERSATION, TASKS, CALENDAR, EMAIL_DIGEST, UNKNOWN];

export const OWN_SOURCE = 'beststag';
export const HOME_ASSISTANT_SOURCE_PREFIX = 'home-assistant:tests/pt-br/';

/** Every example the project wrote, in file order, before de-duplication. */
export function rawOwnExamples(): LabelledExample[] {
	const out: LabelledExample[] = [];
	for (const section of OWN_SECTIONS) {
		for (const intent of INTENTS) {
			const examples = section[intent];
			if (!examples) continue;
			for (const text of examples.pt) out.push({ text, intent, lang: 'pt', source: OWN_SOURCE });
			for (const text of examples.en) out.push({ text, intent, lang: 'en', source: OWN_SOURCE });
		}
	}
	return out;
}

export function rawHomeAssistantExamples(): LabelledExample[] {
	return HOME_ASSISTANT_ROWS.map(([text, intent, file]) => ({
		text,
		intent,
		lang: 'pt',
		source: `${HOME_ASSISTANT_SOURCE_PREFIX}${file}.yaml`,
	}));
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
