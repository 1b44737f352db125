import type { Locale } from '../locale';
import { assistant } from './assistant';
import { general } from './general';
import { handoff } from './handoff';
import { media } from './media';
import { privacy } from './privacy';
import { reminders } from './reminders';
import { tasks } from './tasks';
import type { CatalogueSlice, RenderedMessage, Template } from './types';

export type { QuickReply, RenderedMessage, CatalogueSlice, Template, Texts } from './types';
export { defineSlice } from './types';

/**
 * Every text BestStag sends, one slice per area, each in every language. Workflows never carry
 * reply literals: they name a key and pass its parameters. A new slice is one line here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SLICES: ReadonlyArray<CatalogueSlice<any>> = [general, assistant, privacy, tasks, handoff, reminders, media];

const TEMPLATES = new Map<string, Record<Locale, Template<unknown>>>();
for (const slice of SLICES) {
	for (const key of Object.keys(slice.examples)) {
		if (TEMPLATES.has(key)) throw new Error(`Catalogue key "${key}" is defined by two slices; keys must be unique.`);
		TEMPLATES.set(key, { 'pt-BR': slice.texts['pt-BR'][key], en: slice.texts.en[key] });
	}
}

/** Every key of the catalogue, sorted (the Compose Reply node's dropdown). */
export function catalogueKeys(): string[] {
	return [...TEMPLATES.keys()].sort();
}

/**
 * Renders one catalogue message in one language.
 * @param params the key's parameters, e.g. `{ feature: 'calendar' }` for `general.coming_soon`
 * @returns the text and its quick replies (none when the message offers none)
 * @throws Error when the key is not in the catalogue (says which keys exist)
 */
export function renderMessage(locale: Locale, key: string, params: unknown = {}): RenderedMessage {
	const templates = TEMPLATES.get(key);
	if (!templates) throw new Error(`Unknown message "${key}". Pick one of the catalogue's keys, e.g. ${catalogueKeys().slice(0, 3).join(', ')}.`);
	const rendered = templates[locale](params);
	return typeof rendered === 'string' ? { text: rendered } : rendered;
}
