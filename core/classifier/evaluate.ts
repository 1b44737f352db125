/**
 * Scores any `(text) => intent` function on a labelled set: accuracy, macro-F1 over the intents present,
 * per-intent precision/recall/F1, and the most frequent confusions. Engine-agnostic, so the offline engine
 * and a baseline are measured by the same code.
 */
import { INTENTS, type Intent } from '../intents/taxonomy';

export interface IntentScore {
	intent: Intent;
	precision: number;
	recall: number;
	f1: number;
	/** Examples of this intent in the set. */
	support: number;
}

export interface Confusion {
	expected: Intent;
	predicted: Intent;
	count: number;
	/** Up to three of the misread messages. */
	examples: string[];
}

export interface Evaluation {
	total: number;
	accuracy: number;
	/** Mean F1 over the intents that occur in the set (as truth or as prediction). */
	macroF1: number;
	perIntent: IntentScore[];
	/** Misreadings, most frequent first. */
	confusions: Confusion[];
}

export async function evaluateAsync(
	examples: ReadonlyArray<{ text: string; intent: Intent }>,
	classify: (text: string) => Intent | Promise<Intent>,
): Promise<Evaluation> {
	const predictions: Intent[] = [];
	for (const { text } of examples) predictions.push(await classify(text));
	return score(examples, predictions);
}

export function evaluate(examples: ReadonlyArray<{ text: string; intent: Intent }>, classify: (text: string) => Intent): Evaluation {
	return score(
		examples,
		examples.map(({ text }) => classify(text)),
	);
}

function f1(precision: number, recall: number): number {
	return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Metrics from parallel arrays of truths and predictions. */
export function score(examples: ReadonlyArray<{ text: string; intent: Intent }>, predictions: readonly Intent[]): Evaluation {
	if (predictions.length !== examples.length) {
		throw new RangeError(`Got ${predictions.length} predictions for ${examples.length} examples; pass one prediction per example.`);
	}
	const truePositive = new Map<Intent, number>();
	const predicted = new Map<Intent, number>();
	const actual = new Map<Intent, number>();
	const confusions = new Map<string, Confusion>();
	let correct = 0;
	examples.forEach(({ text, intent }, i) => {
		const guess = predictions[i];
		actual.set(intent, (actual.get(intent) ?? 0) + 1);
		predicted.set(guess, (predicted.get(guess) ?? 0) + 1);
		if (guess === intent) {
			correct++;
			truePositive.set(intent, (truePositive.get(intent) ?? 0) + 1);
			return;
		}
		const key = `${intent}→${guess}`;
		const entry = confusions.get(key) ?? { expected: intent, predicted: guess, count: 0, examples: [] };
		entry.count++;
		if (entry.examples.length < 3) entry.examples.push(text);
		confusions.set(key, entry);
	});
	const perIntent = INTENTS.filter((intent) => actual.has(intent) || predicted.has(intent)).map((intent) => {
		const tp = truePositive.get(intent) ?? 0;
		const precision = tp === 0 ? 0 : tp / (predicted.get(intent) ?? 1);
		const recall = tp === 0 ? 0 : tp / (actual.get(intent) ?? 1);
		return { intent, precision, recall, f1: f1(precision, recall), support: actual.get(intent) ?? 0 };
	});
	return {
		total: examples.length,
		accuracy: examples.length === 0 ? 0 : correct / examples.length,
		macroF1: perIntent.length === 0 ? 0 : perIntent.reduce((sum, s) => sum + s.f1, 0) / perIntent.length,
		perIntent,
		confusions: [...confusions.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
	};
}

/** A plain-text report: headline numbers, the per-intent table, and the top confusions. */
export function formatEvaluation(name: string, result: Evaluation, topConfusions = 10): string {
	const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
	const lines = [
		`${name}: accuracy ${pct(result.accuracy)}%  macro-F1 ${pct(result.macroF1)}%  (${result.total} messages)`,
		'  intent             prec.  recall   F1    n',
		...result.perIntent.map(
			(s) => `  ${s.intent.padEnd(17)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.support).padStart(3)}`,
		),
	];
	if (result.confusions.length > 0) lines.push('  confusions (expected → predicted):');
	for (const c of result.confusions.slice(0, topConfusions)) {
		lines.push(`  ${String(c.count).padStart(3)} × ${c.expected} → ${c.predicted}: ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`);
	}
	return lines.join('\n');
}
