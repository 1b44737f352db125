import { classifyOffline } from '../core/classifier';
import { splitCorpus } from '../core/classifier/corpus';
import { evaluate, evaluateAsync, type Evaluation } from '../core/classifier/evaluate';
import { extractDateTime } from '../core/datetime';
import { DATETIME_FIXTURES } from './date-set';
import { percentile } from './load';
import { trainNlpJsBaseline } from './nlpjs-baseline';

export interface ClassifierBenchResult {
	heldOut: number;
	offline: { accuracy: number; macroF1: number };
	nlpjs: { accuracy: number; macroF1: number; trainMs: number };
	datetime: { cases: number; correct: number; accuracy: number };
	offlineLatencyMicros: { p50: number; p99: number; firstCallMs: number };
}

const pick = (e: Evaluation) => ({ accuracy: round(e.accuracy), macroF1: round(e.macroF1) });
const round = (n: number) => Math.round(n * 1000) / 1000;

/** Held-out accuracy of ours and NLP.js's on the same split, datetime accuracy, offline latency. */
export async function benchClassifier(): Promise<ClassifierBenchResult> {
	const { train, heldOut } = splitCorpus();

	let t = performance.now();
	classifyOffline('aquecimento');
	const firstCallMs = Math.round(performance.now() - t);
	const offline = evaluate(heldOut, (text) => classifyOffline(text).intent);

	t = performance.now();
	const nlpjs = await trainNlpJsBaseline(train);
	const trainMs = Math.round(performance.now() - t);
	const baseline = await evaluateAsync(heldOut, nlpjs);

	let correct = 0;
	for (const fixture of DATETIME_FIXTURES) {
		const got = extractDateTime(fixture.text, { now: new Date(fixture.now), timeZone: fixture.timeZone });
		if (got.datetime === fixture.datetime && got.title === fixture.title) correct++;
	}

	// Three warm passes over the held-out messages, one timing per call.
	const micros: number[] = [];
	for (let pass = 0; pass < 3; pass++) {
		for (const { text } of heldOut) {
			const start = process.hrtime.bigint();
			classifyOffline(text);
			micros.push(Number(process.hrtime.bigint() - start) / 1000);
		}
	}
	micros.sort((a, b) => a - b);

	return {
		heldOut: heldOut.length,
		offline: pick(offline),
		nlpjs: { ...pick(baseline), trainMs },
		datetime: { cases: DATETIME_FIXTURES.length, correct, accuracy: round(correct / DATETIME_FIXTURES.length) },
		offlineLatencyMicros: { p50: Math.round(percentile(micros, 50)), p99: Math.round(percentile(micros, 99)), firstCallMs },
	};
}

export function classifierMarkdown(measuredAt: string, r: ClassifierBenchResult): string {
	return [
		'# Intent classification and date extraction',
		'',
		`Measured ${measuredAt}. Held-out split: ${r.heldOut} messages never used for training or calibration.`,
		'',
		'| engine | accuracy | macro-F1 |',
		'| --- | ---: | ---: |',
		`| BestStag offline | ${r.offline.accuracy} | ${r.offline.macroF1} |`,
		`| NLP.js (lang-pt + lang-en-min, same train split; trained in ${r.nlpjs.trainMs} ms) | ${r.nlpjs.accuracy} | ${r.nlpjs.macroF1} |`,
		'',
		`Date/time extraction: ${r.datetime.correct}/${r.datetime.cases} fixed cases exact (datetime and title), accuracy ${r.datetime.accuracy}.`,
		'',
		`Offline classification latency (warm, per message, date extraction included): p50 ${r.offlineLatencyMicros.p50} µs, p99 ${r.offlineLatencyMicros.p99} µs; first call (trains the model) ${r.offlineLatencyMicros.firstCallMs} ms.`,
		'',
	].join('\n');
}
