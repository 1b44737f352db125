import { date, instant, integer, link, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

export const DIGEST_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

export const digests: TableSpec = {
	name: 'Digests',
	description: 'One daily digest per user and day.',
	fields: [
		text('Digest Key', 'Phone and local date, e.g. +5511987654321|2026-11-20; unique.'),
		link('User', 'Who it is for.', 'Users'),
		date('Date', "The user's local date."),
		select('Status', 'pending until sent.', DIGEST_STATUSES),
		instant('Sent At', 'When the email went out.'),
		integer('Tasks Count', 'Open tasks listed.'),
		integer('Events Count', 'Events listed.'),
		integer('Emails Count', 'Emails listed.'),
		longText('Content', 'The plain-text version that was sent.'),
	],
};
