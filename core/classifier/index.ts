/**
 * Offline intent classification for inbound WhatsApp messages: no key, no network, no dependencies.
 * Hard rules for certain keywords, then a softmax model trained on first use from the versioned corpus's
 * train split (a few hundred milliseconds, cached for the life of the process). Below OFFLINE_THRESHOLD the
 * answer is unknown. See README.md for the corpus, the split, the threshold and the measured accuracy.
 */
import { extractDateTime } from '../datetime';
import type { Intent } from '../intents/taxonomy';
import { splitCorpus } from './corpus';
import { applyThreshold, trainIntentModel, type IntentModel } from './model';
import { OFFLINE_THRESHOLD } from './threshold';
import { newSlotText } from './new-slot';
import { cleanTitle } from './title';

export { OFFLINE_THRESHOLD } from './threshold';
export { evaluate, evaluateAsync, formatEvaluation, type Evaluation, type IntentScore, type Confusion } from './evaluate';

export interface ClassifyOptions {
	/** Reference instant for relative dates ("amanhã às 9h"); defaults to now. */
	now?: Date;
	/** The user's IANA zone; defaults to America/Sao_Paulo. */
	timeZone?: string;
}

export interface Classification {
	intent: Intent;
	/** 0–1: the model's probability for `intent` (1 when a hard rule decided). Below the threshold, intent is unknown and this is the best intent's probability. */
	confidence: number;
	entities: { datetime: string | null; title: string | null };
	engine: 'offline';
}

export interface CorpusExample {
	text: string;
	intent: Intent;
}

/** Intents whose action needs a when and a what. calendar.query gets the date it asks about, but a question has no title. */
const DATE_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
	'task.create',
	'task.complete',
	'reminder.create',
	'calendar.create',
	'calendar.query',
	'calendar.cancel',
	'calendar.update',
]);

let model: IntentModel | undefined;

/** The production model: trained on the train split only, so the held-out numbers describe what ships. */
function offlineModel(): IntentModel {
	model ??= trainIntentModel(splitCorpus().train);
	return model;
}

/**
 * Classifies one message. Never throws for any text (empty, emoji-only, 10k characters, control characters);
 * empty or punctuation-only text is unknown with confidence 1. Invalid options (a `now` that is not a valid
 * Date, an unknown time zone) throw RangeError, as extractDateTime does, since they are the caller's bug.
 */
export function classifyOffline(text: string, options: ClassifyOptions = {}): Classification {
	const input = typeof text === 'string' ? text : '';
	const prediction = applyThreshold(offlineModel().predict(input), OFFLINE_THRESHOLD);
	let entities: Classification['entities'] = { datetime: null, title: null };
	if (DATE_INTENTS.has(prediction.intent)) {
		const extraction = extractDateTime(input, { now: options.now, timeZone: options.timeZone });
		// A move names the old slot and the new one; the action needs the new one.
		const target = prediction.intent === 'calendar.update' ? newSlotText(input) : null;
		const moved = target === null ? null : extractDateTime(target, { now: options.now, timeZone: options.timeZone }).datetime;
		entities = {
			datetime: moved ?? extraction.datetime,
			title: prediction.intent === 'calendar.query' ? null : cleanTitle(prediction.intent, extraction.title),
		};
	} else {
		// Validate the options the same way on every path, so a bad zone fails whatever the message says.
		extractDateTime('', { now: options.now, timeZone: options.timeZone });
	}
	return { intent: prediction.intent, confidence: prediction.confidence, entities, engine: 'offline' };
}

/** The training corpus (train split, including the mapped Home Assistant sentences), for `--export-corpus`. */
export function exportCorpus(): CorpusExample[] {
	return splitCorpus().train.map(({ text, intent }) => ({ text, intent }));
}

/** The one train/held-out split every test and benchmark uses. Fresh arrays: callers may mutate them. */
export function corpusSplit(): { train: CorpusExample[]; heldOut: CorpusExample[] } {
	const { train, heldOut } = splitCorpus();
	return {
		train: train.map(({ text, intent }) => ({ text, intent })),
		heldOut: heldOut.map(({ text, intent }) => ({ text, intent })),
	};
}
