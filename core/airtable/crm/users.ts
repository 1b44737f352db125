import { parseQuietHours } from '../../assistant/reminders';
import { DEFAULT_TIMEZONE, LOCALES, OPT_IN_STATUSES, ROLES } from './choices';
import { CrmInputError } from './input-error';
import { choice, compact, instant, optionalText, phone } from './values';

export interface UserInput {
	phone: unknown;
	whatsappId?: unknown;
	name?: unknown;
	email?: unknown;
	timezone?: unknown;
	locale?: unknown;
	optInStatus?: unknown;
	role?: unknown;
	digestTime?: unknown;
	/** Local hours without reminders, HH:MM-HH:MM or off. */
	quietHours?: unknown;
	lastInboundAt?: unknown;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function timezone(value: unknown): string | undefined {
	const zone = optionalText(value, 'Timezone', 64);
	if (zone === undefined) return undefined;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
	} catch {
		throw new CrmInputError('Timezone', `Timezone "${zone}" is not an IANA time zone; use e.g. ${DEFAULT_TIMEZONE}.`);
	}
	return zone;
}

/**
 * Fields for an upsert of Users keyed by Phone (the canonical key). Opting in or out stamps the time.
 * @returns Airtable fields by name; blank inputs are left out
 * @throws CrmInputError naming the parameter and the value when an input is missing, malformed or out of range; nothing is written then
 */
export function userFields(input: UserInput, now: Date): Record<string, unknown> {
	const email = optionalText(input.email, 'Email', 254);
	if (email !== undefined && !EMAIL.test(email)) throw new CrmInputError('Email', `Email "${email}" is not an email address.`);
	const digestTime = optionalText(input.digestTime, 'Digest Time', 5);
	if (digestTime !== undefined && !HH_MM.test(digestTime)) {
		throw new CrmInputError('Digest Time', `Digest Time must be HH:MM in 24 hours, e.g. 07:30; got "${digestTime}".`);
	}
	const quietHours = optionalText(input.quietHours, 'Quiet Hours', 16);
	if (quietHours !== undefined) {
		try {
			parseQuietHours(quietHours);
		} catch {
			throw new CrmInputError('Quiet Hours', `Quiet Hours must be HH:MM-HH:MM in 24 hours (e.g. 22:00-07:00) or "off"; got "${quietHours}".`);
		}
	}
	const optIn = choice(input.optInStatus, 'Opt-in Status', OPT_IN_STATUSES);
	return compact({
		Phone: phone(input.phone, 'Phone'),
		'WhatsApp ID': optionalText(input.whatsappId, 'WhatsApp ID', 32),
		Name: optionalText(input.name, 'Name', 200),
		Email: email,
		Timezone: timezone(input.timezone),
		Locale: choice(input.locale, 'Locale', LOCALES),
		'Opt-in Status': optIn,
		'Opted In At': optIn === 'opted_in' ? now.toISOString() : undefined,
		'Opted Out At': optIn === 'opted_out' ? now.toISOString() : undefined,
		Role: choice(input.role, 'Role', ROLES),
		'Digest Time': digestTime,
		'Quiet Hours': quietHours,
		'Last Inbound At': instant(input.lastInboundAt, 'Last Inbound At'),
	});
}
