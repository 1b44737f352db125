/**
 * Twilio's two date formats: the 2010-04-01 API writes RFC 2822 in UTC ("Thu, 30 Jul 2015 20:12:31
 * +0000", which the client parses with exactly that pattern); the Content API writes ISO 8601 with
 * no milliseconds.
 */

export function rfc2822(ms: number): string {
	return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}

export function iso8601(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A DateSent filter value: a whole UTC day for YYYY-MM-DD, or an instant for a date-time. */
export interface DateFilter {
	/** Inclusive start, epoch ms. */
	from: number;
	/** Exclusive end, epoch ms. */
	to: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Parses YYYY-MM-DD or an ISO date-time (the client sends Dates as YYYY-MM-DDTHH:mm:ssZ).
 * Returns the range that counts as "on" that value; undefined when it is not a date.
 */
export function parseDateFilter(raw: string): DateFilter | undefined {
	if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
		const start = Date.parse(`${raw}T00:00:00Z`);
		return Number.isNaN(start) ? undefined : { from: start, to: start + DAY_MS };
	}
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw)) return undefined;
	const instant = Date.parse(raw);
	return Number.isNaN(instant) ? undefined : { from: instant, to: instant + 1000 };
}

/** The UTC day that contains `ms`. */
export function dayOf(ms: number): DateFilter {
	const start = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
	return { from: start, to: start + DAY_MS };
}
