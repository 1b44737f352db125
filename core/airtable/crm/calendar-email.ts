import { CALENDAR_PROVIDERS, EMAIL_CATEGORIES, EMAIL_PRIORITIES, EVENT_STATUSES } from './choices';
import { CrmInputError } from './input-error';
import { choice, compact, instant, number, optionalText, phone, requiredText, userLink } from './values';

export interface EventInput {
	phone: unknown;
	provider: unknown;
	externalId: unknown;
	title?: unknown;
	calendarId?: unknown;
	start: unknown;
	end?: unknown;
	allDay?: unknown;
	location?: unknown;
	status?: unknown;
}

/** Events are keyed by Provider + External ID, so a re-sync updates instead of duplicating. */
export const EVENT_KEY = ['Provider', 'External ID'];

/**
 * Fields for an upsert of Events keyed by Provider + External ID.
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function eventFields(input: EventInput): Record<string, unknown> {
	const provider = choice(input.provider, 'Provider', CALENDAR_PROVIDERS);
	if (!provider) throw new CrmInputError('Provider', `Provider is required: ${CALENDAR_PROVIDERS.join(' or ')}.`);
	const start = instant(input.start, 'Start');
	if (!start) throw new CrmInputError('Start', 'Start is required.');
	const end = instant(input.end, 'End');
	if (end && end < start) throw new CrmInputError('End', `End ${end} is before Start ${start}.`);
	return compact({
		Title: optionalText(input.title, 'Title', 500) ?? '(sem título / untitled)',
		User: userLink(phone(input.phone, 'Phone')),
		Provider: provider,
		'External ID': requiredText(input.externalId, 'External ID', 1024),
		'Calendar ID': optionalText(input.calendarId, 'Calendar ID', 1024),
		Start: start,
		End: end,
		'All Day': input.allDay === true ? true : undefined,
		Location: optionalText(input.location, 'Location', 1000),
		Status: choice(input.status, 'Status', EVENT_STATUSES) ?? 'confirmed',
	});
}

export interface EmailInput {
	phone: unknown;
	provider: unknown;
	externalId: unknown;
	subject?: unknown;
	threadId?: unknown;
	from?: unknown;
	fromName?: unknown;
	receivedAt?: unknown;
	category?: unknown;
	priority?: unknown;
	triageScore?: unknown;
	summary?: unknown;
	needsReply?: unknown;
}

export const EMAIL_KEY = ['Provider', 'External ID'];

/**
 * Fields for an upsert of Emails keyed by Provider + External ID.
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function emailFields(input: EmailInput): Record<string, unknown> {
	const provider = choice(input.provider, 'Provider', CALENDAR_PROVIDERS);
	if (!provider) throw new CrmInputError('Provider', `Provider is required: ${CALENDAR_PROVIDERS.join(' or ')}.`);
	const score = number(input.triageScore, 'Triage Score', { min: 0, max: 100 });
	return compact({
		Subject: optionalText(input.subject, 'Subject', 1000) ?? '(sem assunto / no subject)',
		User: userLink(phone(input.phone, 'Phone')),
		Provider: provider,
		'External ID': requiredText(input.externalId, 'External ID', 1024),
		'Thread ID': optionalText(input.threadId, 'Thread ID', 1024),
		From: optionalText(input.from, 'From', 254),
		'From Name': optionalText(input.fromName, 'From Name', 200),
		'Received At': instant(input.receivedAt, 'Received At'),
		Category: choice(input.category, 'Category', EMAIL_CATEGORIES),
		Priority: choice(input.priority, 'Priority', EMAIL_PRIORITIES),
		'Triage Score': score === undefined ? undefined : Math.round(score),
		Summary: optionalText(input.summary, 'Summary', 5000),
		'Needs Reply': input.needsReply === true ? true : undefined,
	});
}
