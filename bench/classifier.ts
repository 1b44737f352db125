import { classifyOffline } from '../core/classifier';
import { splitCorpus } from '../core/classifier/corpus';
import { evaluate, evaluateAsync, type Evaluation } from '../core/classifier/evaluate';
import { extractDateTime } from '../core/datetime';
import { isIntent, type Intent } from '../core/intents/taxonomy';
import kindsFile from './data/intent-kinds.json';
import { DATETIME_FIXTURES } from './date-set';
import { percentile } from './load';
import { trainNlpJsBaseline } from './nlpjs-baseline';
import { DEFAULT_NOISE, noisyCopy } from './noise';

interface Score {
	accuracy: number;
	macroF1: number;
}

export interface ClassifierBenchResult {
	heldOut: number;
	offline: Score;
	nlpjs: Score & { trainMs: number };
	/** The same held-out messages with seeded noise (bench/noise.ts): dropped accents and keyboard typos. */
	noisy: { seed: number; offline: Score; nlpjs: Score };
	/** Held-out examples of the kinds issue 10 §6 named (bench/data/intent-kinds.json), overall and per kind. */
	kinds: { messages: number; offline: Score; nlpjs: Score; perKind: Array<{ kind: string; messages: number; offline: number; nlpjs: number }> };
	datetime: { cases: number; correct: number; accuracy: number };
	offlineLatencyMicros: { p50: number; p99: number; firstCallMs: number };
}

const pick = (e: Evaluation) => ({ accuracy: round(e.accuracy), macroF1: round(e.macroF1) });
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The held-out kinds set as labelled examples, per kind. Throws RangeError on a label outside the taxonomy. */
export function intentKinds(): Array<{ kind: string; examples: Array<{ text: string; intent: Intent }> }> {
	return Object.entries(kindsFile.kinds).map(([kind, rows]) => ({
		kind,
		examples: rows.map(([text, intent]) => {
			if (!isIntent(intent)) throw new RangeError(`bench/data/intent-kinds.json labels "${text}" with "${intent}", which is not in the taxonomy.`);
			return { text, intent };
		}),
	}));
}

/** Held-out accuracy of ours and NLP.js's on the same split (clean, noisy, and the kinds set), datetime accuracy, offline latency. */
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

	const noisy = noisyCopy(heldOut, DEFAULT_NOISE);
	const offlineNoisy = evaluate(noisy, (text) => classifyOffline(text).intent);
	const baselineNoisy = await evaluateAsync(noisy, nlpjs);

	const kinds = intentKinds();
	const perKind = [];
	for (const { kind, examples } of kinds) {
		perKind.push({
			kind,
			messages: examples.length,
			offline: round(evaluate(examples, (text) => classifyOffline(text).intent).accuracy),
			nlpjs: round((await evaluateAsync(examples, nlpjs)).accuracy),
		});
	}
	const allKinds = kinds.flatMap((k) => k.examples);
	const offlineKinds = evaluate(allKinds, (text) => classifyOffline(text).intent);
	const baselineKinds = await evaluateAsync(allKinds, nlpjs);

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
		noisy: { seed: DEFAULT_NOISE.seed, offline: pick(offlineNoisy), nlpjs: pick(baselineNoisy) },
		kinds: { messages: allKinds.length, offline: pick(offlineKinds), nlpjs: pick(baselineKinds), perKind },
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
		`Noisy: the same messages with seeded noise (seed ${r.noisy.seed}; half lose their accents, every one gets a keyboard typo, more words one with probability 0.15). Kinds: ${r.kinds.messages} held-out messages of the kinds issue 10 §6 named (bench/data/intent-kinds.json).`,
		'',
		'| engine | accuracy (clean) | macro-F1 (clean) | accuracy (noisy) | macro-F1 (noisy) | accuracy (kinds) |',
		'| --- | ---: | ---: | ---: | ---: | ---: |',
		`| BestStag offline | ${r.offline.accuracy} | ${r.offline.macroF1} | ${r.noisy.offline.accuracy} | ${r.noisy.offline.macroF1} | ${r.kinds.offline.accuracy} |`,
		`| NLP.js (lang-pt + lang-en-min, same train split; trained in ${r.nlpjs.trainMs} ms) | ${r.nlpjs.accuracy} | ${r.nlpjs.macroF1} | ${r.noisy.nlpjs.accuracy} | ${r.noisy.nlpjs.macroF1} | ${r.kinds.nlpjs.accuracy} |`,
		'',
		'| kind | messages | BestStag offline | NLP.js |',
		'| --- | ---: | ---: | ---: |',
		...r.kinds.perKind.map((k) => `| ${k.kind} | ${k.messages} | ${k.offline} | ${k.nlpjs} |`),
		'',
		`Date/time extraction: ${r.datetime.correct}/${r.datetime.cases} fixed cases exact (datetime and title), accuracy ${r.datetime.accuracy}.`,
		'',
		`Offline classification latency (warm, per message, date extraction included): p50 ${r.offlineLatencyMicros.p50} µs, p99 ${r.offlineLatencyMicros.p99} µs; first call (trains the model) ${r.offlineLatencyMicros.firstCallMs} ms.`,
		'',
	].join('\n');
}
