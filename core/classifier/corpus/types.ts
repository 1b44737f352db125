import type { Intent } from '../../intents/taxonomy';

/** One labelled message. `source` says who wrote it, so licensed material keeps its attribution. */
export interface LabelledExample {
	text: string;
	intent: Intent;
	lang: 'pt' | 'en';
	/** 'beststag' for the project's own examples; 'home-assistant:<file>' for CC-BY-4.0 Home Assistant sentences. */
	source: string;
}

/** The examples one corpus file writes for an intent, by language. */
export interface IntentExamples {
	pt: readonly string[];
	en: readonly string[];
}

export type CorpusSection = Partial<Record<Intent, IntentExamples>>;
