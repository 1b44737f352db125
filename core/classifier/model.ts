/**
 * Rules first, then the softmax model: one prediction per message, before the confidence threshold.
 * Kept apart from index.ts so calibration and tests can train on any slice of the corpus.
 */
import { INTENTS, type Intent } from '../intents/taxonomy';
import type { LabelledExample } from './corpus';
import { DEFAULT_FEATURE_OPTIONS, featuresOf, stem, type FeatureOptions, type KnownWord } from './features';
import { buildLexicon } from './fuzzy';
import { applyRules, type RuleHit } from './rules';
import { markNegatedScope, tokenizeWithQuotes } from './scope';
import { DEFAULT_TRAIN_OPTIONS, predictProbabilities, trainSoftmax, type TrainOptions } from './softmax';

export interface Prediction {
	intent: Intent;
	/** Probability of `intent` under the model, or 1 when a hard rule decided. */
	confidence: number;
	/** The hard rule that decided, or null when the model did. */
	rule: RuleHit['rule'] | null;
}

export interface IntentModel {
	/** Never throws; any string gets a prediction. */
	predict(text: string): Prediction;
}

export interface ModelOptions {
	features: FeatureOptions;
	training: TrainOptions;
	/**
	 * Typo repair (fuzzy.ts): an unseen word becomes the known word one edit away that occurs in at least this
	 * many training messages; 0 turns repair off.
	 */
	repairMinFrequency: number;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = { features: DEFAULT_FEATURE_OPTIONS, training: DEFAULT_TRAIN_OPTIONS, repairMinFrequency: 1 };

/**
 * Trains the model on `examples` (deterministic: same examples and options, same model). The returned predict()
 * runs the hard rules, then scope (scope.ts), typo repair (fuzzy.ts) and the softmax. Throws RangeError when no
 * example has a feature to train on.
 */
export function trainIntentModel(examples: readonly LabelledExample[], options: ModelOptions = DEFAULT_MODEL_OPTIONS): IntentModel {
	// In how many training messages each word occurs, for the "known word" features.
	const tokenized = examples.map((e) => markNegatedScope(tokenizeWithQuotes(e.text)));
	const documentFrequency = new Map<string, number>();
	for (const tokens of tokenized) {
		for (const word of new Set(tokens)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
	}
	const seenElsewhere: KnownWord = (word) => (documentFrequency.get(word) ?? 0) >= 2;
	const seen: KnownWord = (word) => documentFrequency.has(word);
	const data = examples
		.map((e, i) => ({ features: featuresOf(tokenized[i], options.features, seenElsewhere), label: INTENTS.indexOf(e.intent) }))
		// Featureless messages ("...") are the rules' job; they would only teach the model its bias.
		.filter((e) => e.features.size > 0);
	const model = trainSoftmax(data, INTENTS.length, options.training);
	// A word never seen in training is read as the known word one typo away, if there is one ("tarefs" → "tarefas").
	const lexicon = options.repairMinFrequency > 0 ? buildLexicon(documentFrequency, options.repairMinFrequency, stem) : undefined;
	return {
		predict(text) {
			const hit = applyRules(text);
			if (hit) return { intent: hit.intent, confidence: 1, rule: hit.rule };
			const written = tokenizeWithQuotes(text);
			const tokens = markNegatedScope(lexicon ? written.map((token) => lexicon.repair(token)) : written);
			const p = predictProbabilities(model, featuresOf(tokens, options.features, seen));
			let best = 0;
			for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
			return { intent: INTENTS[best], confidence: p[best], rule: null };
		},
	};
}

/**
 * Below the threshold the answer is unknown. The confidence stays the best intent's probability, so a
 * low-confidence unknown reads "unsure", unlike the model's own confident unknown ("out of scope").
 */
export function applyThreshold(prediction: Prediction, threshold: number): Prediction {
	return prediction.confidence < threshold ? { ...prediction, intent: 'unknown' } : prediction;
}
