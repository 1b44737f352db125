/**
 * Multinomial logistic regression (softmax) over sparse features, trained with AdaGrad SGD and L2.
 * Chosen because it is small, well understood, gives probabilities that mean something without extra
 * calibration, and trains on ~2k messages in well under a second. Deterministic: the example order comes
 * from a seeded generator, and JavaScript floating point is the same on every run.
 */
import type { FeatureBag } from './features';

export interface TrainOptions {
	epochs: number;
	learningRate: number;
	/** L2 penalty per update, applied to the weights an example touches. */
	l2: number;
	seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 10, learningRate: 0.8, l2: 1e-5, seed: 20240611 };

interface SparseVector {
	indices: Int32Array;
	values: Float64Array;
}

export interface SoftmaxModel {
	/** Number of classes; class i is whatever the caller's label list says at index i. */
	classes: number;
	vocabulary: ReadonlyMap<string, number>;
	/** Feature-major: weights[feature * classes + class]. */
	weights: Float64Array;
	bias: Float64Array;
}

/**
 * mulberry32: a tiny seeded PRNG, good enough to shuffle training examples (and to seed the benchmark's noise)
 * reproducibly. Returns a generator of floats in [0, 1). https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function toSparse(bag: FeatureBag, vocabulary: ReadonlyMap<string, number>): SparseVector {
	const indices: number[] = [];
	const values: number[] = [];
	for (const [name, value] of bag) {
		const index = vocabulary.get(name);
		if (index !== undefined) {
			indices.push(index);
			values.push(value);
		}
	}
	return { indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

function scores(model: SoftmaxModel, x: SparseVector, out: Float64Array): void {
	const { classes, weights } = model;
	const { indices, values } = x;
	out.set(model.bias);
	for (let n = 0; n < indices.length; n++) {
		const base = indices[n] * classes;
		const value = values[n];
		for (let c = 0; c < classes; c++) out[c] += weights[base + c] * value;
	}
}

/** In place: scores → probabilities, shifted by the maximum so exp never overflows. */
function softmaxInPlace(v: Float64Array): void {
	let max = -Infinity;
	for (const s of v) if (s > max) max = s;
	let sum = 0;
	for (let c = 0; c < v.length; c++) {
		v[c] = Math.exp(v[c] - max);
		sum += v[c];
	}
	for (let c = 0; c < v.length; c++) v[c] /= sum;
}

/**
 * Trains on (features, class) pairs, every example weighing the same. (Weighting classes by inverse frequency
 * scored lower in cross-validation: the larger classes, smalltalk and unknown, are also the most varied.)
 */
export function trainSoftmax(
	examples: ReadonlyArray<{ features: FeatureBag; label: number }>,
	classes: number,
	options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): SoftmaxModel {
	if (examples.length === 0) throw new RangeError('Cannot train the classifier on zero examples; the corpus is empty.');
	const vocabulary = new Map<string, number>();
	for (const { features } of examples) {
		for (const name of features.keys()) if (!vocabulary.has(name)) vocabulary.set(name, vocabulary.size);
	}
	const model: SoftmaxModel = {
		classes,
		vocabulary,
		weights: new Float64Array(vocabulary.size * classes),
		bias: new Float64Array(classes),
	};
	const data = examples.map((e) => ({ x: toSparse(e.features, vocabulary), label: e.label }));

	// AdaGrad with one accumulator per feature (not per feature and class): a sqrt per feature, not per weight.
	const squaredGrad = new Float64Array(vocabulary.size);
	const squaredBiasGrad = new Float64Array(classes);
	const p = new Float64Array(classes);
	const order = data.map((_, i) => i);
	const random = seededRandom(options.seed);
	const { learningRate, l2 } = options;
	const { weights, bias } = model;

	for (let epoch = 0; epoch < options.epochs; epoch++) {
		// Fisher-Yates with the seeded generator.
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		for (const i of order) {
			const { indices, values } = data[i].x;
			const label = data[i].label;
			scores(model, data[i].x, p);
			softmaxInPlace(p);
			let gradNorm = 0;
			for (let c = 0; c < classes; c++) {
				p[c] -= c === label ? 1 : 0;
				gradNorm += p[c] * p[c];
				squaredBiasGrad[c] += p[c] * p[c];
				bias[c] -= (learningRate * p[c]) / Math.sqrt(squaredBiasGrad[c] + 1e-8);
			}
			for (let n = 0; n < indices.length; n++) {
				const feature = indices[n];
				const value = values[n];
				squaredGrad[feature] += gradNorm * value * value;
				const step = learningRate / Math.sqrt(squaredGrad[feature] + 1e-8);
				const decay = 1 - step * l2;
				const scaled = step * value;
				const base = feature * classes;
				for (let c = 0; c < classes; c++) weights[base + c] = weights[base + c] * decay - scaled * p[c];
			}
		}
	}
	return model;
}

/** Class probabilities for one message; features the model never saw are ignored. */
export function predictProbabilities(model: SoftmaxModel, features: FeatureBag): Float64Array {
	const p = new Float64Array(model.classes);
	scores(model, toSparse(features, model.vocabulary), p);
	softmaxInPlace(p);
	return p;
}
