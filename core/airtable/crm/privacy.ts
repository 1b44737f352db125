import { brazilianNumberKind } from '../../phone/brazil';
import { formulaString } from '../formula-escape';
import { CrmInputError } from './input-error';
import { phone as canonicalPhone } from './values';

/**
 * A privacy choice recorded on the Users row (and, for decisions, in the AuditLog):
 * the consent text was sent (prompted / reminded), consent accepted or declined, proactive
 * messages stopped (opted_out) or resumed (opted_in, "voltar").
 */
export const PRIVACY_CHOICES = ['consent_prompted', 'consent_reminded', 'consent_accepted', 'consent_declined', 'opted_out', 'opted_in'] as const;
export type PrivacyChoice = (typeof PRIVACY_CHOICES)[number];

const AUDIT_EVENTS: Partial<Record<PrivacyChoice, string>> = {
	consent_accepted: 'consent.accepted',
	consent_declined: 'consent.declined',
	opted_out: 'user.opted_out',
	opted_in: 'user.opted_in',
};

/**
 * Users fields for a privacy choice (written on the row keyed by Phone).
 * @param version the consent text version shown or answered (required for consent choices)
 * @returns only the fields the choice changes; times as UTC ISO strings
 * @throws CrmInputError when the choice is unknown or a consent choice has no version
 */
export function privacyChoiceFields(choice: unknown, version: unknown, now: Date): Record<string, string> {
	const at = now.toISOString();
	const v = typeof version === 'string' ? version.trim() : '';
	const needVersion = () => {
		if (!v) throw new CrmInputError('Consent Version', 'Consent Version is required for a consent choice: the version of the text the user was shown (CONSENT_TEXT_VERSION).');
		if (v.length > 64) throw new CrmInputError('Consent Version', `Consent Version has ${v.length} characters; the limit is 64.`);
		return v;
	};
	switch (choice as PrivacyChoice) {
		case 'consent_prompted':
			return { 'Consent Status': 'pending', 'Consent Version': needVersion(), 'Consent Prompted At': at };
		case 'consent_reminded':
			return { 'Consent Reminded At': at };
		case 'consent_accepted':
			return { 'Consent Status': 'accepted', 'Consent At': at, 'Consent Version': needVersion(), 'Opt-in Status': 'opted_in', 'Opted In At': at };
		case 'consent_declined':
			return { 'Consent Status': 'declined', 'Consent At': at, 'Consent Version': needVersion() };
		case 'opted_out':
			return { 'Opt-in Status': 'opted_out', 'Opted Out At': at };
		case 'opted_in':
			return { 'Opt-in Status': 'opted_in', 'Opted In At': at };
		default:
			throw new CrmInputError('Choice', `Choice must be one of ${PRIVACY_CHOICES.join(', ')}; got ${JSON.stringify(choice)}.`);
	}
}

/**
 * The AuditLog entry of a decision (accepted, declined, opted out or in), or undefined for the
 * prompts (sending a text is not a decision). Actor is the user's phone, as the AuditLog's Actor
 * field documents; erasure anonymises it (anonymisedAuditFields). No message text.
 */
export function privacyAuditFields(choice: PrivacyChoice, phoneNumber: string, version: string | undefined, now: Date, auditKey: string): Record<string, unknown> | undefined {
	const event = AUDIT_EVENTS[choice];
	if (!event) return undefined;
	return {
		Event: event,
		Actor: phoneNumber,
		Entity: 'Users',
		Details: JSON.stringify(choice.startsWith('consent_') ? { consentVersion: version } : {}),
		Severity: 'info',
		At: now.toISOString(),
		'Audit Key': auditKey,
	};
}

/** How erasure treats one table: which rows are the user's, and whether they go or stay anonymised. */
export interface ErasureStep {
	table: string;
	/** Airtable formula selecting the user's rows (the phone only ever enters as an escaped literal). */
	formula: string;
	action: 'delete' | 'anonymise';
}

