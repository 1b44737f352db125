/**
 * Held-out quality of the offline engine, against NLP.js trained on the same split, and the committed
 * threshold against a fresh calibration. Set CLASSIFIER_REPORT=1 to print both evaluations and a rough latency.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { OFFLINE_THRESHOLD, classifyOffline } from '../../../../core/classifier';
import { calibrateThreshold, renderThresholdFile } from '../../../../core/classifier/calibration';
import { splitCorpus } from '../../../../core/classifier/corpus';
import { evaluate, evaluateAsync, formatEvaluation, type Evaluation } from '../../../../core/classifier/evaluate';
import { normalizedKey } from '../../../../core/classifier/normalize';
import { trainNlpJsBaseline } from '../../../../bench/nlpjs-baseline';
import { noisyCopy } from '../../../../bench/noise';

/** Measured on the held-out split (accuracy 0.906, macro-F1 0.911; noisy copy 0.885) and set a little below, as regression floors. */
const ACCURACY_FLOOR = 0.89;
const MACRO_F1_FLOOR = 0.9;
const NOISY_ACCURACY_FLOOR = 0.87;

const { train, heldOut } = splitCorpus();

describe('offline engine on the held-out split', () => {
	let offline: Evaluation;

	beforeAll(() => {
		offline = evaluate(heldOut, (text) => classifyOffline(text).intent);
	});

	it('is never trained on held-out messages', () => {
		const trainKeys = new Set(train.map((e) => normalizedKey(e.text)));
		expect(heldOut.length).toBeGreaterThan(500);
		expect(heldOut.filter((e) => trainKeys.has(normalizedKey(e.text))).map((e) => e.text)).toEqual([]);
	});

	it(`reaches accuracy ≥ ${ACCURACY_FLOOR} and macro-F1 ≥ ${MACRO_F1_FLOOR}`, () => {
		expect(offline.accuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
		expect(offline.macroF1).toBeGreaterThanOrEqual(MACRO_F1_FLOOR);
	});

	it(`keeps accuracy ≥ ${NOISY_ACCURACY_FLOOR} on the noisy copy (dropped accents, one typo or more per message)`, () => {
		const noisy = evaluate(noisyCopy(heldOut), (text) => classifyOffline(text).intent);
		if (process.env.CLASSIFIER_REPORT) console.log(formatEvaluation('offline, noisy', noisy, 15));
		expect(noisy.accuracy).toBeGreaterThanOrEqual(NOISY_ACCURACY_FLOOR);
	});

	it('beats NLP.js (lang-pt + lang-en-min) trained on the same train split, clean and noisy', async () => {
		const nlpjs = await trainNlpJsBaseline(train);
		const baseline = await evaluateAsync(heldOut, nlpjs);
		if (process.env.CLASSIFIER_REPORT) {
			console.log(`${formatEvaluation('offline', offline, 15)}\n\n${formatEvaluation('NLP.js', baseline, 15)}`);
		}
		expect(offline.macroF1).toBeGreaterThan(baseline.macroF1);
		expect(offline.accuracy).toBeGreaterThan(baseline.accuracy);
		const noisy = noisyCopy(heldOut);
		const baselineNoisy = await evaluateAsync(noisy, nlpjs);
		expect(evaluate(noisy, (text) => classifyOffline(text).intent).accuracy).toBeGreaterThan(baselineNoisy.accuracy);
	}, 120_000);
});

describe('confidence threshold', () => {
	it('is the value cross-validation on the train split picks (if not: npm run calibrate:classifier)', () => {
		const calibration = calibrateThreshold(train);
		expect(OFFLINE_THRESHOLD).toBe(calibration.threshold);
		expect(readFileSync(join(__dirname, '..', '..', '..', '..', 'core', 'classifier', 'threshold.ts'), 'utf8')).toBe(renderThresholdFile(calibration));
		expect(calibration.macroF1).toBeGreaterThanOrEqual(calibration.macroF1WithoutThreshold);
	}, 30_000);
});

if (process.env.CLASSIFIER_REPORT) {
	it('reports a rough latency (not asserted)', () => {
		classifyOffline('aquecimento');
		const texts = heldOut.map((e) => e.text);
		const started = performance.now();
		for (let round = 0; round < 5; round++) for (const text of texts) classifyOffline(text);
		const perMessage = (performance.now() - started) / (5 * texts.length);
		console.log(`offline latency: ${(perMessage * 1000).toFixed(0)} µs per message, entities included`);
	});
}
