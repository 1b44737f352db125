import { instant, longText, select, text } from '../fields';
import type { TableSpec } from '../types';

export const SYNC_ASSETS = ['prd', 'roadmap', 'presentation'] as const;
export const SYNC_TARGETS = ['notion', 'monday', 'gamma'] as const;
export const SYNC_STATUSES = ['pending', 'synced', 'unchanged', 'failed'] as const;

export const syncLog: TableSpec = {
	name: 'SyncLog',
	description: 'Each sync of sales-discovery output to Notion, Monday or Gamma.',
	fields: [
		text('Sync Key', 'Asset, asset id and target, e.g. prd|acme-2026|notion; unique.'),
		select('Asset', 'prd, roadmap or presentation.', SYNC_ASSETS),
		text('Asset ID', 'Which discovery output.'),
		select('Target', 'notion, monday or gamma.', SYNC_TARGETS),
		text('External ID', "The target's page, board or deck id."),
		text('Content Hash', 'SHA-256 of the synced content; an unchanged hash skips the sync.'),
		select('Status', 'How the last sync went.', SYNC_STATUSES),
		instant('Synced At', 'When it last synced.'),
		longText('Error', 'The failure, when Status is failed.'),
	],
};
