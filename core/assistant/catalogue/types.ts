import type { Locale } from '../locale';

/** A quick reply offered with a message: `id` comes back as the ButtonPayload when tapped. */
export interface QuickReply {
	id: string;
	title: string;
}

/** One reply as the Reply node sends it: WhatsApp-formatted text and up to 3 quick replies. */
export interface RenderedMessage {
	text: string;
	buttons?: QuickReply[];
}

/** One message of the catalogue in one language: its parameters in, the reply out. */
export type Template<P> = (params: P) => string | RenderedMessage;

/** The messages of one slice (`P` maps each key to its parameters) in one language. */
export type Texts<P> = { [K in keyof P]: Template<P[K]> };

/**
 * One slice of the catalogue: the same keys in every language, and one example of each key's
 * parameters, which the tests render in every language.
 */
export interface CatalogueSlice<P> {
	texts: Record<Locale, Texts<P>>;
	examples: { [K in keyof P]: P[K] };
}

/** Declares a slice with its parameter types checked against both languages. */
export function defineSlice<P>(slice: CatalogueSlice<P>): CatalogueSlice<P> {
	return slice;
}