/**
 * Every table of the base and how erasing one user treats it, in order: rows linked to the user
 * first (Airtable empties a link when its target goes, so the Users row must go last or its
 * children could no longer be found), the Users row last. AuditLog rows naming the phone are kept,
 * anonymised (anonymisedAuditFields); Leads with the phone are deleted. Digests and SyncLog hold
 * nothing personal beyond the User link (Digests go with the user; SyncLog has no user).
 * @throws CrmInputError when the phone is not a phone number
 */
export function erasurePlan(phoneInput: unknown): ErasureStep[] {
	const canonical = canonicalPhone(phoneInput, 'Phone');
	const phone = formulaString(canonical);
	const owned = `ARRAYJOIN({User}) = ${phone}`;
	const mentions = phoneDigitForms(canonical).flatMap((digits) => [`FIND(${formulaString(digits)}, {Actor} & '')`, `FIND(${formulaString(digits)}, {Entity} & '')`, `FIND(${formulaString(digits)}, {Details} & '')`]);
	const leadPhones = phoneDigitForms(canonical).map((digits) => `{Phone} = ${formulaString(`+${digits}`)}`);
	return [
		{ table: 'Messages', formula: owned, action: 'delete' },
		{ table: 'Reminders', formula: owned, action: 'delete' },
		{ table: 'Tasks', formula: owned, action: 'delete' },
		{ table: 'Events', formula: owned, action: 'delete' },
		{ table: 'Emails', formula: owned, action: 'delete' },
		{ table: 'Digests', formula: owned, action: 'delete' },
		{ table: 'Handoffs', formula: owned, action: 'delete' },
		{ table: 'Leads', formula: `OR(${leadPhones.join(', ')})`, action: 'delete' },
		{ table: 'AuditLog', formula: `OR(${mentions.join(', ')})`, action: 'anonymise' },
		{ table: 'Users', formula: `{Phone} = ${phone}`, action: 'delete' },
	];
}

/**
 * The digits a canonical phone may appear as in stored text: E.164 without "+" (WhatsApp's WaId),
 * and for a Brazilian mobile also without its ninth digit, as Twilio may report it.
 * @returns digit strings, the canonical form first
 */
export function phoneDigitForms(canonical: string): string[] {
	const digits = canonical.replace(/^\+/, '');
	if (brazilianNumberKind(canonical) !== 'mobile') return [digits];
	return [digits, `${digits.slice(0, 4)}${digits.slice(5)}`];
}

/** Tables BestStag's data path (buffered mode) writes; erasure checks them again after the first pass. */
export const DATA_PATH_TABLES: readonly string[] = ['Users', 'Messages', 'Tasks', 'Reminders', 'AuditLog'];

/**
 * An AuditLog row with every mention of the phone replaced by `pseudonym` (e.g. "user:3f2a…", a salted
 * hash), so the operators' log keeps what happened and when, never who. The phone is matched in its
 * E.164 form and as WhatsApp's bare digits.
 * @returns only the fields that change
 */
export function anonymisedAuditFields(fields: Record<string, unknown>, phoneNumber: string, pseudonym: string): Record<string, string> {
	const forms = phoneDigitForms(phoneNumber).flatMap((digits) => [`+${digits}`, digits]);
	const changed: Record<string, string> = {};
	for (const name of ['Actor', 'Entity', 'Details']) {
		const value = fields[name];
		if (typeof value !== 'string') continue;
		let next = value;
		for (const form of forms) next = next.split(form).join(pseudonym);
		if (next !== value) changed[name] = next;
	}
	return changed;
}

/**
 * The one AuditLog entry an erasure leaves: when, a pseudonym of the phone, and how many rows went
 * per table. No phone, name or text.
 */
export function erasureAuditFields(pseudonym: string, counts: Record<string, number>, now: Date, auditKey: string): Record<string, unknown> {
	return {
		Event: 'user.erased',
		Actor: pseudonym,
		Entity: 'Users',
		Details: JSON.stringify({ counts }),
		Severity: 'info',
		At: now.toISOString(),
		'Audit Key': auditKey,
	};
}
