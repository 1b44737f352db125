import { parseAddress } from './addresses';
import { dayOf, parseDateFilter } from './dates';
import { malformed } from './errors';
import type { MessageFilter } from './message-table';

/**
 * The filter a list request asks for (To, From, DateSent, DateSent<, DateSent>), and the parameters to echo
 * in page URIs.
 * @throws TwilioHttpError (400) for a date that is neither YYYY-MM-DD nor ISO 8601.
 */
export function listFilter(params: URLSearchParams): { filter: MessageFilter; echoed: Array<[string, string]> } {
	const filter: MessageFilter = {};
	const echoed: Array<[string, string]> = [];
	for (const key of ['To', 'From'] as const) {
		const raw = params.get(key);
		if (!raw) continue;
		filter[key === 'To' ? 'to' : 'from'] = parseAddress(raw)?.address ?? raw;
		echoed.push([key, raw]);
	}
	for (const key of ['DateSent', 'DateSent<', 'DateSent>'] as const) {
		const raw = params.get(key);
		if (!raw) continue;
		const range = parseDateFilter(raw);
		if (!range) throw malformed(`${key} must be a date (YYYY-MM-DD) or an ISO 8601 date-time, got "${raw}".`);
		// DateSent matches the whole UTC day; "DateSent<" reads as on-or-before and "DateSent>" as on-or-after.
		const day = key === 'DateSent' ? dayOf(range.from) : range;
		if (key !== 'DateSent>') filter.sentTo = Math.min(filter.sentTo ?? Infinity, day.to);
		if (key !== 'DateSent<') filter.sentFrom = Math.max(filter.sentFrom ?? -Infinity, day.from);
		echoed.push([key, raw]);
	}
	return { filter, echoed };
}
