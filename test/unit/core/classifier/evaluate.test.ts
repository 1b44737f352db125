import { evaluate, evaluateAsync, formatEvaluation, score } from '../../../../core/classifier/evaluate';
import type { Intent } from '../../../../core/intents/taxonomy';

const SET: Array<{ text: string; intent: Intent }> = [
	{ text: 'oi', intent: 'greeting' },
	{ text: 'olá', intent: 'greeting' },
	{ text: 'menu', intent: 'help' },
	{ text: 'sair', intent: 'opt_out' },
];

describe('evaluate', () => {
	it('computes accuracy, per-intent precision/recall/F1 and macro-F1', () => {
		// "olá" misread as help; everything else right.
		const result = evaluate(SET, (text) => (text === 'oi' ? 'greeting' : text === 'sair' ? 'opt_out' : 'help'));
		expect(result.total).toBe(4);
		expect(result.accuracy).toBe(0.75);
		const byIntent = Object.fromEntries(result.perIntent.map((s) => [s.intent, s]));
		expect(byIntent.greeting).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
		expect(byIntent.greeting.f1).toBeCloseTo(2 / 3, 10);
		expect(byIntent.help).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
		expect(byIntent.opt_out).toMatchObject({ precision: 1, recall: 1, f1: 1 });
		expect(result.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 10);
		expect(result.confusions).toEqual([{ expected: 'greeting', predicted: 'help', count: 1, examples: ['olá'] }]);
	});

	it('counts an intent that is only ever predicted, with F1 0', () => {
		const result = evaluate(SET, () => 'unknown');
		expect(result.accuracy).toBe(0);
		expect(result.perIntent.find((s) => s.intent === 'unknown')).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
		expect(result.macroF1).toBe(0);
	});

	it('accepts async classifiers, such as a baseline library', async () => {
		const result = await evaluateAsync(SET, async (text) => (text === 'menu' ? 'help' : 'greeting'));
		expect(result.accuracy).toBe(0.75);
	});

	it('rejects mismatched predictions and formats a readable report', () => {
		expect(() => score(SET, ['greeting'])).toThrow(/one prediction per example/);
		const report = formatEvaluation('demo', evaluate(SET, () => 'greeting'));
		expect(report).toContain('demo: accuracy  50.0%');
		expect(report).toContain('help → greeting');
	});

	it('handles an empty set', () => {
		expect(evaluate([], () => 'unknown')).toEqual({ total: 0, accuracy: 0, macroF1: 0, perIntent: [], confusions: [] });
	});
});
