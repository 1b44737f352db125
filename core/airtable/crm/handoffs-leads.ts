import { LEAD_STAGES, LEAD_TEMPERATURES } from './choices';
import { CrmInputError } from './input-error';
import { choice, compact, number, optionalText, phone, requiredText, userLink } from './values';

export interface HandoffInput {
	phone: unknown;
	reason?: unknown;
	/** What the consultant reads first (core/assistant/handoff.ts handoffSummaryText). */
	summary?: unknown;
	/** The stable reference to use (buffered mode derives it from the message); blank: a random one. */
	reference?: unknown;
}

/** A short handle consultants can say aloud, e.g. HO-20261120-4F2A. */
export function handoffReference(now: Date, random: () => number = Math.random): string {
	const day = now.toISOString().slice(0, 10).replace(/-/g, '');
	const suffix = Math.floor(random() * 0x10000)
		.toString(16)
		.toUpperCase()
		.padStart(4, '0');
	return `HO-${day}-${suffix}`;
}

/**
 * Fields for a new open hand-off with its reference.
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function openHandoffFields(input: HandoffInput, now: Date, random?: () => number): Record<string, unknown> {
	return compact({
		Reference: optionalText(input.reference, 'Reference', 64) ?? handoffReference(now, random),
		User: userLink(phone(input.phone, 'Phone')),
		Reason: optionalText(input.reason, 'Reason', 2000) ?? 'Pedido do usuário / user request',
		Summary: optionalText(input.summary, 'Summary', 4000),
		Status: 'open',
		'Opened At': now.toISOString(),
	});
}

/**
 * Fields that close a hand-off, stamping the time and the consultant.
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function closeHandoffFields(input: { consultantPhone?: unknown }, now: Date): Record<string, unknown> {
	return compact({
		Status: 'closed',
		'Closed At': now.toISOString(),
		Consultant: input.consultantPhone ? userLink(phone(input.consultantPhone, 'Consultant Phone')) : undefined,
	});
}

export interface LeadInput {
	name: unknown;
	email: unknown;
	company?: unknown;
	phone?: unknown;
	temperature?: unknown;
	score?: unknown;
	ownerPhone?: unknown;
	stage?: unknown;
	source?: unknown;
	notes?: unknown;
}

/** Leads are keyed by email: the one identifier every discovery form collects. */
export const LEAD_KEY = ['Email'];

/**
 * Fields for an upsert of Leads keyed by Email (lower-cased).
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function leadFields(input: LeadInput): Record<string, unknown> {
	const email = requiredText(input.email, 'Email', 254).toLowerCase();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CrmInputError('Email', `Email "${email}" is not an email address.`);
	return compact({
		Name: requiredText(input.name, 'Name', 200),
		Company: optionalText(input.company, 'Company', 200),
		Email: email,
		Phone: optionalText(input.phone, 'Phone', 64) === undefined ? undefined : phone(input.phone, 'Phone'),
		Temperature: choice(input.temperature, 'Temperature', LEAD_TEMPERATURES),
		Score: number(input.score, 'Score', { min: 0, max: 100 }),
		Owner: optionalText(input.ownerPhone, 'Owner Phone', 64) === undefined ? undefined : userLink(phone(input.ownerPhone, 'Owner Phone')),
		Stage: choice(input.stage, 'Stage', LEAD_STAGES) ?? undefined,
		Source: optionalText(input.source, 'Source', 200),
		Notes: optionalText(input.notes, 'Notes'),
	});
}
