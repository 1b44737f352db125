import { CONSENT_STATUSES, DEFAULT_TIMEZONE, LOCALES, OPT_IN_STATUSES, ROLES } from '../../core/airtable/crm/choices';
import { email, instant, select, text, phone } from '../fields';
import type { TableSpec } from '../types';

/** The select values, from core (re-exported for the nodes' dropdowns). */
export { ROLES, OPT_IN_STATUSES, LOCALES, DEFAULT_TIMEZONE, CONSENT_STATUSES };

export const users: TableSpec = {
	name: 'Users',
	description: 'Everyone who talks to BestStag on WhatsApp, and the consultants and managers who serve them.',
	fields: [
		phone('Phone', 'Canonical phone of the person, E.164, e.g. +5511987654321 (a Brazilian mobile always with its ninth digit, see core/phone/brazil.ts); the unique key of a user.'),
		text('WhatsApp ID', 'WaId Twilio reports for the sender (the number without +).'),
		text('Name', 'Name the user gave, or their WhatsApp profile name.'),
		email('Email', 'Where the daily digest goes.'),
		text('Timezone', `IANA timezone for dates and reminders; ${DEFAULT_TIMEZONE} when blank.`),
		select('Locale', 'Language of replies and digests.', LOCALES),
		select('Opt-in Status', 'Whether BestStag may message this user.', OPT_IN_STATUSES),
		instant('Opted In At', 'When the user opted in.'),
		instant('Opted Out At', 'When the user opted out: nothing proactive (reminders, digests) is sent after this; answers to their own messages still are.'),
		text('Digest Time', 'Local time of the daily digest, HH:MM (24 h).'),
		text('Quiet Hours', 'Local hours without reminders, HH:MM-HH:MM (24 h), e.g. 22:00-07:00; blank uses BESTSTAG_QUIET_HOURS or 22:00-07:00. A reminder due inside them goes when they end.'),
		select('Role', 'What this person does in BestStag.', ROLES),
		instant('Last Inbound At', "The user's last message: WhatsApp's 24-hour customer-service window starts here."),
		select('Consent Status', 'LGPD consent: pending (asked), accepted or declined. Before accepted, only the phone and these Consent fields are stored.', CONSENT_STATUSES),
		instant('Consent At', 'When the user accepted or declined.'),
		text('Consent Version', 'Version of the consent text the user was shown and answered (core/assistant/catalogue/privacy.ts).'),
		instant('Consent Prompted At', 'When the full consent text was last sent (it is sent again after 24 hours without an answer).'),
		instant('Consent Reminded At', 'When the short consent reminder was last sent (at most one per 10 minutes).'),
	],
};
