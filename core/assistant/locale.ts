import { LOCALES } from '../airtable/crm/choices';

/** A language BestStag replies in; the values of the Users table's Locale field. */
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'pt-BR';

/** The stored Locale when it is one BestStag speaks, else pt-BR (a blank or unknown cell). */
export function storedLocale(value: unknown): Locale {
	return (LOCALES as readonly string[]).includes(String(value)) ? (value as Locale) : DEFAULT_LOCALE;
}
