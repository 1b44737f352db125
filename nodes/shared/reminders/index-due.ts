import type { INodeExecutionData } from 'n8n-workflow';

import { requireDataPathRedisUrl } from '../datapath/config';
import { redisConnection } from '../redis';
import { ReminderStore } from './store';

/**
 * Files buffered reminder writes (the Airtable CRM node's output items: `key` + `fields`) in the
 * scheduler's due index, so the next run finds them without asking Airtable. Items that failed or
 * are no longer scheduled are left out.
 */
export async function indexReminders(base: string, items: INodeExecutionData[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
	const store = new ReminderStore(redisConnection(requireDataPathRedisUrl(env)), base);
	for (const { json } of items) {
		const fields = (json.fields ?? {}) as Record<string, unknown>;
		const due = Date.parse(String(fields['Due At'] ?? ''));
		if (typeof json.key === 'string' && fields.Status === 'scheduled' && Number.isFinite(due)) await store.index(json.key, due);
	}
}
