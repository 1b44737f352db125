import { instant, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

export const AUDIT_SEVERITIES = ['info', 'warning', 'error'] as const;

export const auditLog: TableSpec = {
	name: 'AuditLog',
	description: 'Who changed what, for operators. No message text or secrets here.',
	fields: [
		text('Event', 'What happened, e.g. user.opted_out.'),
		text('Actor', 'Who did it: a user phone, a consultant, or a workflow name.'),
		text('Entity', 'Table and record id affected, e.g. Users/rec...'),
		longText('Details', 'Structured details as JSON, without PII beyond ids.'),
		select('Severity', 'info, warning or error.', AUDIT_SEVERITIES),
		instant('At', 'When it happened.'),
		text('Audit Key', 'Stable key BestStag gives an entry it writes (au_...); buffered writes upsert on it, so a resent write never logs twice.'),
	],
};
