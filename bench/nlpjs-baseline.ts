/**
 * NLP.js as the baseline the offline engine must beat: its neural NLU with the Portuguese stemmer (lang-pt)
 * and English (lang-en-min), trained on the same train split. Lives in bench/ (used by the benchmark and the accuracy test) because NLP.js is a
 * devDependency; production code never imports this file.
 *
 * Like the offline engine, it gets no language hint: NLP.js guesses pt or en per message. Its 'None'
 * answer, and any score under its own default threshold (0.5), count as unknown.
 */
import { containerBootstrap, Nlp } from '@nlpjs/basic';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangPt } from '@nlpjs/lang-pt';

import type { LabelledExample } from '../core/classifier/corpus';
import { isIntent, type Intent } from '../core/intents/taxonomy';

export const NLPJS_THRESHOLD = 0.5;

/** Replaces NLP.js's console logger, which warns about every stop-word-only training sentence ("??", "."). */
const QUIET_LOGGER = Object.fromEntries(['trace', 'debug', 'info', 'log', 'warn', 'error', 'fatal'].map((level) => [level, () => {}]));

export type AsyncClassifier = (text: string) => Promise<Intent>;

export async function trainNlpJsBaseline(train: readonly LabelledExample[]): Promise<AsyncClassifier> {
	const container = await containerBootstrap();
	container.use(LangPt);
	container.use(LangEn);
	container.register('logger', QUIET_LOGGER);
	const nlp = new Nlp(
		{
			languages: ['pt', 'en'],
			autoSave: false,
			autoLoad: false,
			calculateSentiment: false,
			threshold: NLPJS_THRESHOLD,
			// Silences the per-epoch training log.
			nlu: { log: false },
		},
		container,
	);
	for (const { text, intent, lang } of train) nlp.addDocument(lang, text, intent);
	await nlp.train();
	return async (text) => {
		const result = await nlp.process(text);
		const intent = result.intent;
		if (!isIntent(intent) || (result.score ?? 0) < NLPJS_THRESHOLD) return 'unknown';
		return intent;
	};
}
