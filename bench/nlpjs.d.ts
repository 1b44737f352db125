/** The little of NLP.js (a devDependency, untyped) the baseline uses. */
declare module '@nlpjs/basic' {
	export interface NlpResult {
		intent?: string;
		score?: number;
		locale?: string;
	}
	export interface Container {
		use(plugin: unknown): void;
		register(name: string, instance: unknown): void;
	}
	export function containerBootstrap(): Promise<Container>;
	export class Nlp {
		constructor(settings?: Record<string, unknown>, container?: Container);
		addDocument(locale: string, utterance: string, intent: string): void;
		train(): Promise<unknown>;
		process(utterance: string): Promise<NlpResult>;
	}
}

declare module '@nlpjs/lang-pt' {
	export const LangPt: unknown;
}

declare module '@nlpjs/lang-en-min' {
	export const LangEn: unknown;
}
